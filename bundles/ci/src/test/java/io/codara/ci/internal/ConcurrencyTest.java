package io.codara.ci.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.codara.api.storage.JobQueue;
import io.codara.api.storage.Migrations;
import io.codara.ci.internal.engine.CiEngine;
import io.codara.ci.internal.engine.Engines;
import io.codara.ci.internal.engine.JobDispatcher;
import io.codara.ci.internal.engine.PlannedJob;
import io.codara.ci.internal.engine.PlannedRun;
import io.codara.ci.internal.engine.PlannedStep;
import io.codara.ci.internal.engine.WorkflowJob;
import io.codara.ci.internal.engine.WorkflowPlanner;
import io.codara.ci.internal.engine.WorkflowRun;
import io.codara.ci.internal.shell.ShellRunnerProvider;
import io.codara.ci.internal.shell.ShellRunners;
import io.codara.ci.internal.workflow.WorkflowParser;
import io.codara.storage.internal.PostgresJobQueue;
import io.codara.storage.internal.StorageSchema;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

/**
 * {@code concurrency} of workflows and jobs on a real PostgreSQL with the real shell runner: one running and one
 * pending per group, a newer pending run replacing the older one, {@code cancel-in-progress} cancelling the running
 * job and killing its process, groups of jobs, expressions in the group, and two engines (two nodes) creating runs of
 * one group at the same time. Jobs wait on a gate file, so nothing depends on timing.
 */
class ConcurrencyTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private CiFixture fixture;
    private JobQueue queue;
    private CiEngine engine;
    private ShellRunnerProvider runner;
    private JobDispatcher dispatcher;
    private Path gate;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new CiFixture(temp);
        Flyway.configure(getClass().getClassLoader()).dataSource(fixture.database.dataSource()).schemas("storage")
                .locations("classpath:db/migration/storage").load().migrate();
        queue = new PostgresJobQueue(fixture.database, new StorageSchema(mock(Migrations.class),
                mock(BundleContext.class)));
        engine = engine();
        runner = ShellRunners.shell(Files.createDirectories(temp.resolve("root")), Map.of("max_concurrent_jobs", 8));
        dispatcher = Engines.dispatcher(engine, queue, fixture.secrets, fixture.repositories, id -> fixture.gitDir,
                Map.of("poll_interval_ms", 50L, "lease_seconds", 5));
        Engines.addRunner(dispatcher, runner);
        gate = temp.resolve("gate");
    }

    private CiEngine engine() {
        return Engines.engine(new CiSchema(), fixture.database, queue, fixture.outbox, fixture.statuses,
                fixture.repositories, Map.of("web_url", "http://codara.test"));
    }

    @AfterEach
    void tearDown() {
        Engines.stop(dispatcher);
        ShellRunners.stop(runner);
    }

    @Test
    void aNewerPendingRunReplacesTheOlderOneAndStartsWhenTheRunningOneEnds() throws Exception {
        WorkflowRun first = engine.createRun(run("deploy", false, gatedJob("ship")));
        assertThat(first.status()).isEqualTo("queued");
        awaitTrue(() -> status(first.id()).equals("in_progress"));

        WorkflowRun second = engine.createRun(run("deploy", false, gatedJob("ship")));
        assertThat(second.status()).as("one runs, so the next waits").isEqualTo("pending");
        assertThat(engine.jobs(second.id(), null)).extracting(WorkflowJob::status).containsExactly("waiting");
        WorkflowRun third = engine.createRun(run("deploy", false, gatedJob("ship")));
        assertThat(third.status()).isEqualTo("pending");
        WorkflowRun replaced = engine.run(second.id()).orElseThrow();
        assertThat(replaced.status()).isEqualTo("completed");
        assertThat(replaced.conclusion()).as("a newer pending run replaces the older").isEqualTo("cancelled");
        assertThat(status(first.id())).isEqualTo("in_progress");
        WorkflowRun other = engine.createRun(run("other-group", false, job("free", step("echo free"))));
        assertThat(awaitRun(other.id()).conclusion()).as("other groups do not wait").isEqualTo("success");

        Files.writeString(gate, "open");
        assertThat(awaitRun(first.id()).conclusion()).isEqualTo("success");
        WorkflowRun done = awaitRun(third.id());
        assertThat(done.conclusion()).isEqualTo("success");
        assertThat(engine.jobs(third.id(), null).get(0).startedAt())
                .isAfterOrEqualTo(engine.jobs(first.id(), null).get(0).completedAt());
    }

    @Test
    void cancelInProgressCancelsTheRunningJobAndKillsItsProcess() throws Exception {
        Path pid = temp.resolve("sleep.pid");
        WorkflowRun first = engine.createRun(run("ci-main", true, job("build",
                step("sleep 120 & echo $! > " + pid + "; wait; touch " + temp.resolve("survived")))));
        awaitTrue(() -> Files.exists(pid) && !readOrEmpty(pid).isBlank());
        long sleeper = Long.parseLong(readOrEmpty(pid).strip());
        assertThat(ProcessHandle.of(sleeper)).isPresent();

        WorkflowRun second = engine.createRun(run("ci-main", true, job("build", step("echo second"))));
        WorkflowRun cancelled = awaitRun(first.id());
        assertThat(cancelled.conclusion()).isEqualTo("cancelled");
        awaitTrue(() -> ProcessHandle.of(sleeper).map(p -> !p.isAlive()).orElse(true));
        assertThat(temp.resolve("survived")).doesNotExist();
        assertThat(awaitRun(second.id()).conclusion()).isEqualTo("success");
        assertThat(engine.jobs(second.id(), null).get(0).startedAt())
                .isAfterOrEqualTo(engine.jobs(first.id(), null).get(0).completedAt());
    }

    @Test
    void jobsOfOneGroupInDifferentRunsRunOneAtATime() throws Exception {
        WorkflowRun first = engine.createRun(run(null, false,
                withGroup(gatedJob("migrate"), "database"), job("lint", step("echo lint"))));
        awaitTrue(() -> engine.jobs(first.id(), null).get(0).status().equals("in_progress"));
        WorkflowRun second = engine.createRun(run(null, false, withGroup(job("migrate", step("echo migrate")),
                "database")));
        awaitTrue(() -> engine.jobs(second.id(), null).get(0).status().equals("pending"));
        assertThat(awaitJob(first.id(), 1).conclusion()).as("jobs outside the group run").isEqualTo("success");
        assertThat(engine.jobs(second.id(), null).get(0).status()).isEqualTo("pending");

        Files.writeString(gate, "open");
        assertThat(awaitRun(first.id()).conclusion()).isEqualTo("success");
        assertThat(awaitRun(second.id()).conclusion()).isEqualTo("success");
        assertThat(engine.jobs(second.id(), null).get(0).startedAt())
                .isAfterOrEqualTo(engine.jobs(first.id(), null).get(0).completedAt());
    }

    @Test
    void twoNodesCreatingRunsOfOneGroupAtOnceLeaveOneRunningAndOnePending() throws Exception {
        CiEngine otherNode = engine();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<WorkflowRun>> created = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                CiEngine node = i % 2 == 0 ? engine : otherNode;
                created.add(pool.submit((Callable<WorkflowRun>) () ->
                        node.createRun(run("race", false, gatedJob("ship")))));
            }
            List<Long> ids = new ArrayList<>();
            for (Future<WorkflowRun> f : created) {
                ids.add(f.get().id());
            }
            List<WorkflowRun> runs = ids.stream().map(id -> engine.run(id).orElseThrow()).toList();
            assertThat(runs).filteredOn(r -> r.status().equals("queued") || r.status().equals("in_progress"))
                    .hasSize(1);
            assertThat(runs).filteredOn(r -> r.status().equals("pending")).hasSize(1);
            assertThat(runs).filteredOn(r -> "cancelled".equals(r.conclusion())).hasSize(6);
        } finally {
            pool.shutdownNow();
        }
        Files.writeString(gate, "open");
        awaitTrue(() -> engine.runs(fixture.tools.id(), new CiEngine.RunFilter(null, null, null, null), 1, 20)
                .runs().stream().allMatch(r -> r.status().equals("completed")));
        assertThat(engine.runs(fixture.tools.id(), new CiEngine.RunFilter(null, null, "success", null), 1, 20)
                .total()).isEqualTo(2);
    }

    @Test
    void theGroupIsAnExpressionOverTheGithubContext() {
        WorkflowParser parser = new WorkflowParser();
        var workflow = parser.parse(".codara/workflows/ci.yml", """
                name: CI
                on: push
                concurrency:
                  group: ${{ github.workflow }}-${{ github.ref }}
                  cancel-in-progress: ${{ github.ref != 'refs/heads/main' }}
                jobs:
                  deploy:
                    runs-on: shell
                    concurrency: deploy-${{ github.ref_name }}
                    steps:
                      - run: echo hi
                """).workflow();
        PlannedRun feature = WorkflowPlanner.plan(workflow, new WorkflowPlanner.Trigger(7, "alice/tools", "push",
                fixture.second, "refs/heads/feature/x", "alice", Map.of()));
        assertThat(feature.concurrency()).isEqualTo(new PlannedRun.Concurrency("CI-refs/heads/feature/x", true));
        assertThat(feature.jobs().get(0).concurrency())
                .isEqualTo(new PlannedRun.Concurrency("deploy-feature/x", false));
        PlannedRun main = WorkflowPlanner.plan(workflow, new WorkflowPlanner.Trigger(7, "alice/tools", "push",
                fixture.second, "refs/heads/main", "alice", Map.of()));
        assertThat(main.concurrency()).isEqualTo(new PlannedRun.Concurrency("CI-refs/heads/main", false));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private PlannedRun run(String group, boolean cancelInProgress, PlannedJob... jobs) {
        return new PlannedRun(fixture.tools.id(), ".codara/workflows/ci.yml", "CI", "push", fixture.second, "main",
                "alice", List.of(jobs), List.of(), Map.of(), null, Map.of(), null, false,
                group == null ? null : new PlannedRun.Concurrency(group, cancelInProgress));
    }

    private PlannedJob gatedJob(String key) {
        return job(key, step("while [ ! -f " + gate + " ]; do sleep 0.05; done; echo through"));
    }

    private static PlannedJob job(String key, PlannedStep... steps) {
        return new PlannedJob(key, null, Map.of(), List.of(), List.of("shell"), 5, false, "", Map.of(),
                List.of(steps));
    }

    private static PlannedJob withGroup(PlannedJob job, String group) {
        return new PlannedJob(job.key(), job.name(), job.matrix(), job.needs(), job.runsOn(), job.timeoutMinutes(),
                job.continueOnError(), job.condition(), job.env(), job.steps(), job.failFast(), job.maxParallel(),
                job.outputs(), new PlannedRun.Concurrency(group, false));
    }

    private static PlannedStep step(String run) {
        return new PlannedStep(null, null, run, null, null, Map.of(), null, false, "");
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private String status(long runId) {
        return engine.run(runId).orElseThrow().status();
    }

    private WorkflowJob awaitJob(long runId, int index) throws InterruptedException {
        awaitTrue(() -> engine.jobs(runId, null).get(index).status().equals("completed"));
        return engine.jobs(runId, null).get(index);
    }

    private WorkflowRun awaitRun(long runId) throws InterruptedException {
        awaitTrue(() -> engine.run(runId).orElseThrow().status().equals("completed"));
        return engine.run(runId).orElseThrow();
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(50);
        }
    }
}
