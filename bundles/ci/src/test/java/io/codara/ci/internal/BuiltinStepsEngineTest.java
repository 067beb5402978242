package io.codara.ci.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import io.codara.api.ci.Artifact;
import io.codara.api.ci.CacheEntry;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.Migrations;
import io.codara.ci.internal.artifacts.PostgresArtifacts;
import io.codara.ci.internal.artifacts.PostgresCaches;
import io.codara.ci.internal.engine.CiEngine;
import io.codara.ci.internal.engine.Engines;
import io.codara.ci.internal.engine.JobDispatcher;
import io.codara.ci.internal.engine.WorkflowJob;
import io.codara.ci.internal.engine.WorkflowPlanner;
import io.codara.ci.internal.engine.WorkflowRun;
import io.codara.ci.internal.shell.ShellRunnerProvider;
import io.codara.ci.internal.shell.ShellRunners;
import io.codara.ci.internal.workflow.WorkflowParseResult;
import io.codara.ci.internal.workflow.WorkflowParser;
import io.codara.storage.internal.FileBlobStore;
import io.codara.storage.internal.PostgresJobQueue;
import io.codara.storage.internal.StorageSchema;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

/**
 * The built-in steps end to end in the engine: workflow files parsed and planned, jobs dispatched to the real shell
 * runner, artifacts and caches in a real PostgreSQL and blob store. A job that needs another downloads what it
 * uploaded; a cache keyed by {@code hashFiles} misses in one run, is saved after it, and hits in the next.
 */
class BuiltinStepsEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    private CiFixture fixture;
    private JobQueue queue;
    private CiEngine engine;
    private PostgresArtifacts artifacts;
    private PostgresCaches caches;
    private ShellRunnerProvider runner;
    private JobDispatcher dispatcher;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new CiFixture(temp);
        Flyway.configure(getClass().getClassLoader()).dataSource(fixture.database.dataSource()).schemas("storage")
                .locations("classpath:db/migration/storage").load().migrate();
        queue = new PostgresJobQueue(fixture.database, new StorageSchema(mock(Migrations.class),
                mock(BundleContext.class)));
        engine = Engines.engine(new CiSchema(), fixture.database, queue, fixture.outbox, fixture.statuses,
                fixture.repositories, Map.of("web_url", "http://codara.test/"));
        Path root = Files.createDirectories(temp.resolve("root"));
        FileBlobStore blobs = new FileBlobStore(() -> root);
        artifacts = PostgresArtifacts.of(fixture.database, blobs, 90, 400);
        caches = new PostgresCaches(fixture.database, blobs, fixture.repositories, 1L << 30);
        runner = ShellRunners.shell(root, Map.of("max_concurrent_jobs", 2), artifacts, caches);
        dispatcher = Engines.dispatcher(engine, queue, fixture.secrets, fixture.repositories, id -> fixture.gitDir,
                Map.of("poll_interval_ms", 50L, "lease_seconds", 5));
        Engines.addRunner(dispatcher, runner);
    }

    @AfterEach
    void tearDown() {
        Engines.stop(dispatcher);
        ShellRunners.stop(runner);
    }

    private WorkflowRun start(String yaml) {
        WorkflowParseResult parsed = new WorkflowParser().parse(".codara/workflows/ci.yml", yaml);
        assertThat(parsed.errors()).isEmpty();
        return engine.createRun(WorkflowPlanner.plan(parsed.workflow(), new WorkflowPlanner.Trigger(
                fixture.tools.id(), "alice/tools", "push", fixture.second, "refs/heads/main", "alice", Map.of())));
    }

    private String log(WorkflowJob job) {
        return engine.log(job.id(), null, 0, 1 << 20).text();
    }

    @Test
    void aJobThatNeedsAnotherDownloadsTheArtifactItUploaded() throws Exception {
        WorkflowRun run = start("""
                name: Build
                on: push
                jobs:
                  build:
                    runs-on: shell
                    steps:
                      - run: mkdir -p out/sub && echo "built $GITHUB_SHA" > out/app.txt && echo nested > out/sub/n.txt
                      - uses: actions/upload-artifact@v4
                        id: up
                        with:
                          name: app
                          path: |
                            out/
                            !out/**/*.tmp
                          retention-days: 3
                      - uses: codara/upload-artifact@v4.4.3
                        with:
                          name: nothing
                          path: missing/**
                          if-no-files-found: ignore
                      - if: steps.up.outputs.artifact-id != '' && steps.up.outputs.artifact-digest != ''
                        run: echo "outputs-seen"
                  test:
                    needs: build
                    runs-on: shell
                    steps:
                      - uses: actions/download-artifact@v4
                        with:
                          name: app
                          path: got
                      - run: test "$(cat got/app.txt)" = "built $GITHUB_SHA" && test "$(cat got/sub/n.txt)" = nested
                      - uses: actions/download-artifact@v4
                        with:
                          path: all
                      - run: test -f all/app/sub/n.txt
                      - uses: actions/upload-artifact@v4
                        with:
                          name: strict
                          path: missing.txt
                          if-no-files-found: error
                        continue-on-error: true
                """);
        WorkflowRun done = awaitRun(run.id());
        List<WorkflowJob> jobs = engine.jobs(run.id(), null);
        assertThat(done.conclusion()).as(log(jobs.get(0)) + log(jobs.get(1))).isEqualTo("success");
        assertThat(jobs.get(0).steps()).extracting(WorkflowJob.WorkflowStep::conclusion)
                .containsExactly("success", "success", "success", "success");
        assertThat(jobs.get(1).steps()).extracting(WorkflowJob.WorkflowStep::conclusion)
                .containsExactly("success", "success", "success", "success", "success");

        List<Artifact> uploaded = artifacts.ofRun(run.id());
        assertThat(uploaded).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("app");
            assertThat(a.expiresAt()).isBefore(a.createdAt().plus(Duration.ofDays(4)));
        });
        List<String> entries = new ArrayList<>();
        try (InputStream zip = artifacts.open(uploaded.get(0).id()).orElseThrow();
                ZipInputStream in = new ZipInputStream(zip)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.add(e.getName() + "=" + new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
            }
        }
        assertThat(entries).containsExactly("app.txt=built " + fixture.second, "sub/n.txt=nested");
        assertThat(log(jobs.get(0))).contains("Artifact app has been successfully uploaded! Final size is "
                + uploaded.get(0).sizeInBytes() + " bytes. Artifact ID is " + uploaded.get(0).id(), "outputs-seen");
        assertThat(log(jobs.get(1))).contains("No files were found with the provided path: missing.txt");
    }

    @Test
    void aCacheKeyedByHashFilesMissesThenIsSavedAfterTheJobAndHitsInTheNextRun() throws Exception {
        String workflow = """
                on: push
                jobs:
                  deps:
                    runs-on: shell
                    steps:
                      - run: echo lock-1 > deps.lock
                      - uses: actions/cache@v4
                        id: cache
                        with:
                          path: |
                            .deps
                            ~/.tool
                          key: deps-${{ hashFiles('**/deps.lock') }}
                          restore-keys: deps-
                      - if: steps.cache.outputs.cache-hit != 'true'
                        run: mkdir -p .deps ~/.tool && echo fetched > .deps/lib.txt && echo tool > ~/.tool/t
                      - if: steps.cache.outputs.cache-hit == 'true'
                        run: echo CACHE-HIT
                      - run: test "$(cat .deps/lib.txt)" = fetched && test "$(cat ~/.tool/t)" = tool
                """;
        WorkflowRun first = start(workflow);
        assertThat(awaitRun(first.id()).conclusion()).as(log(engine.jobs(first.id(), null).get(0)))
                .isEqualTo("success");
        WorkflowJob firstJob = engine.jobs(first.id(), null).get(0);
        assertThat(firstJob.steps()).extracting(WorkflowJob.WorkflowStep::conclusion)
                .containsExactly("success", "success", "success", "skipped", "success");
        assertThat(log(firstJob)).contains("Cache not found for input keys: deps-", "Cache saved with key: deps-");
        List<CacheEntry> saved = caches.list(fixture.tools.id(), "deps-", null, 1, 10).caches();
        assertThat(saved).singleElement().satisfies(e -> {
            assertThat(e.ref()).isEqualTo("refs/heads/main");
            assertThat(e.key()).matches("deps-[0-9a-f]{64}");
        });

        WorkflowRun second = start(workflow);
        assertThat(awaitRun(second.id()).conclusion()).as(log(engine.jobs(second.id(), null).get(0)))
                .isEqualTo("success");
        WorkflowJob secondJob = engine.jobs(second.id(), null).get(0);
        assertThat(secondJob.steps()).extracting(WorkflowJob.WorkflowStep::conclusion)
                .containsExactly("success", "success", "skipped", "success", "success");
        assertThat(log(secondJob)).contains("Cache restored from key: " + saved.get(0).key(), "CACHE-HIT")
                .doesNotContain("Cache saved");
        assertThat(caches.usage(fixture.tools.id()).count()).isEqualTo(1);
    }

    private WorkflowRun awaitRun(long runId) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (!engine.run(runId).orElseThrow().status().equals("completed")) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(50);
        }
        return engine.run(runId).orElseThrow();
    }
}
