package io.codara.api.ci.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RunnerJobTest {

    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    private static RunnerJob job(List<RunnerStep> steps, String sha, Duration timeout) {
        return new RunnerJob(1, 2, 3, 1, "ci", "build", "o/r", RepositorySource.local(Path.of("/r.git")), sha,
                "refs/heads/main", null, timeout, steps, null, null);
    }

    @Test
    void defaultsAndCopies() {
        RunnerStep step = new RunnerStep(1, null, null, "make test\nmake lint", null, null, null, null, false);
        RunnerJob job = job(List.of(step), SHA, Duration.ofMinutes(360));
        assertThat(step.name()).isEqualTo("Run make test");
        assertThat(step.env()).isEmpty();
        assertThat(job.env()).isEmpty();
        assertThat(job.secrets()).isEmpty();
        assertThat(job.limits()).isEqualTo(ResourceLimits.NONE);
        assertThat(new ResourceLimits(5, 0, 0).orElse(new ResourceLimits(9, 100, 7)))
                .isEqualTo(new ResourceLimits(5, 100, 7));
        assertThat(Conclusion.CANCELLED.apiName()).isEqualTo("cancelled");
    }

    @Test
    void rejectsWhatNoRunnerCouldRun() {
        RunnerStep second = new RunnerStep(2, null, "x", "true", null, null, Map.of(), null, false);
        assertThatThrownBy(() -> job(List.of(second), SHA, Duration.ofMinutes(1)))
                .hasMessage("step 1 has index 2");
        assertThatThrownBy(() -> job(List.of(), "main", Duration.ofMinutes(1))).hasMessageContaining("full");
        assertThatThrownBy(() -> job(List.of(), SHA, Duration.ZERO)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new RunnerStep(0, null, "x", "true", null, null, Map.of(), null, false))
                .hasMessageContaining("start at 1");
        assertThatThrownBy(() -> new RepositorySource(Path.of("/r.git"), URI.create("http://h/r.git"), null))
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> new ResourceLimits(-1, 0, 0)).hasMessageContaining("negative");
        assertThat(RepositorySource.remote(URI.create("http://h/r.git"), "t").token()).isEqualTo("t");
        assertThat(Set.of(Conclusion.values())).hasSize(4);
    }
}
