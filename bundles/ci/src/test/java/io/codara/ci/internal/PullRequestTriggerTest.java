package io.codara.ci.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.codara.api.audit.Actor;
import io.codara.api.ci.CommitStatus;
import io.codara.api.ci.SecretScope;
import io.codara.api.event.EventProperties;
import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.review.ChangedFile;
import io.codara.api.review.PullRequest;
import io.codara.api.review.PullRequests;
import io.codara.api.storage.Job;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.Migrations;
import io.codara.ci.internal.engine.CiEngine;
import io.codara.ci.internal.engine.Engines;
import io.codara.ci.internal.engine.JobDispatcher;
import io.codara.ci.internal.engine.PullRequestTrigger;
import io.codara.ci.internal.engine.WorkflowJob;
import io.codara.ci.internal.engine.WorkflowRun;
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
 * Pull request events start {@code pull_request} workflows: default and explicit {@code types}, base branch and path
 * filters, the head commit checked out with the pull request's {@code github} context, statuses on the head commit,
 * and no secrets for a pull request from a fork; on a real PostgreSQL, real git repositories and the real shell
 * runner. The review API is a Mockito stand-in answering as the review bundle does (its real implementation is
 * exercised end to end by DistributionIT).
 */
class PullRequestTriggerTest {

    private static final String WORKFLOW = """
            name: PR
            on:
              pull_request:
                branches: [main]
                paths: ['src/**']
            jobs:
              check:
                runs-on: shell
                steps:
                  - run: |
                      echo "event=${{ github.event_name }} number=${{ github.event.pull_request.number }}"
                      echo "title=${{ github.event.pull_request.title }} user=${{ github.event.pull_request.user.login }}"
                      echo "head=${{ github.head_ref }}@${{ github.event.pull_request.head.sha }} base=${{ github.base_ref }}"
                      echo "ref=${{ github.ref }} env-head=$GITHUB_HEAD_REF fork=${{ github.event.pull_request.head.repo.fork }}"
                      echo "secret=[${{ secrets.TOKEN }}]"
                      echo "checked-out=$(git rev-parse HEAD)"
                      cat src/app.txt
            """;

    @TempDir
    Path temp;

    private CiFixture fixture;
    private JobQueue queue;
    private CiEngine engine;
    private PullRequestTrigger trigger;
    private ShellRunnerProvider runner;
    private JobDispatcher dispatcher;
    private final PullRequests pullRequests = mock(PullRequests.class);
    private final Map<Integer, List<ChangedFile>> changedFiles = new HashMap<>();
    private Repository fork;
    private Path forkDir;
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
        fork = new Repository(10, "bob", "tools", null, null, List.of(), Visibility.PUBLIC, "main", false, false,
                fixture.tools.id(), Instant.now(), Instant.now(), null);
        when(fixture.repositories.find(10L)).thenReturn(Optional.of(fork));
        forkDir = temp.resolve("fork");
        Git.cloneRepository().setURI(fixture.gitDir.toUri().toString()).setDirectory(forkDir.toFile()).call().close();
        fixture.otherGitDirs.put(fork.id(), forkDir.resolve(".git"));
        trigger = new PullRequestTrigger(engine, queue, fixture.repositories, this::gitDir, pullRequests,
                fixture.accounts);
        runner = ShellRunners.shell(Files.createDirectories(temp.resolve("root")), Map.of("max_concurrent_jobs", 4));
        dispatcher = Engines.dispatcher(engine, queue, fixture.secrets, fixture.repositories, this::gitDir,
                Map.of("poll_interval_ms", 50L, "lease_seconds", 5));
        Engines.addRunner(dispatcher, runner);
        fixture.secrets.putSecret(SecretScope.repository(fixture.tools.id()), "TOKEN", "s3cr3t-value",
                Actor.SYSTEM);
        git = Git.open(temp.resolve("work").toFile());
        when(pullRequests.files(anyLong(), anyInt(), any())).thenAnswer(i -> {
            List<ChangedFile> files = changedFiles.getOrDefault((Integer) i.getArgument(1), List.of());
            return new Page<>(files, i.getArgument(2), files.size());
        });
    }

    private Path gitDir(long repositoryId) {
        return repositoryId == fork.id() ? forkDir.resolve(".git") : fixture.gitDir;
    }

    @AfterEach
    void tearDown() {
        Engines.stop(dispatcher);
        ShellRunners.stop(runner);
        git.close();
    }

    @Test
    void anOpenedPullRequestRunsOnItsHeadCommitWithThePullRequestContextSecretsAndAStatusOnTheHead()
            throws Exception {
        git.checkout().setCreateBranch(true).setName("feature/pr").setStartPoint(fixture.second).call();
        String head = commit(git, temp.resolve("work"), Map.of(".codara/workflows/pr.yml", WORKFLOW,
                "src/app.txt", "the change\n"));
        pullRequest(7, fixture.tools.id(), "feature/pr", head, "main", List.of(".codara/workflows/pr.yml",
                "src/app.txt"));

        WorkflowRun run = single(deliver("opened", 7, head, 101));
        assertThat(run.event()).isEqualTo("pull_request");
        assertThat(run.headSha()).isEqualTo(head);
        assertThat(run.headBranch()).isEqualTo("feature/pr");
        assertThat(run.headRef()).isEqualTo("refs/pull/7/head");
        WorkflowRun done = await(run.id());
        assertThat(done.conclusion()).isEqualTo("success");
        WorkflowJob job = engine.jobs(done.id(), null).get(0);
        String log = engine.log(job.id(), 1, 0, 1 << 20).text();
        assertThat(log).contains("event=pull_request number=7", "title=Make it better user=carol",
                "head=feature/pr@" + head + " base=main", "ref=refs/pull/7/head env-head=feature/pr fork=false",
                "secret=[***]", "checked-out=" + head, "the change");
        assertThat(statesOf(head)).containsExactly("success", "pending");

        assertThat(deliver("opened", 7, head, 101)).as("the same event delivered twice runs once").isEmpty();
    }

    @Test
    void typesBaseBranchAndPathFiltersDecideWhichEventsRun() throws Exception {
        git.checkout().setCreateBranch(true).setName("feature/filters").setStartPoint(fixture.second).call();
        String head = commit(git, temp.resolve("work"), Map.of(
                ".codara/workflows/pr.yml", WORKFLOW,
                ".codara/workflows/closed.yml", """
                        on:
                          pull_request:
                            types: [closed, edited]
                        jobs:
                          tidy:
                            runs-on: shell
                            steps:
                              - run: echo "${{ github.event.action }}"
                        """,
                "docs/readme.txt", "docs only\n"));
        pullRequest(8, fixture.tools.id(), "feature/filters", head, "main", List.of("docs/readme.txt"));
        assertThat(deliver("opened", 8, head, 201)).as("paths: src/** does not match docs only").isEmpty();
        assertThat(deliver("closed", 8, head, 202)).singleElement()
                .satisfies(r -> assertThat(r.workflowPath()).isEqualTo(".codara/workflows/closed.yml"));
        assertThat(deliver("synchronize", 8, head, 203)).isEmpty();

        pullRequest(9, fixture.tools.id(), "feature/filters", head, "release", List.of("src/app.txt"));
        assertThat(deliver("opened", 9, head, 204)).as("branches: [main] is matched against the base").isEmpty();
        pullRequest(9, fixture.tools.id(), "feature/filters", head, "main", List.of("src/app.txt"));
        assertThat(deliver("reopened", 9, head, 205)).singleElement()
                .satisfies(r -> assertThat(r.workflowPath()).isEqualTo(".codara/workflows/pr.yml"));
        assertThat(deliver("edited", 9, head, 206)).singleElement()
                .satisfies(r -> assertThat(r.workflowPath()).isEqualTo(".codara/workflows/closed.yml"));
    }

    @Test
    void aPullRequestFromAForkChecksOutTheForksCommitAndGetsNoSecrets() throws Exception {
        String head;
        try (Git forkGit = Git.open(forkDir.toFile())) {
            forkGit.checkout().setCreateBranch(true).setName("patch").call();
            head = commit(forkGit, forkDir, Map.of(".codara/workflows/pr.yml", WORKFLOW,
                    "src/app.txt", "from the fork\n"));
        }
        assertThat(fixture.gitDir.resolve("objects").resolve(head.substring(0, 2)).resolve(head.substring(2)))
                .as("the head commit is only in the fork").doesNotExist();
        pullRequest(11, fork.id(), "patch", head, "main", List.of("src/app.txt"));

        WorkflowRun done = await(single(deliver("opened", 11, head, 301)).id());
        assertThat(done.conclusion()).isEqualTo("success");
        String log = engine.log(engine.jobs(done.id(), null).get(0).id(), 1, 0, 1 << 20).text();
        assertThat(log).contains("secret=[]", "fork=true", "checked-out=" + head, "from the fork")
                .doesNotContain("s3cr3t");
        assertThat(statesOf(head)).as("the fork's head commit carries the run's status in the base repository")
                .containsExactly("success", "pending");
    }

    private void pullRequest(int number, long headRepositoryId, String headRef, String headSha, String baseRef,
            List<String> files) {
        Instant now = Instant.now();
        PullRequest pull = new PullRequest(1000 + number, fixture.tools.id(), number, "Make it better", null, "open",
                false, false, 3, headRepositoryId, headRef, headSha, baseRef, fixture.second, true, "clean", true,
                now, now, null, null);
        when(pullRequests.find(fixture.tools.id(), number)).thenReturn(Optional.of(pull));
        List<ChangedFile> changed = files.stream()
                .map(f -> new ChangedFile(f, null, "added", headSha, 1, 0, null)).toList();
        changedFiles.put(number, changed);
    }

    /** Delivers a pull request event as the review bundle publishes it and runs the queued trigger job. */
    private List<WorkflowRun> deliver(String action, int number, String headSha, long eventId) throws Exception {
        long before = engine.runs(fixture.tools.id(), new CiEngine.RunFilter(null, null, null, null), 1, 1).total();
        Map<String, Object> properties = new HashMap<>();
        properties.put("repository_id", fixture.tools.id());
        properties.put("repository", "alice/tools");
        properties.put("number", number);
        properties.put("pull_request_id", 1000L + number);
        properties.put("actor", "carol");
        properties.put("head_sha", headSha);
        properties.put("base_ref", "main");
        properties.put(EventProperties.EVENT_ID, eventId);
        trigger.handleEvent(new Event("codara/pull_request/" + action, properties));
        Job job = queue.claim("ci.pull_request", "test", Duration.ofSeconds(30)).orElseThrow();
        trigger.handle(job);
        queue.complete(job.id(), "test");
        List<WorkflowRun> all = engine.runs(fixture.tools.id(), new CiEngine.RunFilter(null, null, null, null), 1,
                100).runs();
        return all.subList(0, (int) (all.size() - before));
    }

    private static WorkflowRun single(List<WorkflowRun> runs) {
        assertThat(runs).hasSize(1);
        return runs.get(0);
    }

    private static String commit(Git git, Path work, Map<String, String> files) throws Exception {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = work.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        git.add().addFilepattern(".").call();
        RevCommit commit = git.commit().setMessage("change").setAuthor("Carol", "carol@example.com")
                .setCommitter("Carol", "carol@example.com").setSign(false).call();
        return commit.name();
    }

    /**
     * The states of the {@code PR / check} statuses on {@code sha}, newest first, once the final one is there: the
     * engine posts it right after the transaction that completes the job.
     */
    private List<String> statesOf(String sha) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            List<String> states = fixture.statuses.list(fixture.tools.id(), sha, new PageRequest(1, 10)).items()
                    .stream().filter(s -> s.context().equals("PR / check")).map(s -> s.state().githubName()).toList();
            if (states.size() > 1 || Instant.now().isAfter(deadline)) {
                return states;
            }
            Thread.sleep(50);
        }
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
