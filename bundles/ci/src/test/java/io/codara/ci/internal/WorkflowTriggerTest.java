package io.codara.ci.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.codara.api.ci.CommitStatus;
import io.codara.api.event.EventProperties;
import io.codara.api.event.Topics;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.PageRequest;
import io.codara.api.storage.Job;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.JobState;
import io.codara.api.storage.Migrations;
import io.codara.ci.internal.engine.CiEngine;
import io.codara.ci.internal.engine.Engines;
import io.codara.ci.internal.engine.JobDispatcher;
import io.codara.ci.internal.engine.WorkflowJob;
import io.codara.ci.internal.engine.WorkflowRun;
import io.codara.ci.internal.engine.WorkflowTrigger;
import io.codara.ci.internal.shell.ShellRunnerProvider;
import io.codara.ci.internal.shell.ShellRunners;
import io.codara.storage.internal.PostgresJobQueue;
import io.codara.storage.internal.StorageSchema;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.service.event.Event;

/**
 * Pushes start workflows: workflow files read at the pushed commit, {@code on.push} filters, matrices, needs, an
 * invalid file as a failed run with its line and column, the push event delivered twice, and workflow_dispatch with
 * inputs; on a real PostgreSQL, a real git repository and the real shell runner.
 */
class WorkflowTriggerTest {

    @TempDir
    Path temp;

    private CiFixture fixture;
    private JobQueue queue;
    private CiEngine engine;
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
        trigger = new WorkflowTrigger(engine, queue, fixture.repositories, id -> fixture.gitDir,
                Engines.scheduler(engine, queue, fixture.database, fixture.repositories, id -> fixture.gitDir,
                        java.time.Clock.systemUTC()));
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
    void aPushStartsTheMatchingWorkflowsWithMatricesAndNeedsOnceEvenWhenDeliveredTwice() throws Exception {
        String before = fixture.second;
        String after = commit(Map.of(
                ".codara/workflows/ci.yml", """
                        name: CI
                        on:
                          push:
                            branches: [main]
                        env:
                          GREETING: hello
                        jobs:
                          build:
                            runs-on: shell
                            strategy:
                              matrix:
                                flavour: [plain, fancy]
                            steps:
                              - uses: actions/checkout@v4
                              - run: echo "$GREETING ${{ matrix.flavour }} at ${{ github.sha }}"
                          test:
                            needs: build
                            runs-on: shell
                            steps:
                              - run: cat README.md
                        """,
                ".codara/workflows/release.yaml", """
                        on:
                          push:
                            branches: [release/*]
                        jobs:
                          ship:
                            runs-on: shell
                            steps:
                              - run: echo shipping
                        """,
                "README.md", "three\n"));

        trigger.handleEvent(pushEvent(41, "refs/heads/main", before, after));
        Job queued = queue.claim("ci.trigger", "test", Duration.ofSeconds(30)).orElseThrow();
        trigger.handle(queued);
        trigger.handle(queued);

        List<WorkflowRun> runs = engine.runs(fixture.tools.id(), new CiEngine.RunFilter(null, null, null, null), 1, 10)
                .runs();
        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("CI");
            assertThat(r.workflowPath()).isEqualTo(".codara/workflows/ci.yml");
            assertThat(r.event()).isEqualTo("push");
            assertThat(r.headSha()).isEqualTo(after);
            assertThat(r.headBranch()).isEqualTo("main");
            assertThat(r.actor()).isEqualTo("alice");
        });
        WorkflowRun done = await(runs.get(0).id());
        assertThat(done.conclusion()).isEqualTo("success");
        List<WorkflowJob> jobs = engine.jobs(done.id(), null);
        assertThat(jobs).extracting(WorkflowJob::name).containsExactly("build (plain)", "build (fancy)", "test");
        assertThat(jobs).extracting(WorkflowJob::conclusion).containsOnly("success");
        assertThat(engine.log(jobs.get(1).id(), 2, 0, 1 << 20).text()).contains("hello fancy at " + after);
        assertThat(engine.log(jobs.get(2).id(), 1, 0, 1 << 20).text()).contains("three");
        assertThat(fixture.statuses.combined(fixture.tools.id(), after, new PageRequest(1, 10)).state().githubName())
                .isEqualTo("success");

        trigger.handleEvent(pushEvent(42, "refs/heads/release/1.0", before, after));
        trigger.handle(queue.claim("ci.trigger", "test", Duration.ofSeconds(30)).orElseThrow());
        assertThat(engine.runs(fixture.tools.id(), new CiEngine.RunFilter("release/1.0", null, null, null), 1, 10)
                .runs()).singleElement().satisfies(r -> assertThat(r.name()).isEqualTo(".codara/workflows/release.yaml"));
    }

    @Test
    void anInvalidWorkflowFileGivesAFailedRunWithItsLineAndColumnAndAFailureStatus() throws Exception {
        String after = commit(Map.of(".codara/workflows/broken.yml", """
                on: push
                jobs:
                  build:
                    runs-on: shell
                    stepz:
                      - run: true
                """));
        trigger.handleEvent(pushEvent(7, "refs/heads/main", fixture.second, after));
        trigger.handle(queue.claim("ci.trigger", "test", Duration.ofSeconds(30)).orElseThrow());

        WorkflowRun run = engine.runs(fixture.tools.id(), new CiEngine.RunFilter(null, null, null, after), 1, 10)
                .runs().get(0);
        assertThat(run.conclusion()).isEqualTo("failure");
        assertThat(run.annotations()).anySatisfy(a -> assertThat(a).startsWith("5:5: ").contains("stepz"));
        List<CommitStatus> statuses = fixture.statuses.list(fixture.tools.id(), after, new PageRequest(1, 10)).items();
        assertThat(statuses).singleElement().satisfies(s -> {
            assertThat(s.state().githubName()).isEqualTo("failure");
            assertThat(s.description()).isEqualTo(run.annotations().get(0)).matches("\\d+:\\d+: .+");
            assertThat(s.context()).isEqualTo(".codara/workflows/broken.yml");
        });
    }

    @Test
    void aTagPushOrADeletionStartsNothingWithoutAMatchingTrigger() throws Exception {
        String after = commit(Map.of(".codara/workflows/ci.yml", """
                on:
                  push:
                    branches: [main]
                jobs:
                  build:
                    runs-on: shell
                    steps:
                      - run: true
                """));
        trigger.handleEvent(pushEvent(8, "refs/tags/v2", ObjectId.zeroId().name(), after));
        trigger.handleEvent(pushEvent(9, "refs/heads/main", after, ObjectId.zeroId().name()));
        trigger.handle(queue.claim("ci.trigger", "test", Duration.ofSeconds(30)).orElseThrow());
        assertThat(queue.claim("ci.trigger", "test", Duration.ofSeconds(30))).as("deletions queue nothing").isEmpty();
        assertThat(engine.runs(fixture.tools.id(), new CiEngine.RunFilter(null, null, null, null), 1, 10).total())
                .isZero();
    }

    @Test
    void aTagPushRunsWithTheTagsRef() throws Exception {
        String after = commit(Map.of(".codara/workflows/release.yml", """
                on:
                  push:
                    tags: ['v*']
                jobs:
                  release:
                    runs-on: shell
                    steps:
                      - run: echo "ref=$GITHUB_REF type=${{ github.ref_type }} name=${{ github.ref_name }}"
                """));
        trigger.handleEvent(pushEvent(10, "refs/tags/v3", ObjectId.zeroId().name(), after));
        trigger.handle(queue.claim("ci.trigger", "test", Duration.ofSeconds(30)).orElseThrow());
        WorkflowRun run = engine.runs(fixture.tools.id(), new CiEngine.RunFilter(null, null, null, null), 1, 10)
                .runs().get(0);
        assertThat(run.headBranch()).isEqualTo("v3");
        assertThat(run.headRef()).isEqualTo("refs/tags/v3");
        assertThat(await(run.id()).conclusion()).isEqualTo("success");
        assertThat(engine.log(engine.jobs(run.id(), null).get(0).id(), 1, 0, 1 << 20).text())
                .contains("ref=refs/tags/v3 type=tag name=v3");
    }

    @Test
    void jobOutputsReachTheJobsThatNeedThemThroughTheNeedsContext() throws Exception {
        String after = commit(Map.of(".codara/workflows/outputs.yml", """
                on: push
                jobs:
                  version:
                    runs-on: shell
                    outputs:
                      number: ${{ steps.v.outputs.number }}
                    steps:
                      - id: v
                        run: echo "number=1.2.3" >> "$GITHUB_OUTPUT"
                  publish:
                    needs: version
                    if: needs.version.outputs.number == '1.2.3' && needs.version.result == 'success'
                    runs-on: shell
                    steps:
                      - run: echo "publishing ${{ needs.version.outputs.number }}"
                  never:
                    needs: version
                    if: needs.version.outputs.number == '9'
                    runs-on: shell
                    steps:
                      - run: echo never
                """));
        trigger.handleEvent(pushEvent(11, "refs/heads/main", fixture.second, after));
        trigger.handle(queue.claim("ci.trigger", "test", Duration.ofSeconds(30)).orElseThrow());
        WorkflowRun run = engine.runs(fixture.tools.id(), new CiEngine.RunFilter(null, null, null, after), 1, 10)
                .runs().get(0);
        assertThat(await(run.id()).conclusion()).isEqualTo("success");
        List<WorkflowJob> jobs = engine.jobs(run.id(), null);
        assertThat(jobs).extracting(WorkflowJob::conclusion).containsExactly("success", "success", "skipped");
        assertThat(engine.log(jobs.get(1).id(), 1, 0, 1 << 20).text()).contains("publishing 1.2.3");
    }

    @Test
    void workflowDispatchStartsARunWithItsInputs() throws Exception {
        commit(Map.of(".codara/workflows/deploy.yml", """
                name: Deploy
                on:
                  workflow_dispatch:
                    inputs:
                      target:
                        required: true
                jobs:
                  deploy:
                    runs-on: shell
                    steps:
                      - run: echo "deploying to ${{ inputs.target }}"
                """, ".codara/workflows/push-only.yml", """
                on: push
                jobs:
                  build:
                    runs-on: shell
                    steps:
                      - run: true
                """));
        WorkflowDispatchesResource resource = new WorkflowDispatchesResource(fixture.access, trigger);
        assertThat(resource.dispatch("alice", "tools", "deploy.yml", Map.of("ref", "main", "inputs",
                Map.of("target", "staging")), CiFixture.request(CiFixture.DAVE)).getStatus()).isEqualTo(204);
        WorkflowRun run = engine.runs(fixture.tools.id(), new CiEngine.RunFilter(null, "workflow_dispatch", null,
                null), 1, 10).runs().get(0);
        assertThat(run.inputs()).containsEntry("target", "staging");
        assertThat(run.actor()).isEqualTo("dave");
        assertThat(await(run.id()).conclusion()).isEqualTo("success");
        long jobId = engine.jobs(run.id(), null).get(0).id();
        assertThat(engine.log(jobId, 1, 0, 1 << 20).text()).contains("deploying to staging");

        assertThat(status(() -> resource.dispatch("alice", "tools", "deploy.yml", Map.of("ref", "main"),
                CiFixture.request(CiFixture.DAVE)))).isEqualTo(422);
        assertThat(status(() -> resource.dispatch("alice", "tools", "push-only.yml", Map.of("ref", "main"),
                CiFixture.request(CiFixture.DAVE)))).isEqualTo(422);
        assertThat(status(() -> resource.dispatch("alice", "tools", "missing.yml", Map.of("ref", "main"),
                CiFixture.request(CiFixture.DAVE)))).isEqualTo(404);
        assertThat(status(() -> resource.dispatch("alice", "tools", "deploy.yml", Map.of("ref", "main",
                "inputs", Map.of("target", "x")), CiFixture.request(CiFixture.CAROL)))).isEqualTo(403);
        assertThat(status(() -> resource.dispatch("alice", "tools", "deploy.yml", Map.of(),
                CiFixture.request(CiFixture.DAVE)))).isEqualTo(422);
    }

    // ---------------------------------------------------------------------------------------------------------------

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

    private Event pushEvent(long eventId, String ref, String before, String after) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("repository_id", fixture.tools.id());
        properties.put("repository", "alice/tools");
        properties.put("pusher", "alice");
        properties.put("ref_updates", List.of(Map.of("ref", ref, "before", before, "after", after)));
        properties.put(EventProperties.EVENT_ID, eventId);
        return new Event(Topics.GIT_PUSH, properties);
    }

    private static int status(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e.status();
        }
        throw new AssertionError("expected a refusal");
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
