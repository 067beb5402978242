package io.codara.review.internal;

import static io.codara.review.internal.ReviewFixture.ALICE;
import static io.codara.review.internal.ReviewFixture.BOB;
import static io.codara.review.internal.ReviewFixture.request;
import static io.codara.review.internal.ReviewFixture.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.ci.CommitState;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Principal;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Branch health and stale branches on {@link ReviewFixture}'s alice/app, whose {@code main} gets one more commit so
 * every other branch is one behind: {@code same} (no commit of its own), {@code feature} and {@code other} (one each),
 * and {@code ancient} (a commit dated 400 days ago). The clock runs ahead of the commits.
 */
class BranchHealthTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private ReviewFixture f;
    private Instant now;

    @BeforeEach
    void fixture() throws Exception {
        f = new ReviewFixture(root);
        ReviewFixture.checkout(f.appWork, "main");
        try (Git git = Git.open(f.appWork.toFile())) {
            git.checkout().setCreateBranch(true).setName("ancient").call();
            ReviewFixture.write(f.appWork, "old.txt", "old\n");
            git.add().addFilepattern("old.txt").call();
            PersonIdent old = new PersonIdent("alice", "alice@example.com", Instant.now().minus(Duration.ofDays(400)),
                    ZoneOffset.UTC);
            git.commit().setMessage("Long ago").setAuthor(old).setCommitter(old).call();
        }
        ReviewFixture.checkout(f.appWork, "main");
        ReviewFixture.write(f.appWork, "README.md", "# app\n\nMain moved on.\n");
        ReviewFixture.commit(f.appWork, "alice", "Main moves on");
        now = Instant.now();
    }

    private BranchHealth health(Duration ahead) {
        BranchHealth health = new BranchHealth(f.directories, f.pulls, Clock.fixed(now.plus(ahead), ZoneOffset.UTC));
        health.statuses = f.merger.statuses;
        return health;
    }

    private void open(String head) {
        Map<String, Object> body = new HashMap<>(Map.of("title", head, "head", head, "base", "main"));
        assertThat(f.resource.open("alice", "app", body, request(ALICE), uri("repos/alice/app/pulls")).getStatus())
                .isEqualTo(201);
    }

    private static JsonNode byName(JsonNode list, String name) {
        for (JsonNode branch : list.path("items")) {
            if (branch.path("name").asText().equals(name)) {
                return branch;
            }
        }
        throw new AssertionError("no branch " + name + " in " + list);
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.path("items").forEach(b -> names.add(b.path("name").asText()));
        return names;
    }

    private static Map<String, Integer> points(JsonNode branch) {
        Map<String, Integer> points = new HashMap<>();
        branch.path("parts").forEach(p -> points.put(p.path("name").asText(), p.path("points").asInt()));
        return points;
    }

    @Test
    void scoresEveryBranchButTheDefaultWithItsPartsLowestFirst() throws Exception {
        open("feature");
        f.runJobs();
        String featureTip = f.pulls.find(f.app.id(), 1).orElseThrow().headSha();
        f.statuses.put(featureTip, Map.of("ci/build", CommitState.SUCCESS));
        BranchHealthResource resource = new BranchHealthResource(f.access, health(Duration.ofDays(30).plusHours(1)));

        JsonNode list = JSON.valueToTree(resource.list("alice", "app", null, null, request(ALICE)));

        List<String> names = new ArrayList<>();
        list.path("items").forEach(b -> names.add(b.path("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("same", "feature", "other", "ancient").doesNotContain("main");
        assertThat(list.path("total").asLong()).isEqualTo(4);
        List<Integer> scores = new ArrayList<>();
        list.path("items").forEach(b -> scores.add(b.path("score").asInt()));
        assertThat(scores).isSorted();

        JsonNode feature = byName(list, "feature");
        assertThat(feature.path("ahead_by").asInt()).isEqualTo(1);
        assertThat(feature.path("behind_by").asInt()).isEqualTo(1);
        assertThat(feature.path("sha").asText()).isEqualTo(featureTip);
        assertThat(feature.path("ci_state").asText()).isEqualTo("pending"); // the fixture's combined state
        assertThat(feature.path("pull_request").path("number").asInt()).isEqualTo(1);
        assertThat(feature.path("pull_request").path("mergeable").asBoolean()).isTrue();
        // behind 1: 25; 30 days idle: 25*(90-30)/83 = 18; pending: 10; mergeable PR: 20; 30 days old: 10*90/106 = 8.
        assertThat(points(feature)).containsExactlyInAnyOrderEntriesOf(Map.of("behind", 25, "staleness", 18, "ci", 10,
                "pull_request", 20, "age", 8));
        assertThat(feature.path("score").asInt()).isEqualTo(81);
        for (JsonNode part : feature.path("parts")) {
            assertThat(part.path("explanation").asText()).isNotBlank();
            assertThat(part.path("points").asInt()).isBetween(0, part.path("max").asInt());
        }
        assertThat(feature.path("parts").findValuesAsText("max")).hasSize(5);

        JsonNode same = byName(list, "same");
        assertThat(same.path("ahead_by").asInt()).isZero();
        assertThat(same.path("behind_by").asInt()).isEqualTo(1);
        assertThat(same.path("ci_state").asText()).isEqualTo("none");
        assertThat(same.path("pull_request").isNull()).isTrue();
        assertThat(points(same)).containsEntry("pull_request", 5).containsEntry("ci", 10);

        JsonNode ancient = byName(list, "ancient");
        assertThat(ancient.path("behind_by").asInt()).isEqualTo(1);
        assertThat(points(ancient)).containsEntry("staleness", 0).containsEntry("age", 0);
        assertThat(ancient.path("score").asInt()).isEqualTo(25 + 0 + 10 + 5 + 0);
        assertThat(scores.get(0)).isEqualTo(40);
    }

    @Test
    void aBranchFarBehindAndAConflictingPullRequestLosePoints() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        io.codara.api.review.PullRequest conflicting = new io.codara.api.review.PullRequest(1, 7, 3, "t", null, "open",
                false, false, 1, 7, "x", "a", "main", "b", false, "dirty", false, at, at, null, null);
        List<BranchHealth.Part> parts = BranchHealth.parts(at.plus(Duration.ofDays(60)), at, at, 60, "failure",
                conflicting);
        Map<String, Integer> points = new HashMap<>();
        parts.forEach(p -> points.put(p.name(), p.points()));
        // 60 behind: 0; 60 days idle: 25*30/83 = 9; failed: 0; conflicting PR: 0; 60 days old: 10*60/106 = 5.
        assertThat(points).containsExactlyInAnyOrderEntriesOf(Map.of("behind", 0, "staleness", 9, "ci", 0,
                "pull_request", 0, "age", 5));
        assertThat(BranchHealth.parts(at, at, at, 10, "success", null).stream().mapToInt(BranchHealth.Part::points)
                .sum()).isEqualTo(20 + 25 + 20 + 5 + 10);
    }

    @Test
    void staleBranchesAreOlderThanTheDaysWithoutAnOpenPullRequestOldestFirst() throws Exception {
        open("feature");
        StaleBranchesResource resource = new StaleBranchesResource(f.access, health(Duration.ofDays(100)));

        JsonNode stale = JSON.valueToTree(resource.list("alice", "app", null, null, null, request(ALICE)));
        List<String> names = new ArrayList<>();
        stale.path("items").forEach(b -> names.add(b.path("name").asText()));
        assertThat(names).hasSize(3).first().isEqualTo("ancient");
        assertThat(names).containsExactlyInAnyOrder("ancient", "same", "other");

        JsonNode older = JSON.valueToTree(resource.list("alice", "app", 200, null, null, request(ALICE)));
        assertThat(names(older)).containsExactly("ancient");

        JsonNode none = JSON.valueToTree(new StaleBranchesResource(f.access, health(Duration.ZERO))
                .list("alice", "app", 90, null, null, request(ALICE)));
        assertThat(names(none)).containsExactly("ancient");

        JsonNode paged = JSON.valueToTree(resource.list("alice", "app", 90, 2, 2, request(ALICE)));
        assertThat(paged.path("items")).hasSize(1);
        assertThat(paged.path("total").asLong()).isEqualTo(3);

        assertThatThrownBy(() -> resource.list("alice", "app", -1, null, null, request(ALICE)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
    }

    @Test
    void privateRepositoriesKeepTheirBranchesToThemselves() {
        BranchHealth health = health(Duration.ZERO);
        BranchHealthResource resource = new BranchHealthResource(f.access, health);
        StaleBranchesResource stale = new StaleBranchesResource(f.access, health);
        JsonNode own = JSON.valueToTree(resource.list("alice", "secret", null, null, request(ALICE)));
        assertThat(names(own)).containsExactly("topic");
        for (Principal outsider : List.of(BOB, Principal.ANONYMOUS)) {
            assertThatThrownBy(() -> resource.list("alice", "secret", null, null, request(outsider)))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
            assertThatThrownBy(() -> stale.list("alice", "secret", null, null, null, request(outsider)))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        }
        assertThat(JSON.valueToTree(resource.list("alice", "app", null, null, request(BOB))).path("items").size())
                .isEqualTo(4);
    }
}
