package io.codara.ci.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.ci.spi.Conclusion;
import io.codara.api.ci.spi.JobResult;
import io.codara.api.live.LiveRequest;
import io.codara.api.live.LiveSink;
import io.codara.api.live.LiveSubscription;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Principal;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.Migrations;
import io.codara.ci.internal.engine.CiEngine;
import io.codara.ci.internal.engine.Engines;
import io.codara.ci.internal.engine.PlannedJob;
import io.codara.ci.internal.engine.PlannedRun;
import io.codara.ci.internal.engine.PlannedStep;
import io.codara.ci.internal.engine.WorkflowRun;
import io.codara.storage.internal.PostgresJobQueue;
import io.codara.storage.internal.StorageSchema;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

/** The live job log on a real PostgreSQL: stored text from an offset, new text as it is stored, the conclusion. */
class JobLogChannelTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private CiFixture fixture;
    private CiEngine engine;
    private JobQueue queue;
    private JobLogChannel channel;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new CiFixture(temp);
        Flyway.configure(getClass().getClassLoader()).dataSource(fixture.database.dataSource()).schemas("storage")
                .locations("classpath:db/migration/storage").load().migrate();
        queue = new PostgresJobQueue(fixture.database, new StorageSchema(mock(Migrations.class), mock(BundleContext.class)));
        engine = Engines.engine(new CiSchema(), fixture.database, queue, fixture.outbox, fixture.statuses,
                fixture.repositories, Map.of("web_url", "http://codara.test/"));
        channel = new JobLogChannel(engine, fixture.repositories, fixture.permissions);
    }

    @AfterEach
    void tearDown() {
        channel.deactivate();
    }

    @Test
    void storedTextFromTheOffsetThenNewTextThenTheConclusion() throws Exception {
        long jobId = takenJob(fixture.tools.id());
        assertThat(engine.log(jobId, "node", 1, 0, 0, "hello ")).isTrue();
        assertThat(engine.log(jobId, "node", 1, 6, 6, "wörld\n")).isTrue();

        Sink sink = new Sink();
        LiveSubscription subscription = channel.open(request(CiFixture.CAROL, "tools", jobId, "3"), sink);
        JsonNode first = sink.next();
        assertThat(first.path("offset").asLong()).isEqualTo(3);
        assertThat(first.path("text").asText()).isEqualTo("lo wörld\n");
        long next = first.path("next_offset").asLong();
        assertThat(next).isEqualTo(13); // "ö" is two bytes

        assertThat(engine.log(jobId, "node", 2, 0, next, "step two\n")).isTrue();
        JsonNode second = sink.next();
        assertThat(second.path("offset").asLong()).isEqualTo(13);
        assertThat(second.path("text").asText()).isEqualTo("step two\n");

        assertThat(engine.finish(jobId, "node", new JobResult(jobId, Conclusion.FAILURE, "exit 1", List.of(),
                Instant.now(), Instant.now()))).isTrue();
        JsonNode last = sink.next();
        assertThat(last.path("status").asText()).isEqualTo("completed");
        assertThat(last.path("conclusion").asText()).isEqualTo("failure");
        assertThat(last.path("next_offset").asLong()).isEqualTo(22);
        assertThat(sink.closed.poll(5, TimeUnit.SECONDS)).isEqualTo(LiveSink.NORMAL);
        subscription.close();
        assertThat(sink.messages).isEmpty();
    }

    @Test
    void aFinishedJobsWholeLogComesAtOnceAndAClosedStreamStopsReading() throws Exception {
        long jobId = takenJob(fixture.tools.id());
        StringBuilder log = new StringBuilder();
        long offset = 0;
        for (int i = 0; i < 200; i++) {
            String line = "line " + i + " " + "x".repeat(1000) + "\n";
            assertThat(engine.log(jobId, "node", 1, offset, offset, line)).isTrue();
            offset += line.length();
            log.append(line);
        }
        engine.finish(jobId, "node", new JobResult(jobId, Conclusion.SUCCESS, null, List.of(), Instant.now(), Instant.now()));
        Sink sink = new Sink();
        channel.open(request(CiFixture.ALICE, "tools", jobId, null), sink);
        StringBuilder received = new StringBuilder();
        JsonNode message;
        while (!(message = sink.next()).has("conclusion")) {
            received.append(message.path("text").asText());
        }
        assertThat(received.toString()).isEqualTo(log.toString());
        assertThat(message.path("conclusion").asText()).isEqualTo("success");

        long running = takenJob(fixture.tools.id());
        Sink early = new Sink();
        LiveSubscription subscription = channel.open(request(CiFixture.ALICE, "tools", running, null), early);
        subscription.close();
        engine.log(running, "node", 1, 0, 0, "after the client left\n");
        Thread.sleep(3 * JobLogChannel.POLL_MILLIS);
        assertThat(early.messages).isEmpty();
    }

    @Test
    void whoMayNotReadTheRepositoryOrAsksForAnotherRepositorysJobGets404() throws Exception {
        long hiddenJob = takenJob(fixture.hidden.id());
        assertStatus(() -> channel.open(request(CiFixture.BOB, "hidden", hiddenJob, null), new Sink()), 404);
        assertStatus(() -> channel.open(request(CiFixture.CAROL, "tools", hiddenJob, null), new Sink()), 404);
        assertStatus(() -> channel.open(request(CiFixture.CAROL, "tools", 999_999, null), new Sink()), 404);
        assertStatus(() -> channel.open(new LiveRequest(CiFixture.CAROL, Map.of("owner", "alice", "repo", "tools",
                "id", "abc"), Map.of()), new Sink()), 404);
        assertStatus(() -> channel.open(request(CiFixture.CAROL, "hidden", hiddenJob, "-1"), new Sink()), 422);
        assertStatus(() -> channel.open(request(CiFixture.CAROL, "hidden", hiddenJob, "x"), new Sink()), 422);
        Sink sink = new Sink();
        channel.open(request(CiFixture.CAROL, "hidden", hiddenJob, null), sink);
        engine.log(hiddenJob, "node", 1, 0, 0, "visible to readers\n");
        assertThat(sink.next().path("text").asText()).isEqualTo("visible to readers\n");
    }

    private long takenJob(long repositoryId) {
        WorkflowRun run = engine.createRun(new PlannedRun(repositoryId, ".codara/workflows/ci.yml", "CI", "push",
                fixture.second, "main", "alice", List.of(new PlannedJob("build", null, Map.of(), List.of(),
                        List.of("shell"), 5, false, "", Map.of(), List.of(new PlannedStep(null, null, "true", null,
                                null, Map.of(), null, false, "")))), List.of()));
        long jobId = engine.jobs(run.id(), null).get(0).id();
        queue.claim("ci.shell", "node", Duration.ofSeconds(60)).orElseThrow();
        assertThat(engine.take(jobId, "node", "shell@node", Duration.ofSeconds(60))).isPresent();
        return jobId;
    }

    private static LiveRequest request(Principal principal, String repo, long jobId, String offset) {
        return new LiveRequest(principal, Map.of("owner", "alice", "repo", repo, "id", Long.toString(jobId)),
                offset == null ? Map.of() : Map.of("offset", offset));
    }

    private static void assertStatus(Runnable open, int status) {
        assertThatThrownBy(open::run).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(status));
    }

    /** A sink that records messages and its close code, fed from the channel's timer thread. */
    static final class Sink implements LiveSink {

        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<Integer> closed = new LinkedBlockingQueue<>();
        private volatile boolean open = true;

        @Override
        public boolean send(String text) {
            if (open) {
                messages.add(text);
            }
            return open;
        }

        @Override
        public void close(int code, String reason) {
            open = false;
            closed.add(code);
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        JsonNode next() throws Exception {
            String message = messages.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a message within 10 s").isNotNull();
            return JSON.readTree(message);
        }
    }
}
