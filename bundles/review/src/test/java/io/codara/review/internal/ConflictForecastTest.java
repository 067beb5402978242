package io.codara.review.internal;

import static io.codara.review.internal.ReviewFixture.ALICE;
import static io.codara.review.internal.ReviewFixture.BOB;
import static io.codara.review.internal.ReviewFixture.request;
import static io.codara.review.internal.ReviewFixture.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.event.Topics;
import io.codara.api.git.RepositoryDirectories;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Principal;
import io.codara.api.storage.Job;
import io.codara.api.storage.JobState;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;

/**
 * The conflict forecast on real git repositories and a real PostgreSQL: alice/app's {@code other} (changes the first
 * line of app.txt) and bob's fork's {@code patch} (inserts a line above it) conflict with each other; {@code feature}
 * (appends a line and adds a file) and {@code docs} (changes only README.md) conflict with nothing.
 */
class ConflictForecastTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private ReviewFixture f;
    private ConflictForecaster forecaster;
    private ConflictForecastResource resource;
    private BaseConflictsResource baseResource;
    private final List<String> forecastJobs = new ArrayList<>();

    @BeforeEach
    void fixture() throws Exception {
        f = new ReviewFixture(root);
        ReviewFixture.checkout(f.appWork, "main");
        try (var git = org.eclipse.jgit.api.Git.open(f.appWork.toFile())) {
            git.checkout().setCreateBranch(true).setName("docs").call();
        }
        ReviewFixture.write(f.appWork, "README.md", "# app\n\nNow with docs.\n");
        ReviewFixture.commit(f.appWork, "alice", "Document");
        ReviewFixture.checkout(f.appWork, "main");
        when(f.jobs.enqueue(any(java.sql.Connection.class), eq(ConflictForecaster.QUEUE), anyString(), any()))
                .thenAnswer(i -> {
                    forecastJobs.add(i.getArgument(2));
                    return new Job(forecastJobs.size(), ConflictForecaster.QUEUE, i.getArgument(2), JobState.QUEUED,
                            0, 3, Instant.now(), null, Instant.now());
                });
        Map<Long, Path> dirs = Map.of(f.app.id(), f.appDir, f.fork.id(), f.forkDir, f.secret.id(),
                f.secretWork.resolve(".git"));
        RepositoryDirectories directories = dirs::get;
        forecaster = new ConflictForecaster(f.database, f.jobs, directories, java.time.Clock.systemUTC());
        resource = new ConflictForecastResource(f.access, f.pulls, f.pulls, forecaster);
        baseResource = new BaseConflictsResource(f.access, f.pulls, forecaster);
    }

    private void open(String head, String title) {
        Map<String, Object> body = new HashMap<>(Map.of("title", title, "head", head, "base", "main"));
        assertThat(f.resource.open("alice", "app", body, request(ALICE), uri("repos/alice/app/pulls")).getStatus())
                .isEqualTo(201);
    }

    private JsonNode conflicts(Principal who, int number) {
        return JSON.valueToTree(resource.forPull("alice", "app", number, request(who),
                uri("repos/alice/app/pulls/" + number + "/conflicts")));
    }

    private static Event opened(long repositoryId, String baseRef) {
        return new Event(Topics.PULL_REQUEST_OPENED, Map.of("repository_id", repositoryId, "base_ref", baseRef,
                "number", 1));
    }

    @Test
    void findsThePairsThatConflictAndOnlyMergesPairsThatShareAPath() throws Exception {
        open("feature", "Add four");
        open("other", "Shout one");
        open("bob:patch", "Add zero");
        open("docs", "Document");
        long objectsBefore = objectFiles(f.appDir);

        forecaster.compute(f.app.id(), "main");

        // Written nothing: the merges were in memory.
        assertThat(objectFiles(f.appDir)).isEqualTo(objectsBefore);
        JsonNode other = conflicts(ALICE, 2);
        assertThat(other.path("pending").asBoolean(true)).isFalse();
        assertThat(other.path("computed_at").asText()).isNotBlank();
        assertThat(other.path("conflicts")).hasSize(1);
        assertThat(other.path("conflicts").get(0).path("number").asInt()).isEqualTo(3);
        assertThat(other.path("conflicts").get(0).path("html_url").asText()).isEqualTo("http://codara.test/alice/app/pull/3");
        assertThat(other.path("conflicts").get(0).path("paths").get(0).asText()).isEqualTo("app.txt");
        assertThat(conflicts(ALICE, 3).path("conflicts").get(0).path("number").asInt()).isEqualTo(2);
        assertThat(conflicts(ALICE, 1).path("conflicts")).isEmpty();
        assertThat(conflicts(ALICE, 4).path("conflicts")).isEmpty();

        JsonNode base = JSON.valueToTree(baseResource.forBase("alice", "app", null, request(ALICE)));
        assertThat(base.path("base").asText()).isEqualTo("main");
        assertThat(base.path("pull_requests").asInt()).isEqualTo(4);
        // app.txt is changed by feature (at its end), other (its first line) and patch (a line above the first):
        // only other and patch touch each other's lines, so only they are merged; docs shares nothing with anyone.
        assertThat(base.path("pairs_merged").asInt()).isEqualTo(1);
        assertThat(base.path("pairs_with_edits_apart").asInt()).isEqualTo(2);
        assertThat(base.path("pairs_sharing_no_path").asInt()).isEqualTo(3);
        assertThat(base.path("conflicts")).hasSize(1);
        assertThat(base.path("conflicts").get(0).path("pull_requests").toString()).isEqualTo("[2,3]");
    }

    @Test
    void editsApartSkipTheMergeOnlyWhenTheyShareTheMergeBaseAndNeverHideAConflict() throws Exception {
        org.eclipse.jgit.lib.ObjectId base = org.eclipse.jgit.lib.ObjectId.fromString("1".repeat(40));
        org.eclipse.jgit.lib.ObjectId other = org.eclipse.jgit.lib.ObjectId.fromString("2".repeat(40));
        var lines0to2 = new ConflictForecast.Changes(base, Map.of("a.txt", List.of(new int[] {0, 2})));
        var line3 = new ConflictForecast.Changes(base, Map.of("a.txt", List.of(new int[] {3, 4})));
        var line2 = new ConflictForecast.Changes(base, Map.of("a.txt", List.of(new int[] {2, 3})));
        var insertAt2 = new ConflictForecast.Changes(base, Map.of("a.txt", List.of(new int[] {2, 2})));
        var elsewhere = new ConflictForecast.Changes(base, Map.of("b.txt", List.of(new int[] {0, 1})));
        assertThat(ConflictForecast.overlap(lines0to2, line3)).isEqualTo(ConflictForecast.Overlap.EDITS_APART);
        // Touching ranges (no unchanged line between) and an insertion at an edit's end conflict in git.
        assertThat(ConflictForecast.overlap(lines0to2, line2)).isEqualTo(ConflictForecast.Overlap.MAY_CONFLICT);
        assertThat(ConflictForecast.overlap(lines0to2, insertAt2)).isEqualTo(ConflictForecast.Overlap.MAY_CONFLICT);
        assertThat(ConflictForecast.overlap(lines0to2, elsewhere)).isEqualTo(ConflictForecast.Overlap.NO_SHARED_PATH);
        // From another merge base the line numbers do not compare: only a merge tells.
        var line3Elsewhere = new ConflictForecast.Changes(other, Map.of("a.txt", List.of(new int[] {3, 4})));
        assertThat(ConflictForecast.overlap(lines0to2, line3Elsewhere)).isEqualTo(ConflictForecast.Overlap.MAY_CONFLICT);

        // On real branches: two edits one line apart merge cleanly, two touching edits do not, as the forecast says.
        ReviewFixture.checkout(f.appWork, "main");
        ReviewFixture.write(f.appWork, "long.txt", "a\nb\nc\nd\ne\nf\n");
        ReviewFixture.commit(f.appWork, "alice", "Long file");
        for (String[] branch : new String[][] {{"top", "A\nb\nc\nd\ne\nf\n"}, {"middle", "a\nb\nC\nd\ne\nf\n"},
            {"touching", "a\nB\nc\nd\ne\nf\n"}}) {
            ReviewFixture.checkout(f.appWork, "main");
            try (var git = org.eclipse.jgit.api.Git.open(f.appWork.toFile())) {
                git.checkout().setCreateBranch(true).setName(branch[0]).call();
            }
            ReviewFixture.write(f.appWork, "long.txt", branch[1]);
            ReviewFixture.commit(f.appWork, "alice", branch[0]);
        }
        ReviewFixture.checkout(f.appWork, "main");
        open("top", "Top");
        open("middle", "Middle");
        open("touching", "Touching");
        forecaster.compute(f.app.id(), "main");
        JsonNode base2 = JSON.valueToTree(baseResource.forBase("alice", "app", null, request(ALICE)));
        // top/middle are apart (lines 1 and 3); top/touching (1 and 2) and middle/touching (3 and 2) touch.
        assertThat(base2.path("pairs_with_edits_apart").asInt()).isEqualTo(1);
        assertThat(base2.path("pairs_merged").asInt()).isEqualTo(2);
        assertThat(base2.path("conflicts")).hasSize(2);
        try (var repository = new org.eclipse.jgit.storage.file.FileRepositoryBuilder().setGitDir(f.appDir.toFile())
                .build()) {
            String top = PullRequestGit.branch(f.appDir, "top").orElseThrow();
            String middle = PullRequestGit.branch(f.appDir, "middle").orElseThrow();
            assertThat(ConflictForecast.conflictingPaths(repository, top, middle)).isEmpty();
        }
    }

    @Test
    void aClosedPullRequestLeavesTheForecastAtOnceAndItsHeadIsReadFromGit() throws Exception {
        open("other", "Shout one");
        open("bob:patch", "Add zero");
        forecaster.compute(f.app.id(), "main");
        assertThat(conflicts(ALICE, 1).path("conflicts")).hasSize(1);

        f.pulls.update(f.app.id(), 2, new io.codara.api.review.PullRequestUpdate(null, null, "closed", null, null),
                ReviewAccess.actor(request(ALICE)));
        assertThat(conflicts(ALICE, 1).path("conflicts")).isEmpty();
        assertThat(conflicts(ALICE, 2).path("conflicts")).isEmpty();

        // other is rewritten to agree with the fork's change: the next forecast reads the branch as it is now,
        // before any push event reached the pull request rows.
        f.pulls.update(f.app.id(), 2, new io.codara.api.review.PullRequestUpdate(null, null, "open", null, null),
                ReviewAccess.actor(request(ALICE)));
        ReviewFixture.checkout(f.appWork, "other");
        ReviewFixture.write(f.appWork, "app.txt", "zero\none\ntwo\nthree\n");
        ReviewFixture.commit(f.appWork, "alice", "Agree with bob");
        ReviewFixture.checkout(f.appWork, "main");
        forecaster.compute(f.app.id(), "main");
        assertThat(conflicts(ALICE, 1).path("conflicts")).isEmpty();
    }

    @Test
    void requestsGatherIntoOneQueuedJobUntilItStarts() throws Exception {
        open("other", "Shout one");
        open("bob:patch", "Add zero");
        forecaster.handleEvent(opened(f.app.id(), "main"));
        forecaster.handleEvent(new Event(Topics.PULL_REQUEST_SYNCHRONIZE, Map.of("repository_id", f.app.id(),
                "base_ref", "main", "number", 2)));
        forecaster.handleEvent(new Event(Topics.GIT_PUSH, Map.of("repository_id", f.app.id(), "ref_updates",
                List.of(Map.of("ref", "refs/heads/main", "before", "0".repeat(40), "after", "1".repeat(40))))));
        assertThat(forecastJobs).hasSize(1);
        assertThat(conflicts(ALICE, 1).path("pending").asBoolean()).isTrue();

        // The job starts: a request from now on queues the next one.
        forecaster.handle(new Job(1, ConflictForecaster.QUEUE, forecastJobs.get(0), JobState.RUNNING, 1, 3,
                Instant.now(), null, Instant.now()));
        assertThat(conflicts(ALICE, 1).path("pending").asBoolean(true)).isFalse();
        assertThat(conflicts(ALICE, 1).path("conflicts")).hasSize(1);
        forecaster.handleEvent(opened(f.app.id(), "main"));
        assertThat(forecastJobs).hasSize(2);

        // A push to a branch nothing is based on asks for nothing.
        forecaster.handleEvent(new Event(Topics.GIT_PUSH, Map.of("repository_id", f.app.id(), "ref_updates",
                List.of(Map.of("ref", "refs/heads/docs", "before", "0".repeat(40), "after", "1".repeat(40))))));
        assertThat(forecastJobs).hasSize(2);
        assertThatThrownBy(() -> forecaster.handle(new Job(9, ConflictForecaster.QUEUE, "{}", JobState.RUNNING, 1, 3,
                Instant.now(), null, Instant.now()))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void privateRepositoriesKeepTheirForecastToThemselves() {
        Map<String, Object> body = new HashMap<>(Map.of("title", "Topic", "head", "topic", "base", "main"));
        f.resource.open("alice", "secret", body, request(ALICE), uri("repos/alice/secret/pulls"));
        assertThat(JSON.valueToTree(resource.forPull("alice", "secret", 1, request(ALICE),
                uri("repos/alice/secret/pulls/1/conflicts"))).path("conflicts").isArray()).isTrue();
        assertThatThrownBy(() -> resource.forPull("alice", "secret", 1, request(BOB),
                uri("repos/alice/secret/pulls/1/conflicts"))).isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> baseResource.forBase("alice", "secret", "main", request(Principal.ANONYMOUS)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> resource.forPull("alice", "app", 99, request(ALICE),
                uri("repos/alice/app/pulls/99/conflicts"))).isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.status()).isEqualTo(404));
    }

    private static long objectFiles(Path gitDir) throws Exception {
        try (Stream<Path> files = Files.walk(gitDir.resolve("objects"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
