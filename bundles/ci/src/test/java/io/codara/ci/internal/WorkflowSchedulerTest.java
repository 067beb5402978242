package io.codara.ci.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.codara.api.event.EventProperties;
import io.codara.api.event.Topics;
import io.codara.api.storage.Job;
import io.codara.api.storage.JobOptions;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.Migrations;
import io.codara.ci.internal.engine.CiEngine;
import io.codara.ci.internal.engine.Engines;
import io.codara.ci.internal.engine.JobDispatcher;
import io.codara.ci.internal.engine.WorkflowRun;
import io.codara.ci.internal.engine.WorkflowScheduler;
import io.codara.ci.internal.engine.WorkflowTrigger;
import io.codara.ci.internal.shell.ShellRunnerProvider;
import io.codara.ci.internal.shell.ShellRunners;
import io.codara.storage.internal.PostgresJobQueue;
import io.codara.storage.internal.StorageSchema;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.service.event.Event;

/**
 * {@code schedule}: crons remembered from the default branch on push, fired at their minute (UTC) by the time of an
 * injected clock, once when two nodes fire together, one run for the minutes missed during downtime, and one tick
 * chain for the cluster; on a real PostgreSQL, a real git repository and the real shell runner.
 */
class WorkflowSchedulerTest {

    private static final String NIGHTLY = """
            name: Nightly
            on:
              schedule:
                - cron: '*/15 * * * *'
              push:
                branches: [nothing-matches]
            jobs:
              report:
                runs-on: shell
                steps:
                  - run: echo "event=${{ github.event_name }} cron=${{ github.event.schedule }} ref=${{ github.ref }}"
            """;

    @TempDir
    Path temp;

    private CiFixture fixture;
    private JobQueue queue;
    private CiEngine engine;
    private MutableClock clock;
    private WorkflowScheduler scheduler;
    private WorkflowScheduler otherNode;
    private WorkflowTrigger trigger;
    private ShellRunnerProvider runner;
    private JobDispatcher dispatcher;
    private Git git;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new CiFixture(temp);
        Flyway.configure(getClass().getClassLoader()).dataSource(fixture.database.dataSource()).schemas("storage")
                .locations("classpath:db/migration/storage").load().migrate();
        queue = new PostgresJobQueue(fixture.database, new StorageSchema(mock(Migrations.class),
                mock(BundleContext.class)));
        engine = Engines.engine(new CiSchema(), fixture.database, queue, fixture.outbox, fixture.statuses,
                fixture.repositories, Map.of("web_url", "http://codara.test"));
        clock = new MutableClock(Instant.parse("2026-03-02T10:07:30Z"));
        scheduler = Engines.scheduler(engine, queue, fixture.database, fixture.repositories, id -> fixture.gitDir,
                clock);
        otherNode = Engines.scheduler(engine, queue, fixture.database, fixture.repositories, id -> fixture.gitDir,
                clock);
        trigger = new WorkflowTrigger(engine, queue, fixture.repositories, id -> fixture.gitDir, scheduler);
        runner = ShellRunners.shell(Files.createDirectories(temp.resolve("root")), Map.of("max_concurrent_jobs", 4));
        dispatcher = Engines.dispatcher(engine, queue, fixture.secrets, fixture.repositories, id -> fixture.gitDir,
                Map.of("poll_interval_ms", 50L, "lease_seconds", 5));
        Engines.addRunner(dispatcher, runner);
        git = Git.open(temp.resolve("work").toFile());
    }

    @AfterEach
    void tearDown() {
        Engines.stop(dispatcher);
        ShellRunners.stop(runner);
        git.close();
    }

    @Test
    void aScheduleOnTheDefaultBranchFiresAtItsMinuteOnceWhenTwoNodesFireIt() throws Exception {
        String head = commit(Map.of(".codara/workflows/nightly.yml", NIGHTLY));
        push(1, "refs/heads/main", fixture.second, head);
        assertThat(Engines.schedules(scheduler, fixture.tools.id()))
                .containsExactly(".codara/workflows/nightly.yml */15 * * * * 2026-03-02T10:15:00Z");
        assertThat(runs()).as("the push itself matches no push filter").isEmpty();

        clock.set(Instant.parse("2026-03-02T10:14:59Z"));
        assertThat(scheduler.fireDue()).isEmpty();
        clock.set(Instant.parse("2026-03-02T10:15:00.200Z"));
        List<WorkflowRun> fired = scheduler.fireDue();
        assertThat(otherNode.fireDue()).as("the other node finds nothing due any more").isEmpty();
        assertThat(fired).singleElement().satisfies(r -> {
            assertThat(r.event()).isEqualTo("schedule");
            assertThat(r.headSha()).isEqualTo(head);
            assertThat(r.headBranch()).isEqualTo("main");
        });
        assertThat(Engines.schedules(scheduler, fixture.tools.id()))
                .containsExactly(".codara/workflows/nightly.yml */15 * * * * 2026-03-02T10:30:00Z");
        WorkflowRun done = await(fired.get(0).id());
        assertThat(done.conclusion()).isEqualTo("success");
        assertThat(engine.log(engine.jobs(done.id(), null).get(0).id(), 1, 0, 1 << 20).text())
                .contains("event=schedule cron=*/15 * * * * ref=refs/heads/main");

        // Two nodes firing the same minute at the same time start one run between them.
        clock.set(Instant.parse("2026-03-02T10:30:00.100Z"));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> scheduler.fireDue());
            var b = pool.submit(() -> otherNode.fireDue());
            assertThat(a.get().size() + b.get().size()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(runs()).hasSize(2);
    }

    @Test
    void minutesMissedWhileNoNodeRanGiveOneRunThenTheScheduleGoesOn() throws Exception {
        String head = commit(Map.of(".codara/workflows/nightly.yml", NIGHTLY));
        push(2, "refs/heads/main", fixture.second, head);

        clock.set(Instant.parse("2026-03-02T13:02:10Z"));
        assertThat(scheduler.fireDue()).as("12 missed firings, one run").hasSize(1);
        assertThat(scheduler.fireDue()).isEmpty();
        assertThat(Engines.schedules(scheduler, fixture.tools.id()))
                .containsExactly(".codara/workflows/nightly.yml */15 * * * * 2026-03-02T13:15:00Z");
    }

    @Test
    void pushesToTheDefaultBranchUpdateTheSchedulesAndOtherBranchesDoNot() throws Exception {
        String head = commit(Map.of(".codara/workflows/nightly.yml", NIGHTLY));
        push(3, "refs/heads/feature/x", fixture.first, head);
        assertThat(Engines.schedules(scheduler, fixture.tools.id())).as("not the default branch").isEmpty();
        push(4, "refs/heads/main", fixture.second, head);
        assertThat(Engines.schedules(scheduler, fixture.tools.id())).hasSize(1);

        String changed = commit(Map.of(".codara/workflows/nightly.yml", NIGHTLY.replace("'*/15 * * * *'",
                "'0 6 * * 1'\n    - cron: '*/15 * * * *'")));
        clock.set(Instant.parse("2026-03-02T10:20:00Z"));
        push(5, "refs/heads/main", head, changed);
        assertThat(Engines.schedules(scheduler, fixture.tools.id())).as("a kept cron keeps its next minute")
                .containsExactly(".codara/workflows/nightly.yml */15 * * * * 2026-03-02T10:15:00Z",
                        ".codara/workflows/nightly.yml 0 6 * * 1 2026-03-09T06:00:00Z");

        git.rm().addFilepattern(".codara/workflows/nightly.yml").call();
        String removed = commit(Map.of("README.md", "no more schedules\n"));
        push(6, "refs/heads/main", changed, removed);
        assertThat(Engines.schedules(scheduler, fixture.tools.id())).isEmpty();
    }

    @Test
    void theClusterHasOneTickWhoseFirstArmingReadsEveryRepositoryAndAStrayTickEndsWithoutFiring() throws Exception {
        commit(Map.of(".codara/workflows/nightly.yml", NIGHTLY));
        org.mockito.Mockito.when(fixture.repositories.visible(org.mockito.ArgumentMatchers.any(),
                org.mockito.ArgumentMatchers.eq(0L), org.mockito.ArgumentMatchers.anyInt()))
                .thenReturn(List.of(fixture.tools));
        scheduler.ensureTicking();
        otherNode.ensureTicking();
        assertThat(queue.stats("ci.schedule").queued()).as("two nodes starting arm one tick and one scan")
                .isEqualTo(2);
        long live = liveTick();
        Job scan = queue.claim("ci.schedule", "test", Duration.ofSeconds(30)).orElseThrow();
        assertThat(scan.id()).as("the tick waits for the next minute").isNotEqualTo(live);
        otherNode.handle(scan);
        assertThat(Engines.schedules(scheduler, fixture.tools.id()))
                .as("the scan read the schedules of the default branch, pushed before any node ran")
                .containsExactly(".codara/workflows/nightly.yml */15 * * * * 2026-03-02T10:15:00Z");

        clock.set(Instant.parse("2026-03-02T10:15:01Z"));
        Job stray = queue.enqueue("ci.schedule", "{\"tick\":true}", JobOptions.DEFAULT);
        otherNode.handle(stray);
        assertThat(runs()).as("a stray tick fires nothing").isEmpty();
        assertThat(liveTick()).isEqualTo(live);

        scheduler.handle(queue.find(live).orElseThrow());
        assertThat(runs()).hasSize(1);
        assertThat(liveTick()).as("the live tick armed the next one").isNotEqualTo(live);
        assertThat(queue.find(liveTick()).orElseThrow().runAt())
                .isAfter(Instant.now().plusSeconds(30)).isBefore(Instant.now().plusSeconds(62));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private long liveTick() throws Exception {
        try (Connection c = fixture.database.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT tick_job FROM ci.schedule_clock")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<WorkflowRun> runs() {
        return engine.runs(fixture.tools.id(), new CiEngine.RunFilter(null, null, null, null), 1, 100).runs();
    }

    private void push(long eventId, String ref, String before, String after) throws Exception {
        Map<String, Object> properties = new HashMap<>();
        properties.put("repository_id", fixture.tools.id());
        properties.put("repository", "alice/tools");
        properties.put("pusher", "alice");
        properties.put("ref_updates", List.of(Map.of("ref", ref, "before", before, "after", after)));
        properties.put(EventProperties.EVENT_ID, eventId);
        trigger.handleEvent(new Event(Topics.GIT_PUSH, properties));
        Job job = queue.claim("ci.trigger", "test", Duration.ofSeconds(30)).orElseThrow();
        trigger.handle(job);
        queue.complete(job.id(), "test");
    }

    private String commit(Map<String, String> files) throws Exception {
        Path work = temp.resolve("work");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = work.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        git.add().addFilepattern(".").call();
        RevCommit commit = git.commit().setMessage("workflows").setAuthor("Alice", "alice@example.com")
                .setCommitter("Alice", "alice@example.com").setSign(false).call();
        return commit.name();
    }

    private WorkflowRun await(long runId) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!engine.run(runId).orElseThrow().status().equals("completed")) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("run " + runId + " did not complete: " + engine.jobs(runId, null));
            }
            Thread.sleep(50);
        }
        return engine.run(runId).orElseThrow();
    }
}
