package io.codara.review.internal;

import static io.codara.review.internal.ReviewFixture.body;
import static io.codara.review.internal.ReviewFixture.ALICE;
import static io.codara.review.internal.ReviewFixture.BOB;
import static io.codara.review.internal.ReviewFixture.CAROL;
import static io.codara.review.internal.ReviewFixture.request;
import static io.codara.review.internal.ReviewFixture.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.event.Topics;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.security.Principal;

import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;

/** Pull requests on a real PostgreSQL and real git repositories, through the REST resource and the push follower. */
class PullRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private ReviewFixture f;

    @BeforeEach
    void fixture() throws Exception {
        f = new ReviewFixture(root);
    }

    private JsonNode open(Principal who, String repo, Object... pairs) {
        Response response = f.resource.open(repo.split("/")[0], repo.split("/")[1], body(pairs), request(who),
                uri("repos/" + repo + "/pulls"));
        assertThat(response.getStatus()).isEqualTo(201);
        return JSON.valueToTree(response.getEntity());
    }

    private JsonNode get(Principal who, int number) {
        return JSON.valueToTree(f.resource.get("alice", "app", number, request(who), uri("repos/alice/app/pulls/" + number)));
    }

    private JsonNode list(Principal who, String state, String head, String base, String direction) {
        Page<Map<String, Object>> page = f.resource.list("alice", "app", state, head, base, null, direction, null, null, null,
                request(who), uri("repos/alice/app/pulls"));
        return JSON.valueToTree(page.items());
    }


    private static ApiException failure(Runnable action) {
        try {
            action.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("no ApiException");
    }

    @Test
    void opensFromABranchAndComputesMergeabilityInTheBackground() throws Exception {
        JsonNode pull = open(ALICE, "alice/app", "title", "Add four", "body", "Adds *four*.", "head", "feature",
                "base", "main");
        assertThat(pull.path("number").asInt()).isEqualTo(1);
        assertThat(pull.path("state").asText()).isEqualTo("open");
        assertThat(pull.path("title").asText()).isEqualTo("Add four");
        assertThat(pull.path("body").asText()).isEqualTo("Adds *four*.");
        assertThat(pull.path("user").path("login").asText()).isEqualTo("alice");
        assertThat(pull.path("head").path("label").asText()).isEqualTo("alice:feature");
        assertThat(pull.path("head").path("repo").path("full_name").asText()).isEqualTo("alice/app");
        assertThat(pull.path("base").path("ref").asText()).isEqualTo("main");
        assertThat(pull.path("url").asText()).isEqualTo("http://codara.test/api/v3/repos/alice/app/pulls/1");
        assertThat(pull.path("html_url").asText()).isEqualTo("http://codara.test/alice/app/pull/1");
        assertThat(pull.path("draft").asBoolean()).isFalse();
        assertThat(pull.path("mergeable").isNull()).isTrue();
        assertThat(pull.path("mergeable_state").asText()).isEqualTo("unknown");
        assertThat(pull.path("commits").asInt()).isEqualTo(1);
        assertThat(pull.path("additions").asInt()).isEqualTo(2);
        assertThat(pull.path("deletions").asInt()).isZero();
        assertThat(pull.path("changed_files").asInt()).isEqualTo(2);
        verify(f.outbox).publish(any(Connection.class), eq(Topics.PULL_REQUEST_OPENED),
                argThat(m -> m.get("number").equals(1) && m.get("repository").equals("alice/app")));
        assertThat(f.queued).hasSize(1);

        f.runJobs();
        JsonNode again = get(ALICE, 1);
        assertThat(again.path("mergeable").asBoolean()).isTrue();
        assertThat(again.path("mergeable_state").asText()).isEqualTo("clean");

        // The next one takes the next number; a draft stays a draft.
        JsonNode second = open(CAROL, "alice/app", "title", "Shout", "head", "alice:other", "base", "main",
                "draft", true);
        assertThat(second.path("number").asInt()).isEqualTo(2);
        assertThat(second.path("draft").asBoolean()).isTrue();
        assertThat(second.path("user").path("login").asText()).isEqualTo("carol");
    }

    @Test
    void aConflictingPullRequestIsNotMergeable() throws Exception {
        ReviewFixture.checkout(f.appWork, "main");
        ReviewFixture.write(f.appWork, "app.txt", "uno\ntwo\nthree\n");
        RevCommit main = ReviewFixture.commit(f.appWork, "alice", "Spanish one");
        open(ALICE, "alice/app", "title", "Shout", "head", "other", "base", "main");
        long objectsBefore = objectFiles(f.appDir);
        f.runJobs();
        // The check merged in memory: it wrote no object (a merged blob or tree) to the repository.
        assertThat(objectFiles(f.appDir)).isEqualTo(objectsBefore);
        JsonNode pull = get(ALICE, 1);
        assertThat(pull.path("mergeable").asBoolean(true)).isFalse();
        assertThat(pull.path("mergeable").isBoolean()).isTrue();
        assertThat(pull.path("mergeable_state").asText()).isEqualTo("dirty");
        assertThat(pull.path("base").path("sha").asText()).isEqualTo(main.name());
    }

    private static long objectFiles(Path gitDir) throws Exception {
        try (var files = java.nio.file.Files.walk(gitDir.resolve("objects"))) {
            return files.filter(java.nio.file.Files::isRegularFile).count();
        }
    }

    @Test
    void refusesWhatGitHubRefuses() {
        ApiException same = failure(() -> open(ALICE, "alice/app", "title", "t", "head", "main", "base", "main"));
        assertThat(same.status()).isEqualTo(422);
        assertThat(same.errors().get(0).message()).contains("different");
        ApiException missingHead = failure(() -> open(ALICE, "alice/app", "title", "t", "head", "nope", "base", "main"));
        assertThat(missingHead.status()).isEqualTo(422);
        assertThat(missingHead.errors().get(0).field()).isEqualTo("head");
        ApiException missingBase = failure(() -> open(ALICE, "alice/app", "title", "t", "head", "feature", "base", "x"));
        assertThat(missingBase.errors().get(0).field()).isEqualTo("base");
        ApiException noCommits = failure(() -> open(ALICE, "alice/app", "title", "t", "head", "same", "base", "main"));
        assertThat(noCommits.status()).isEqualTo(422);
        assertThat(noCommits.errors().get(0).message()).isEqualTo("No commits between main and same");
        ApiException noTitle = failure(() -> open(ALICE, "alice/app", "head", "feature", "base", "main"));
        assertThat(noTitle.errors().get(0).code()).isEqualTo("missing_field");
        ApiException badType = failure(() -> open(ALICE, "alice/app", "title", 5, "head", "feature", "base", "main"));
        assertThat(badType.status()).isEqualTo(422);

        open(ALICE, "alice/app", "title", "t", "head", "feature", "base", "main");
        ApiException duplicate = failure(() -> open(ALICE, "alice/app", "title", "t", "head", "feature", "base", "main"));
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.errors().get(0).message()).isEqualTo("A pull request already exists for alice:feature.");
        ApiException unknownFork = failure(() -> open(ALICE, "alice/app", "title", "t", "head", "carol:x",
                "base", "main"));
        assertThat(unknownFork.status()).isEqualTo(422);
    }

    @Test
    void opensFromAForkThatBorrowsTheBasesObjects() throws Exception {
        JsonNode pull = open(BOB, "alice/app", "title", "Zero", "head", "bob:patch", "base", "main");
        assertThat(pull.path("head").path("label").asText()).isEqualTo("bob:patch");
        assertThat(pull.path("head").path("repo").path("full_name").asText()).isEqualTo("bob/app");
        assertThat(pull.path("commits").asInt()).isEqualTo(1);

        JsonNode files = JSON.valueToTree(f.resource.files("alice", "app", 1, null, null, request(BOB),
                uri("repos/alice/app/pulls/1/files")).items());
        assertThat(files).hasSize(1);
        assertThat(files.get(0).path("filename").asText()).isEqualTo("app.txt");
        assertThat(files.get(0).path("patch").asText()).isEqualTo("@@ -1,3 +1,4 @@\n+zero\n one\n two\n three");

        // The base moves on with a commit the fork never saw; the merge check still sees both sides.
        ReviewFixture.write(f.appWork, "README.md", "# app, moved on\n");
        RevCommit moved = ReviewFixture.commit(f.appWork, "alice", "Move on");
        f.follower.handleEvent(push(f.app.id(), "main", moved.name()));
        JsonNode listed = get(ALICE, 1);
        assertThat(listed.path("base").path("sha").asText()).isEqualTo(moved.name());
        f.runJobs();
        assertThat(get(ALICE, 1).path("mergeable").asBoolean()).isTrue();
        // bob's pull request is bob's: he may edit it though he cannot write to alice/app.
        JsonNode edited = JSON.valueToTree(f.resource.update("alice", "app", 1, body("title", "Zero first"),
                request(BOB), uri("repos/alice/app/pulls/1")));
        assertThat(edited.path("title").asText()).isEqualTo("Zero first");
    }

    @Test
    void listsCommitsAndFilesInGitHubsShapes() {
        open(ALICE, "alice/app", "title", "Add four", "head", "feature", "base", "main");
        JsonNode commits = JSON.valueToTree(f.resource.commits("alice", "app", 1, null, null, request(ALICE),
                uri("repos/alice/app/pulls/1/commits")).items());
        assertThat(commits).hasSize(1);
        assertThat(commits.get(0).path("commit").path("message").asText()).isEqualTo("Add four");
        assertThat(commits.get(0).path("commit").path("author").path("email").asText()).isEqualTo("alice@example.com");
        assertThat(commits.get(0).path("author").path("login").asText()).isEqualTo("alice");
        assertThat(commits.get(0).path("parents")).hasSize(1);
        assertThat(commits.get(0).path("sha").asText()).hasSize(40);

        JsonNode files = JSON.valueToTree(f.resource.files("alice", "app", 1, null, null, request(ALICE),
                uri("repos/alice/app/pulls/1/files")).items());
        assertThat(files).extracting(n -> n.path("filename").asText()).containsExactly("NEW.md", "app.txt");
        assertThat(files.get(0).path("status").asText()).isEqualTo("added");
        assertThat(files.get(0).path("patch").asText()).isEqualTo("@@ -0,0 +1 @@\n+new file");
        assertThat(files.get(1).path("status").asText()).isEqualTo("modified");
        assertThat(files.get(1).path("additions").asInt()).isEqualTo(1);
        assertThat(files.get(1).path("deletions").asInt()).isZero();
        assertThat(files.get(1).path("changes").asInt()).isEqualTo(1);
        assertThat(files.get(1).path("patch").asText()).isEqualTo("@@ -1,3 +1,4 @@\n one\n two\n three\n+four");

        assertThat(failure(() -> f.resource.merged("alice", "app", 1, request(ALICE))).status()).isEqualTo(404);
    }

    @Test
    void listsWithFiltersAndClosesAndReopens() throws Exception {
        open(ALICE, "alice/app", "title", "Add four", "head", "feature", "base", "main");
        open(ALICE, "alice/app", "title", "Shout", "head", "other", "base", "main");
        open(BOB, "alice/app", "title", "Zero", "head", "bob:patch", "base", "main");
        assertThat(list(null, null, null, null, null)).extracting(n -> n.path("number").asInt()).containsExactly(3, 2, 1);
        assertThat(list(null, null, null, null, "asc")).extracting(n -> n.path("number").asInt()).containsExactly(1, 2, 3);
        assertThat(list(null, null, "alice:other", null, null)).extracting(n -> n.path("number").asInt()).containsExactly(2);
        assertThat(list(null, null, "bob:patch", null, null)).extracting(n -> n.path("number").asInt()).containsExactly(3);
        assertThat(list(null, null, "carol:patch", null, null)).isEmpty();
        assertThat(list(null, null, null, "other", null)).isEmpty();
        assertThat(list(null, null, null, null, null).get(0).has("mergeable")).isFalse();

        JsonNode closed = JSON.valueToTree(f.resource.update("alice", "app", 2, body("state", "closed"), request(CAROL),
                uri("repos/alice/app/pulls/2")));
        assertThat(closed.path("state").asText()).isEqualTo("closed");
        assertThat(closed.path("closed_at").isNull()).isFalse();
        verify(f.outbox).publish(any(Connection.class), eq(Topics.PULL_REQUEST_CLOSED), argThat(m -> m.get("number").equals(2)));
        assertThat(list(null, "open", null, null, null)).extracting(n -> n.path("number").asInt()).containsExactly(3, 1);
        assertThat(list(null, "closed", null, null, null)).extracting(n -> n.path("number").asInt()).containsExactly(2);
        assertThat(list(null, "all", null, null, null)).hasSize(3);
        assertThat(failure(() -> list(null, "merged", null, null, null)).status()).isEqualTo(422);

        JsonNode reopened = JSON.valueToTree(f.resource.update("alice", "app", 2, body("state", "open", "body", "again"),
                request(ALICE), uri("repos/alice/app/pulls/2")));
        assertThat(reopened.path("state").asText()).isEqualTo("open");
        assertThat(reopened.path("closed_at").isNull()).isTrue();
        assertThat(reopened.path("body").asText()).isEqualTo("again");
        verify(f.outbox).publish(any(Connection.class), eq(Topics.PULL_REQUEST_REOPENED), argThat(m -> m.get("number").equals(2)));
        verify(f.outbox).publish(any(Connection.class), eq(Topics.PULL_REQUEST_EDITED),
                argThat(m -> m.get("number").equals(2) && m.get("changes").equals(List.of("body"))));

        // Retargeting checks the new base and resets mergeability.
        assertThat(failure(() -> f.resource.update("alice", "app", 1, body("base", "nope"), request(ALICE),
                uri("repos/alice/app/pulls/1"))).status()).isEqualTo(422);
        JsonNode retargeted = JSON.valueToTree(f.resource.update("alice", "app", 1, body("base", "other"),
                request(ALICE), uri("repos/alice/app/pulls/1")));
        assertThat(retargeted.path("base").path("ref").asText()).isEqualTo("other");
        assertThat(retargeted.path("mergeable").isNull()).isTrue();
    }

    @Test
    void aPushToTheHeadSynchronizes() throws Exception {
        open(ALICE, "alice/app", "title", "Add four", "head", "feature", "base", "main");
        f.runJobs();
        ReviewFixture.checkout(f.appWork, "feature");
        ReviewFixture.write(f.appWork, "app.txt", "one\ntwo\nthree\nfour\nfive\n");
        RevCommit five = ReviewFixture.commit(f.appWork, "alice", "Add five");
        f.follower.handleEvent(push(f.app.id(), "feature", five.name()));

        JsonNode pull = get(ALICE, 1);
        assertThat(pull.path("head").path("sha").asText()).isEqualTo(five.name());
        assertThat(pull.path("mergeable").isNull()).isTrue();
        assertThat(pull.path("commits").asInt()).isEqualTo(2);
        verify(f.outbox).publish(any(Connection.class), eq(Topics.PULL_REQUEST_SYNCHRONIZE),
                argThat(m -> m.get("after").equals(five.name()) && m.get("number").equals(1)));
        f.runJobs();
        assertThat(get(ALICE, 1).path("mergeable_state").asText()).isEqualTo("clean");

        // The same push again changes nothing; a push elsewhere neither.
        f.follower.handleEvent(push(f.app.id(), "feature", five.name()));
        f.follower.handleEvent(push(f.secret.id(), "feature", five.name()));
        assertThat(f.queued).isEmpty();
    }

    @Test
    void hidesPrivateRepositoriesAndGuardsChanges() throws Exception {
        // bob cannot see alice/secret: every endpoint answers 404, as for a missing repository.
        assertThat(failure(() -> f.resource.list("alice", "secret", null, null, null, null, null, null, null, null,
                request(BOB), uri("repos/alice/secret/pulls"))).status()).isEqualTo(404);
        assertThat(failure(() -> f.resource.open("alice", "secret", body("title", "t", "head", "topic", "base", "main"),
                request(BOB), uri("repos/alice/secret/pulls"))).status()).isEqualTo(404);
        Response created = f.resource.open("alice", "secret", body("title", "t", "head", "topic", "base", "main"),
                request(ALICE), uri("repos/alice/secret/pulls"));
        assertThat(created.getStatus()).isEqualTo(201);
        assertThat(failure(() -> f.resource.get("alice", "secret", 1, request(BOB), uri("repos/alice/secret/pulls/1")))
                .status()).isEqualTo(404);
        assertThat(failure(() -> f.resource.get("alice", "secret", 1, request(Principal.ANONYMOUS),
                uri("repos/alice/secret/pulls/1"))).status()).isEqualTo(404);
        assertThat(failure(() -> f.resource.files("alice", "secret", 1, null, null, request(BOB),
                uri("repos/alice/secret/pulls/1/files"))).status()).isEqualTo(404);
        assertThat(failure(() -> f.resource.commits("alice", "secret", 1, null, null, request(BOB),
                uri("repos/alice/secret/pulls/1/commits"))).status()).isEqualTo(404);
        assertThat(failure(() -> f.resource.merged("alice", "secret", 1, request(BOB))).status()).isEqualTo(404);
        assertThat(failure(() -> f.resource.update("alice", "secret", 1, body("title", "x"), request(BOB),
                uri("repos/alice/secret/pulls/1"))).status()).isEqualTo(404);

        // On a public repository: anonymous callers may read but not open; others may not edit alice's.
        open(ALICE, "alice/app", "title", "Add four", "head", "feature", "base", "main");
        assertThat(get(Principal.ANONYMOUS, 1).path("title").asText()).isEqualTo("Add four");
        assertThat(failure(() -> f.resource.open("alice", "app", body("title", "t", "head", "other", "base", "main"),
                request(Principal.ANONYMOUS), uri("repos/alice/app/pulls"))).status()).isEqualTo(401);
        assertThat(failure(() -> f.resource.update("alice", "app", 1, body("title", "x"), request(BOB),
                uri("repos/alice/app/pulls/1"))).status()).isEqualTo(403);
        assertThat(failure(() -> f.resource.get("alice", "app", 9, request(ALICE), uri("repos/alice/app/pulls/9")))
                .status()).isEqualTo(404);

        // The author's own right needs a token that may write: bob's read-only token neither opens nor edits.
        Principal bobReading = new Principal("bob", false, java.util.Set.of("repo:read"));
        assertThat(failure(() -> f.resource.open("alice", "app", body("title", "t", "head", "bob:patch", "base", "main"),
                request(bobReading), uri("repos/alice/app/pulls"))).status()).isEqualTo(403);
        open(BOB, "alice/app", "title", "Zero", "head", "bob:patch", "base", "main");
        assertThat(failure(() -> f.resource.update("alice", "app", 2, body("title", "x"), request(bobReading),
                uri("repos/alice/app/pulls/2"))).status()).isEqualTo(403);
        JsonNode edited = JSON.valueToTree(f.resource.update("alice", "app", 2, body("title", "Zero, again"),
                request(new Principal("bob", false, java.util.Set.of("repo:write"))), uri("repos/alice/app/pulls/2")));
        assertThat(edited.path("title").asText()).isEqualTo("Zero, again");
    }

    @Test
    void aDeletedRepositoryTakesItsPullRequestsAndClosesThoseFromIt() throws Exception {
        open(ALICE, "alice/app", "title", "Add four", "head", "feature", "base", "main");
        open(BOB, "alice/app", "title", "Zero", "head", "bob:patch", "base", "main");
        f.follower.handleEvent(new Event(Topics.GIT_REPOSITORY_DELETED, Map.of("repository_id", f.fork.id())));
        assertThat(f.pulls.find(f.app.id(), 2).orElseThrow().state()).isEqualTo("closed");
        assertThat(f.pulls.find(f.app.id(), 1).orElseThrow().state()).isEqualTo("open");
        f.follower.handleEvent(new Event(Topics.GIT_REPOSITORY_DELETED, Map.of("repository_id", f.app.id())));
        assertThat(f.pulls.find(f.app.id(), 1)).isEmpty();
        assertThat(f.database.queryLong("SELECT count(*) FROM review.pull_requests")).isZero();
    }

    @Test
    void reviewsAreRequestedFromCollaboratorsOnly() throws Exception {
        open(ALICE, "alice/app", "title", "Add four", "head", "feature", "base", "main");
        JsonNode asked = JSON.valueToTree(((Response) f.reviewers.request("alice", "app", 1,
                body("reviewers", List.of("carol", "dave", "carol")), request(ALICE),
                uri("repos/alice/app/pulls/1/requested_reviewers"))).getEntity());
        assertThat(asked.path("requested_reviewers")).extracting(n -> n.path("login").asText())
                .containsExactly("carol", "dave");
        verify(f.outbox).publish(any(Connection.class), eq(Topics.PULL_REQUEST_REVIEW_REQUESTED),
                argThat(m -> m.get("reviewers").equals(List.of(3L, 4L))));
        assertThat(list(null, null, null, null, null).get(0).path("requested_reviewers")).hasSize(2);

        ApiException outsider = failure(() -> f.reviewers.request("alice", "app", 1, body("reviewers", List.of("bob")),
                request(ALICE), uri("repos/alice/app/pulls/1/requested_reviewers")));
        assertThat(outsider.status()).isEqualTo(422);
        assertThat(outsider.getMessage()).startsWith("Reviews may only be requested from collaborators.");
        ApiException author = failure(() -> f.reviewers.request("alice", "app", 1, body("reviewers", List.of("alice")),
                request(CAROL), uri("repos/alice/app/pulls/1/requested_reviewers")));
        assertThat(author.errors().get(0).message()).isEqualTo("Review cannot be requested from pull request author.");
        assertThat(failure(() -> f.reviewers.request("alice", "app", 1, body("reviewers", List.of("nobody")),
                request(ALICE), uri("repos/alice/app/pulls/1/requested_reviewers"))).status()).isEqualTo(422);
        assertThat(failure(() -> f.reviewers.request("alice", "app", 1, body("reviewers", List.of("carol")),
                request(BOB), uri("repos/alice/app/pulls/1/requested_reviewers"))).status()).isEqualTo(403);

        JsonNode after = JSON.valueToTree(f.reviewers.remove("alice", "app", 1, body("reviewers", List.of("carol")),
                request(CAROL), uri("repos/alice/app/pulls/1/requested_reviewers")));
        assertThat(after.path("requested_reviewers")).extracting(n -> n.path("login").asText()).containsExactly("dave");
        JsonNode listed = JSON.valueToTree(f.reviewers.list("alice", "app", 1, request(Principal.ANONYMOUS),
                uri("repos/alice/app/pulls/1/requested_reviewers")));
        assertThat(listed.path("users")).extracting(n -> n.path("login").asText()).containsExactly("dave");
        assertThat(listed.path("teams")).isEmpty();
        verify(f.outbox).publish(any(Connection.class), eq(Topics.PULL_REQUEST_REVIEW_REQUEST_REMOVED),
                argThat(m -> m.get("reviewers").equals(List.of(3L))));
    }

    private static Event push(long repositoryId, String branch, String after) {
        return new Event(Topics.GIT_PUSH, Map.of("repository_id", repositoryId, "actor", "alice",
                "ref_updates", List.of(Map.of("ref", "refs/heads/" + branch,
                        "before", "0000000000000000000000000000000000000001", "after", after))));
    }
}
