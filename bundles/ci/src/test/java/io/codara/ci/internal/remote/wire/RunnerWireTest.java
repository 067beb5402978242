package io.codara.ci.internal.remote.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.ci.spi.Conclusion;
import io.codara.api.ci.spi.JobResult;
import io.codara.api.ci.spi.RepositorySource;
import io.codara.api.ci.spi.ResourceLimits;
import io.codara.api.ci.spi.RunnerJob;
import io.codara.api.ci.spi.RunnerStep;
import io.codara.api.ci.spi.StepResult;

import org.junit.jupiter.api.Test;

/** The runner protocol's JSON: what the server writes, the runner reads back equal, through real JSON text. */
class RunnerWireTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, Object> throughJson(Map<String, Object> value) throws Exception {
        return JSON.readValue(JSON.writeValueAsString(value), new TypeReference<Map<String, Object>>() { });
    }

    @Test
    void aJobComesBackEqualThroughJson() throws Exception {
        RunnerJob job = new RunnerJob(5_000_000_000L, 12, 3, 2, "CI", "build", "acme/widgets",
                RepositorySource.remote(URI.create("http://codara.test/acme/widgets.git"), "job-token"),
                "a".repeat(40), "refs/heads/main", Map.of("GITHUB_EVENT_NAME", "push"), Duration.ofMinutes(30),
                List.of(new RunnerStep(1, "first", "First", "echo hi", null, null, Map.of("A", "b"), null, false),
                        new RunnerStep(2, null, null, "make test", "sh", "sub", Map.of(), Duration.ofMinutes(5),
                                true)),
                Set.of("s3cr3t"), new ResourceLimits(10, 1 << 30, 64));
        assertThat(RunnerWire.job(throughJson(RunnerWire.job(job)))).isEqualTo(job);
    }

    @Test
    void aJobFromALocalDirectoryCannotGoToARemoteRunner() {
        RunnerJob job = new RunnerJob(1, 1, 1, 1, "CI", "b", "a/b", RepositorySource.local(Path.of("/tmp/x")),
                "b".repeat(40), "", Map.of(), Duration.ofMinutes(1), List.of(), Set.of(), null);
        assertThatThrownBy(() -> RunnerWire.job(job)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stepAndJobResultsComeBackEqualThroughJson() throws Exception {
        Instant start = Instant.parse("2026-12-01T10:00:00.123456Z");
        StepResult ok = new StepResult(1, "first", Conclusion.FAILURE, Conclusion.SUCCESS, 3, Map.of("x", "1"),
                "failed but continues", start, start.plusSeconds(2));
        StepResult skipped = new StepResult(2, null, Conclusion.SKIPPED, Conclusion.SKIPPED, null, Map.of(), null,
                null, start.plusSeconds(2));
        assertThat(RunnerWire.step(throughJson(RunnerWire.step(ok)))).isEqualTo(ok);
        assertThat(RunnerWire.step(throughJson(RunnerWire.step(skipped)))).isEqualTo(skipped);
        JobResult result = new JobResult(9, Conclusion.CANCELLED, "cancelled", List.of(ok, skipped), start,
                start.plusSeconds(3));
        assertThat(RunnerWire.result(9, throughJson(RunnerWire.result(result)))).isEqualTo(result);
        assertThatThrownBy(() -> RunnerWire.conclusion("green")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RunnerWire.conclusion(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
