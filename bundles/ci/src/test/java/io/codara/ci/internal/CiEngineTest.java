package io.codara.ci.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.codara.api.audit.Actor;
import io.codara.api.ci.CommitStatus;
import io.codara.api.ci.RunSummary;
import io.codara.api.ci.SecretScope;
import io.codara.api.ci.spi.Conclusion;
import io.codara.api.ci.spi.JobResult;
import io.codara.api.event.Topics;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.PageRequest;
import io.codara.api.storage.Job;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.Migrations;
import io.codara.ci.internal.engine.CiEngine;
import io.codara.ci.internal.engine.EngineWorkflowRuns;
import io.codara.ci.internal.engine.Engines;
import io.codara.ci.internal.engine.JobDispatcher;
import io.codara.ci.internal.docker.DockerRunnerProvider;
import io.codara.ci.internal.docker.DockerRunners;
import io.codara.ci.internal.engine.LogSlice;
import io.codara.ci.internal.engine.WorkflowPlanner;
import io.codara.ci.internal.workflow.Workflow;
import io.codara.ci.internal.workflow.WorkflowParser;
import io.codara.ci.internal.engine.PlannedJob;
import io.codara.ci.internal.engine.PlannedRun;
import io.codara.ci.internal.engine.PlannedStep;
import io.codara.ci.internal.engine.WorkflowJob;
import io.codara.ci.internal.engine.WorkflowRun;
import io.codara.ci.internal.shell.ShellRunnerProvider;
import io.codara.ci.internal.shell.ShellRunners;
import io.codara.storage.internal.PostgresJobQueue;
import io.codara.storage.internal.StorageSchema;
import io.codara.api.rest.PagedObject;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

/**
 * The CI engine and dispatcher on a real PostgreSQL (CI schema and the storage job queue in one database), a real git
 * repository and the real shell runner: needs, skipped dependents, {@code if: failure()}, cancel, re-run of failed
 * jobs, an expired lease taken over exactly once, logs by offset, commit statuses and outbox events.
 */
class CiEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private CiFixture fixture;
    private JobQueue queue;
    private CiEngine engine;
    private ShellRunnerProvider runner;
    private final List<JobDispatcher> dispatchers = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        fixture = new CiFixture(temp);
        Flyway.configure(getClass().getClassLoader()).dataSource(fixture.database.dataSource()).schemas("storage")
                .locations("classpath:db/migration/storage").load().migrate();
        queue = new PostgresJobQueue(fixture.database, new StorageSchema(mock(Migrations.class),
                mock(BundleContext.class)));
        engine = engine(3);
        runner = ShellRunners.shell(Files.createDirectories(temp.resolve("root")), Map.of("max_concurrent_jobs", 4));
    }

    @AfterEach
    void tearDown() {
        dispatchers.forEach(Engines::stop);
        ShellRunners.stop(runner);
    }

    private CiEngine engine(int maxClaims) {
        return Engines.engine(new CiSchema(), fixture.database, queue, fixture.outbox, fixture.statuses,
                fixture.repositories, Map.of("web_url", "http://codara.test/", "max_claims", maxClaims));
    }

    private JobDispatcher dispatch() {
        JobDispatcher dispatcher = Engines.dispatcher(engine, queue, fixture.secrets, fixture.repositories,
                id -> fixture.gitDir, Map.of("poll_interval_ms", 50L, "lease_seconds", 5));
        Engines.addRunner(dispatcher, runner);
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    @Test
    void aJobThatNeedsAnotherRunsAfterItAndTheRunSucceedsWithStatusesAndEvents() throws Exception {
        WorkflowRun run = engine.createRun(run(
                job("build", List.of(), "", step("echo building; sleep 0.3", "")),
                job("test", List.of("build"), "", step("echo testing", ""))));
        assertThat(run.runNumber()).isEqualTo(1);
        assertThat(run.status()).isEqualTo("queued");
        assertThat(engine.jobs(run.id(), null)).extracting(WorkflowJob::status).containsExactly("queued", "waiting");
        // Dispatched only now: a busy machine must not let a runner take the first job before the line above.
        dispatch();

        WorkflowRun done = awaitRun(run.id());
        assertThat(done.conclusion()).isEqualTo("success");
        assertThat(done.startedAt()).isNotNull();
        List<WorkflowJob> jobs = engine.jobs(run.id(), null);
        assertThat(jobs).extracting(WorkflowJob::conclusion).containsExactly("success", "success");
        assertThat(jobs.get(1).startedAt()).isAfterOrEqualTo(jobs.get(0).completedAt());
        assertThat(jobs.get(0).steps()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("Run echo building; sleep 0.3");
            assertThat(s.conclusion()).isEqualTo("success");
        });
        assertThat(engine.log(jobs.get(1).id(), 1, 0, 1 << 20).text()).contains("testing");

        List<CommitStatus> statuses = fixture.statuses.list(fixture.tools.id(), fixture.second,
                new PageRequest(1, 100)).items();
        assertThat(statuses).filteredOn(s -> s.context().equals("CI / build")).extracting(s -> s.state().githubName())
                .containsExactly("success", "pending");
        assertThat(statuses).filteredOn(s -> s.context().equals("CI / test")).first()
                .satisfies(s -> assertThat(s.targetUrl()).isEqualTo(
                        "http://codara.test/alice/tools/actions/runs/" + run.id()));
        verify(fixture.outbox, atLeast(2)).publish(any(), eq(Topics.CI_JOB_COMPLETED), anyMap());

        assertThat(engine.createRun(run(job("build", List.of(), "", step("true", "")))).runNumber()).isEqualTo(2);
    }

    @Test
    void theWorkflowRunsServiceListsRecentRunsCancelsOneAndShowsThisNodesRunners() {
        EngineWorkflowRuns service = new EngineWorkflowRuns(engine, fixture.repositories);
        Engines.addRunner(service, runner);
        WorkflowRun first = engine.createRun(run(job("build", List.of(), "", step("true", ""))));
        WorkflowRun second = engine.createRun(run(job("build", List.of(), "", step("true", ""))));

        assertThat(service.recent(null, null, 10)).extracting(RunSummary::id).containsExactly(second.id(), first.id());
        assertThat(service.recent(fixture.tools.id(), "queued", 1)).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(second.id());
            assertThat(r.repository()).isEqualTo("alice/tools");
            assertThat(r.status()).isEqualTo("queued");
        });
        assertThat(service.recent(fixture.tools.id() + 1000, null, 10)).isEmpty();
        assertThatThrownBy(() -> service.recent(null, null, 0)).isInstanceOf(IllegalArgumentException.class);

        assertThat(service.cancel(first.id())).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo("completed");
            assertThat(r.conclusion()).isEqualTo("cancelled");
        });
        assertThat(service.recent(null, "cancelled", 10)).extracting(RunSummary::id).containsExactly(first.id());
        assertThat(service.cancel(first.id() + 1000)).isEmpty();
        assertThat(service.runners()).singleElement().satisfies(r -> {
            assertThat(r.labels()).contains("shell");
            assertThat(r.availableSlots()).isEqualTo(4);
        });
        Engines.removeRunner(service, runner);
        assertThat(service.runners()).isEmpty();
    }

    @Test
    void aFailingJobSkipsItsDependentsWhileAJobIfFailureRunsAndStepConditionsHold() throws Exception {
        dispatch();
        WorkflowRun run = engine.createRun(run(
                job("build", List.of(), "", step("echo one; exit 3", ""), step("echo never", ""),
                        step("echo cleanup", "${{ always() }}"), step("echo on-failure", "failure()")),
                job("test", List.of("build"), "", step("echo tested", "")),
                job("report", List.of("build"), "failure()", step("echo reporting", ""))));

        WorkflowRun done = awaitRun(run.id());
        assertThat(done.conclusion()).isEqualTo("failure");
        List<WorkflowJob> jobs = engine.jobs(run.id(), null);
        assertThat(jobs).extracting(WorkflowJob::key, WorkflowJob::conclusion).containsExactly(
                org.assertj.core.groups.Tuple.tuple("build", "failure"),
                org.assertj.core.groups.Tuple.tuple("test", "skipped"),
                org.assertj.core.groups.Tuple.tuple("report", "success"));
        assertThat(jobs.get(0).steps()).extracting(WorkflowJob.WorkflowStep::conclusion)
                .containsExactly("failure", "skipped", "success", "success");
        String log = engine.log(jobs.get(0).id(), null, 0, 1 << 20).text();
        assertThat(log).contains("one", "cleanup", "on-failure").doesNotContain("never");
        assertThat(engine.log(jobs.get(2).id(), null, 0, 1 << 20).text()).contains("reporting");
        assertThat(fixture.statuses.combined(fixture.tools.id(), fixture.second, new PageRequest(1, 100)).state()
                .githubName()).isEqualTo("failure");
    }

    @Test
    void conditionsSeeTheRunsContextsAndAnInvalidOneFailsItsJobWithAClearMessage() throws Exception {
        dispatch();
        WorkflowRun run = engine.createRun(run(
                job("main-only", List.of(), "github.ref == 'refs/heads/main'", step("echo sha=${{ github.sha }}", ""),
                        step("echo x=1 >> $GITHUB_OUTPUT", "", "out"),
                        step("echo got-${{ steps.out.outputs.x }}", "steps.out.outputs.x == '1'")),
                job("elsewhere", List.of(), "github.ref != 'refs/heads/main'", step("true", "")),
                job("broken", List.of(), "success( &&", step("true", ""))));
        assertThat(awaitRun(run.id()).conclusion()).isEqualTo("failure");
        List<WorkflowJob> jobs = engine.jobs(run.id(), null);
        assertThat(jobs).extracting(WorkflowJob::conclusion).containsExactly("success", "skipped", "failure");
        assertThat(jobs.get(2).message()).contains("Invalid if", "success( &&");
        String log = engine.log(jobs.get(0).id(), null, 0, 1 << 20).text();
        assertThat(log).contains("sha=" + fixture.second);
        // A step's run sees the outputs of the steps before it: it is rendered just before it runs.
        assertThat(log).contains("got-1");
        assertThat(jobs.get(0).steps()).extracting(WorkflowJob.WorkflowStep::conclusion)
                .containsExactly("success", "success", "success");
    }

    @Test
    void cancellingARunStopsItsRunningJobAndCancelsTheQueuedOnes() throws Exception {
        dispatch();
        Path started = temp.resolve("started");
        WorkflowRun run = engine.createRun(run(
                job("slow", List.of(), "", step("touch " + started + "; sleep 120", ""),
                        step("echo after-cancel", "cancelled()")),
                job("later", List.of("slow"), "", step("echo never", ""))));
        awaitTrue(() -> Files.exists(started));
        Instant asked = Instant.now();
        engine.cancel(run.id());

        WorkflowRun done = awaitRun(run.id());
        assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(30));
        assertThat(done.conclusion()).isEqualTo("cancelled");
        List<WorkflowJob> jobs = engine.jobs(run.id(), null);
        assertThat(jobs).extracting(WorkflowJob::conclusion).containsExactly("cancelled", "cancelled");
        assertThat(engine.log(jobs.get(0).id(), 2, 0, 1 << 20).text()).contains("after-cancel");
        assertThatThrownBy(() -> engine.cancel(run.id())).isInstanceOf(ApiException.class)
                .hasMessageContaining("completed");
    }

    @Test
    void cancellingOneJobStopsItAndSkipsWhatNeedsIt() throws Exception {
        dispatch();
        Path started = temp.resolve("started-one");
        WorkflowRun run = engine.createRun(run(
                job("slow", List.of(), "", step("touch " + started + "; sleep 120", "")),
                job("quick", List.of(), "", step("echo quick", "")),
                job("after", List.of("slow"), "", step("echo never", ""))));
        awaitTrue(() -> Files.exists(started));
        long slow = engine.jobs(run.id(), null).get(0).id();
        engine.cancelJob(slow);

        WorkflowRun done = awaitRun(run.id());
        assertThat(done.conclusion()).isEqualTo("cancelled");
        assertThat(engine.jobs(run.id(), null)).extracting(WorkflowJob::conclusion)
                .containsExactly("cancelled", "success", "skipped");
        assertThatThrownBy(() -> engine.cancelJob(slow)).isInstanceOf(ApiException.class)
                .hasMessageContaining("completed");
    }

    @Test
    void aFailingMatrixJobCancelsItsSiblingsWithFailFastAndMaxParallelRunsThemOneByOne() throws Exception {
        dispatch();
        Path started = temp.resolve("sibling-started");
        WorkflowRun run = engine.createRun(run(
                matrixJob("build", "build (fast-fail)", true, 0, step("sleep 0.5; exit 1", "")),
                matrixJob("build", "build (slow)", true, 0, step("touch " + started + "; sleep 120", "")),
                job("other", List.of(), "", step("echo unrelated", ""))));
        WorkflowRun done = awaitRun(run.id());
        assertThat(done.conclusion()).isEqualTo("failure");
        assertThat(engine.jobs(run.id(), null)).extracting(WorkflowJob::conclusion)
                .containsExactly("failure", "cancelled", "success");

        Path order = temp.resolve("order");
        List<PlannedJob> serial = new ArrayList<>();
        for (String flavour : List.of("a", "b", "c")) {
            serial.add(matrixJob("serial", "serial (" + flavour + ")", false, 1,
                    step("echo start-" + flavour + " >> " + order + "; sleep 0.3; echo end-" + flavour + " >> "
                            + order, "")));
        }
        WorkflowRun oneByOne = engine.createRun(run(serial.toArray(PlannedJob[]::new)));
        // The dispatcher runs already: the first may have been taken; the others wait their turn.
        List<String> statuses = engine.jobs(oneByOne.id(), null).stream().map(WorkflowJob::status).toList();
        assertThat(statuses.get(0)).isIn("queued", "in_progress");
        assertThat(statuses.subList(1, 3)).containsExactly("waiting", "waiting");
        assertThat(awaitRun(oneByOne.id()).conclusion()).isEqualTo("success");
        List<String> lines = Files.readAllLines(order);
        assertThat(lines).hasSize(6);
        for (int i = 0; i < 6; i += 2) {
            assertThat(lines.get(i + 1)).isEqualTo(lines.get(i).replace("start-", "end-"));
        }
    }

    @Test
    void reRunningFailedJobsMakesANewAttemptThatKeepsTheSuccessfulOnes() throws Exception {
        dispatch();
        Path counter = temp.resolve("lint-runs");
        Path marker = temp.resolve("flaky-marker");
        WorkflowRun run = engine.createRun(run(
                job("lint", List.of(), "", step("echo ran >> " + counter, "")),
                job("flaky", List.of(), "", step("if [ -f " + marker + " ]; then echo second; else touch " + marker
                        + "; echo first; exit 1; fi", "")),
                job("deploy", List.of("flaky"), "", step("echo deployed", ""))));
        assertThat(awaitRun(run.id()).conclusion()).isEqualTo("failure");
        assertThatThrownBy(() -> engine.rerun(run.id() + 1000, true, "alice")).isInstanceOf(ApiException.class);

        WorkflowRun again = engine.rerun(run.id(), true, "alice");
        assertThat(again.runAttempt()).isEqualTo(2);
        WorkflowRun done = awaitRun(run.id());
        assertThat(done.conclusion()).isEqualTo("success");
        List<WorkflowJob> jobs = engine.jobs(run.id(), null);
        assertThat(jobs).allSatisfy(j -> assertThat(j.runAttempt()).isEqualTo(2));
        assertThat(jobs).extracting(WorkflowJob::conclusion).containsExactly("success", "success", "success");
        assertThat(Files.readAllLines(counter)).hasSize(1);
        assertThat(engine.log(jobs.get(0).id(), null, 0, 1 << 20).text()).as("kept job keeps its log").isNotEmpty();
        assertThat(engine.log(jobs.get(2).id(), null, 0, 1 << 20).text()).contains("deployed");
        assertThat(engine.jobs(run.id(), 1)).extracting(WorkflowJob::conclusion)
                .containsExactly("success", "failure", "skipped");
        assertThatThrownBy(() -> engine.rerun(run.id(), true, "alice")).isInstanceOf(ApiException.class)
                .hasMessageContaining("no failed jobs");

        WorkflowRun all = engine.rerun(run.id(), false, "alice");
        assertThat(all.runAttempt()).isEqualTo(3);
        assertThat(awaitRun(run.id()).conclusion()).isEqualTo("success");
        assertThat(Files.readAllLines(counter)).hasSize(2);
    }

    @Test
    void aJobWhoseLeaseExpiredIsTakenOverExactlyOnceAndTheDeadOwnerCanWriteNothing() throws Exception {
        Path counter = temp.resolve("runs");
        WorkflowRun run = engine.createRun(run(job("build", List.of(), "", step("echo ran >> " + counter, ""))));
        long jobId = engine.jobs(run.id(), null).get(0).id();
        // A node claims and leases the job, then dies: it never renews.
        Job claimed = queue.claim("ci.shell", "dead-node", Duration.ofSeconds(60)).orElseThrow();
        assertThat(engine.take(jobId, "dead-node", "shell@dead", Duration.ofSeconds(1))).isPresent();
        assertThat(queue.complete(claimed.id(), "dead-node")).isTrue();
        assertThat(engine.take(jobId, "other", "shell@other", Duration.ofSeconds(1))).as("leased once").isEmpty();
        Thread.sleep(1500);

        dispatch();
        WorkflowRun done = awaitRun(run.id());
        assertThat(done.conclusion()).isEqualTo("success");
        WorkflowJob job = engine.job(jobId).orElseThrow();
        assertThat(job.claims()).isEqualTo(2);
        assertThat(Files.readAllLines(counter)).containsExactly("ran");
        assertThat(engine.stepStarted(jobId, "dead-node", 1, Instant.now())).isFalse();
        assertThat(engine.log(jobId, "dead-node", 1, 999_999, 999_999, "late")).isFalse();
        assertThat(engine.finish(jobId, "dead-node", new JobResult(jobId, Conclusion.FAILURE, "late", List.of(),
                Instant.now(), Instant.now()))).isFalse();
        assertThat(engine.job(jobId).orElseThrow().conclusion()).isEqualTo("success");
        Thread.sleep(300);
        assertThat(Files.readAllLines(counter)).as("never run a second time").containsExactly("ran");
    }

    @Test
    void aJobWhoseLeaseKeepsExpiringFailsAfterItsLastStart() throws Exception {
        engine = engine(1);
        WorkflowRun run = engine.createRun(run(job("build", List.of(), "", step("true", "")),
                job("after", List.of("build"), "", step("true", ""))));
        long jobId = engine.jobs(run.id(), null).get(0).id();
        queue.claim("ci.shell", "dead-node", Duration.ofSeconds(60)).orElseThrow();
        engine.take(jobId, "dead-node", "shell@dead", Duration.ofMillis(200)).orElseThrow();
        Thread.sleep(400);

        assertThat(engine.recoverExpired()).isEqualTo(1);
        WorkflowRun done = engine.run(run.id()).orElseThrow();
        assertThat(done.conclusion()).isEqualTo("failure");
        assertThat(engine.jobs(run.id(), null)).extracting(WorkflowJob::conclusion)
                .containsExactly("failure", "skipped");
        assertThat(engine.job(jobId).orElseThrow().message()).contains("stopped answering 1 times");
        assertThat(engine.recoverExpired()).isZero();
    }

    @Test
    void logsAreReadByByteOffsetPerStepAndPerJobWithSecretsMasked() throws Exception {
        fixture.secrets.putSecret(SecretScope.repository(fixture.tools.id()), "TOKEN", "s3cr3t-value",
                new Actor("alice", "10.0.0.1"));
        dispatch();
        WorkflowRun run = engine.createRun(run(job("build", List.of(), "",
                step("echo first line; echo the token is s3cr3t-value", ""), step("echo é-second", ""))));
        awaitRun(run.id());
        long jobId = engine.jobs(run.id(), null).get(0).id();

        LogSlice all = engine.log(jobId, null, 0, 1 << 20);
        assertThat(all.complete()).isTrue();
        assertThat(all.text()).contains("first line", "the token is ***", "é-second").doesNotContain("s3cr3t");
        assertThat(all.nextOffset()).isEqualTo(all.text().getBytes(StandardCharsets.UTF_8).length);
        assertThat(engine.log(jobId, null, all.nextOffset(), 1 << 20).text()).isEmpty();

        LogSlice step2 = engine.log(jobId, 2, 0, 1 << 20);
        assertThat(step2.text()).contains("é-second").doesNotContain("first line");
        int from = all.text().indexOf("the token");
        long byteFrom = all.text().substring(0, from).getBytes(StandardCharsets.UTF_8).length;
        assertThat(engine.log(jobId, null, byteFrom, 1 << 20).text()).startsWith("the token is ***");
        LogSlice page = engine.log(jobId, null, 0, 1);
        assertThat(page.text()).isNotEmpty();
        assertThat(all.text()).startsWith(page.text());
        assertThat(page.nextOffset()).isLessThan(all.nextOffset());
    }

    @Test
    void aRunWithAnInvalidWorkflowIsAFailedRunWithItsErrorsAndAFailureStatus() {
        WorkflowRun run = engine.createRun(new PlannedRun(fixture.tools.id(), ".codara/workflows/ci.yml", "CI",
                "push", fixture.second, "main", "alice", List.of(),
                List.of("3:5: unknown key 'stepz'", "7:1: jobs must not be empty")));
        assertThat(run.status()).isEqualTo("completed");
        assertThat(run.conclusion()).isEqualTo("failure");
        assertThat(run.annotations()).hasSize(2);
        assertThat(fixture.statuses.list(fixture.tools.id(), fixture.second, new PageRequest(1, 10)).items())
                .singleElement().satisfies(s -> {
                    assertThat(s.context()).isEqualTo("CI");
                    assertThat(s.description()).isEqualTo("3:5: unknown key 'stepz'");
                });
        assertThatThrownBy(() -> engine.rerun(run.id(), false, "alice")).isInstanceOf(ApiException.class)
                .hasMessageContaining("invalid");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRestResourcesAnswerInGitHubActionsShapesWithPermissions() throws Exception {
        dispatch();
        WorkflowRun run = engine.createRun(run(
                job("build", List.of(), "", step("echo compiled", "")),
                job("test", List.of("build"), "", step("echo tests failed; exit 1", ""))));
        awaitRun(run.id());
        RunViews views = new RunViews(fixture.access, engine);
        WorkflowRunsResource runs = new WorkflowRunsResource(views, null);
        WorkflowJobsResource jobs = new WorkflowJobsResource(views);
        CheckRunsResource checks = new CheckRunsResource(views, fixture.access, fixture.statuses);
        HttpServletRequest carol = CiFixture.request(CiFixture.CAROL);
        HttpServletRequest dave = CiFixture.request(CiFixture.DAVE);

        Map<String, Object> list = (Map<String, Object>) ((PagedObject) runs.list("alice", "tools", "main", "push",
                "failure", null, null, null, carol, CiFixture.uri("repos/alice/tools/actions/runs")).getEntity()).body();
        assertThat(list.get("total_count")).isEqualTo(1L);
        Map<String, Object> listed = ((List<Map<String, Object>>) list.get("workflow_runs")).get(0);
        assertThat(listed).containsEntry("id", run.id()).containsEntry("status", "completed")
                .containsEntry("conclusion", "failure").containsEntry("head_sha", fixture.second)
                .containsEntry("path", ".codara/workflows/ci.yml").containsEntry("run_number", 1L)
                .containsEntry("html_url", "http://codara.test/alice/tools/actions/runs/" + run.id());
        assertThat((Map<String, Object>) listed.get("actor")).containsEntry("login", "alice");
        assertThat(((Map<String, Object>) ((PagedObject) runs.list("alice", "tools", "feature/x", null, null, null, null,
                null, carol, CiFixture.uri("repos/alice/tools/actions/runs")).getEntity()).body()).get("total_count"))
                .isEqualTo(0L);
        assertThat(refusal(() -> runs.list("alice", "tools", null, null, "bogus", null, null, null, carol,
                CiFixture.uri("x"))).status()).isEqualTo(422);
        assertThat(runs.run("alice", "tools", run.id(), carol, CiFixture.uri("x"))).containsEntry("run_attempt", 1);
        assertThat(refusal(() -> runs.run("alice", "hidden", run.id(), CiFixture.request(CiFixture.BOB),
                CiFixture.uri("x"))).status()).isEqualTo(404);
        assertThat(refusal(() -> runs.run("alice", "hidden", run.id(), carol, CiFixture.uri("x"))).status())
                .as("a run of another repository").isEqualTo(404);

        Map<String, Object> jobList = runs.jobs("alice", "tools", run.id(), null, carol, CiFixture.uri("x"));
        assertThat(jobList.get("total_count")).isEqualTo(2);
        Map<String, Object> test = ((List<Map<String, Object>>) jobList.get("jobs")).get(1);
        assertThat(test).containsEntry("name", "test").containsEntry("conclusion", "failure")
                .containsEntry("labels", List.of("shell"));
        assertThat((List<Map<String, Object>>) test.get("steps")).singleElement()
                .satisfies(s -> assertThat(s).containsEntry("number", 1).containsEntry("conclusion", "failure"));
        long testId = (Long) test.get("id");
        assertThat(jobs.job("alice", "tools", testId, carol, CiFixture.uri("x"))).containsEntry("run_id", run.id());

        Response log = jobs.logs("alice", "tools", testId, null, null, carol);
        String text = (String) log.getEntity();
        assertThat(text).contains("tests failed");
        long next = Long.parseLong(log.getHeaderString("X-Codara-Log-Offset"));
        assertThat(next).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        assertThat(log.getHeaderString("X-Codara-Log-Complete")).isEqualTo("true");
        assertThat((String) jobs.logs("alice", "tools", testId, null, next, carol).getEntity()).isEmpty();
        assertThat((String) jobs.logs("alice", "tools", testId, 1, 0L, carol).getEntity()).contains("tests failed");
        assertThat(refusal(() -> jobs.logs("alice", "tools", testId, null, -1L, carol)).status()).isEqualTo(422);

        Map<String, Object> checkRuns = checks.list("alice", "tools", "main", null, null, carol, CiFixture.uri("x"));
        assertThat(checkRuns.get("total_count")).isEqualTo(2);
        assertThat((List<Map<String, Object>>) checkRuns.get("check_runs")).extracting(c -> c.get("conclusion"))
                .containsExactly("success", "failure");
        assertThat(checks.list("alice", "tools", "main", "build", null, carol, CiFixture.uri("x")).get("total_count"))
                .isEqualTo(1);

        assertThat(refusal(() -> runs.rerunFailed("alice", "tools", run.id(), carol)).status()).isEqualTo(403);
        assertThat(runs.rerunFailed("alice", "tools", run.id(), dave).getStatus()).isEqualTo(201);
        assertThat(engine.run(run.id()).orElseThrow().runAttempt()).isEqualTo(2);
        assertThat(runs.cancel("alice", "tools", run.id(), dave).getStatus()).isEqualTo(202);
        assertThat(awaitRun(run.id()).conclusion()).isIn("cancelled", "failure");
        assertThat(refusal(() -> runs.cancel("alice", "tools", run.id(), dave)).status()).isEqualTo(409);
        assertThat(runs.jobs("alice", "tools", run.id(), "all", carol, CiFixture.uri("x")).get("total_count"))
                .isEqualTo(4);
    }

    @Test
    void aDockerJobWaitsWhileSomeNodeHasADockerRunnerAndFailsClearlyOnceNoneHasBeenSeen() throws Exception {
        JobDispatcher dispatcher = Engines.dispatcher(engine, queue, fixture.secrets, fixture.repositories,
                id -> fixture.gitDir, Map.of("poll_interval_ms", 50L, "lease_seconds", 5, "docker_wait_seconds", 2));
        Engines.addRunner(dispatcher, runner); // this node: only the shell runner, no Docker engine
        dispatchers.add(dispatcher);
        // another node reports a runner with a Docker engine: the job waits for it
        engine.runnerPresence("other-node/docker@other", true);
        WorkflowRun run = engine.createRun(run(
                new PlannedJob("image", null, Map.of(), List.of(), List.of("docker:alpine"), 5, false, "", Map.of(),
                        List.of(step("cat /etc/alpine-release", ""))),
                job("after", List.of("image"), "", step("echo after", ""))));
        Instant waitedUntil = Instant.now().plusSeconds(4);
        while (Instant.now().isBefore(waitedUntil)) {
            engine.runnerPresence("other-node/docker@other", true);
            assertThat(engine.jobs(run.id(), null)).extracting(WorkflowJob::status).containsExactly("queued",
                    "waiting");
            Thread.sleep(200);
        }

        // that node goes away (its runner is no longer reported): after docker_wait_seconds the job fails
        WorkflowRun done = awaitRun(run.id());
        String message = "No runner with a Docker engine is available for docker:alpine: none has been seen for 2s"
                + " on any node (configure the Docker runner, io.codara.ci.runner.docker, on a node with a Docker"
                + " engine)";
        assertThat(done.conclusion()).isEqualTo("failure");
        assertThat(done.annotations()).containsExactly("image: " + message);
        List<WorkflowJob> jobs = engine.jobs(run.id(), null);
        assertThat(jobs).extracting(WorkflowJob::conclusion).containsExactly("failure", "skipped");
        assertThat(jobs.get(0).message()).isEqualTo(message);
        assertThat(jobs.get(0).runnerName()).isNull();
        assertThat(engine.log(jobs.get(0).id(), null, 0, 1 << 20).text())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z ##\\[error\\]"
                        + java.util.regex.Pattern.quote(message) + "\n");
        assertThat(engine.log(jobs.get(0).id(), 0, 0, 1 << 20).text()).contains("##[error]" + message);
        assertThat(fixture.statuses.list(fixture.tools.id(), fixture.second, new PageRequest(1, 100)).items())
                .filteredOn(s -> s.context().equals("CI / image")).first()
                .satisfies(s -> assertThat(s.description()).startsWith("Failed: No runner with a Docker engine"));

        // a Docker job is not failed while a runner with an engine is reported
        engine.runnerPresence("other-node/docker@other", true);
        WorkflowRun waiting = engine.createRun(run(new PlannedJob("image", null, Map.of(), List.of(),
                List.of("docker:alpine", "linux"), 5, false, "", Map.of(), List.of(step("true", "")))));
        Instant renewedUntil = Instant.now().plusMillis(2500);
        while (Instant.now().isBefore(renewedUntil)) {
            engine.runnerPresence("other-node/docker@other", true);
            Thread.sleep(200);
        }
        assertThat(engine.failDockerJobsWithoutRunner(Duration.ofSeconds(2))).isZero();
        assertThat(engine.jobs(waiting.id(), null)).extracting(WorkflowJob::status).containsExactly("queued");
    }

    @Test
    void aWorkflowJobOnDockerRunsThroughTheDispatcherInItsImageWithItsServiceContainer() throws Exception {
        DockerRunnerProvider docker = DockerRunners.docker(Files.createDirectories(temp.resolve("docker-root")),
                Map.of());
        try {
            String unusable = DockerRunners.unusable(docker, "codara-test/busybox:latest",
                    "codara-test/busybox-httpd:latest");
            if (unusable != null) {
                System.out.println("SKIPPED: " + unusable + ": the Docker runner's engine test is skipped");
                Assumptions.abort(unusable);
            }
            JobDispatcher dispatcher = Engines.dispatcher(engine, queue, fixture.secrets, fixture.repositories,
                    id -> fixture.gitDir, Map.of("poll_interval_ms", 50L, "lease_seconds", 5));
            Engines.addRunner(dispatcher, runner);
            Engines.addRunner(dispatcher, docker);
            dispatchers.add(dispatcher);
            String yaml = """
                    on: push
                    jobs:
                      in-image:
                        runs-on: docker:codara-test/busybox:${{ matrix.tag }}
                        strategy:
                          matrix:
                            tag: [latest]
                        services:
                          web:
                            image: codara-test/busybox-httpd:latest
                            env:
                              GREETING: hello from ${{ github.repository }}
                        steps:
                          - id: probe
                            run: |
                              echo "passwd lines: $(wc -l < /etc/passwd)"
                              cat README.md
                              for i in $(seq 1 50); do wget -qO- http://web:8080/ && break; sleep 0.2; done
                              echo "where=container" >> "$CODARA_OUTPUT"
                      after:
                        needs: in-image
                        runs-on: shell
                        steps:
                          - run: echo "after the container job"
                    """;
            Workflow workflow = new WorkflowParser().parse(".codara/workflows/docker.yml", yaml).workflow();
            PlannedRun plan = WorkflowPlanner.plan(workflow, new WorkflowPlanner.Trigger(fixture.tools.id(),
                    "alice/tools", "push", fixture.second, "refs/heads/main", "alice", Map.of()));
            assertThat(plan.jobs().get(0).services()).containsOnlyKeys("web");
            WorkflowRun run = engine.createRun(plan);

            WorkflowRun done = awaitRun(run.id());
            List<WorkflowJob> jobs = engine.jobs(run.id(), null);
            String log = engine.log(jobs.get(0).id(), null, 0, 1 << 20).text();
            assertThat(done.conclusion()).as(log).isEqualTo("success");
            assertThat(jobs.get(0).runsOn()).containsExactly("docker:codara-test/busybox:latest");
            assertThat(jobs.get(0).runnerName()).isEqualTo(docker.id());
            assertThat(jobs.get(1).runnerName()).isEqualTo(runner.id());
            assertThat(log).contains("passwd lines: 1", "two", "hello from alice/tools",
                    "Service web: codara-test/busybox-httpd:latest", "Removed the job's containers");
            assertThat(DockerRunners.containersOf(docker, jobs.get(0).id())).isZero();
        } finally {
            DockerRunners.stop(docker);
        }
    }

    private static ApiException refusal(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private PlannedRun run(PlannedJob... jobs) {
        return new PlannedRun(fixture.tools.id(), ".codara/workflows/ci.yml", "CI", "push", fixture.second, "main",
                "alice", List.of(jobs), List.of());
    }

    private static PlannedJob job(String key, List<String> needs, String condition, PlannedStep... steps) {
        return new PlannedJob(key, null, Map.of(), needs, List.of("shell"), 5, false, condition, Map.of(),
                List.of(steps));
    }

    private static PlannedJob matrixJob(String key, String name, boolean failFast, int maxParallel,
            PlannedStep... steps) {
        return new PlannedJob(key, name, Map.of("flavour", name), List.of(), List.of("shell"), 5, false, "", Map.of(),
                List.of(steps), failFast, maxParallel, Map.of());
    }

    private static PlannedStep step(String run, String condition) {
        return step(run, condition, null);
    }

    private static PlannedStep step(String run, String condition, String id) {
        return new PlannedStep(id, null, run, null, null, Map.of(), null, false, condition);
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
