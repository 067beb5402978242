package io.codara.review.internal;

import static io.codara.review.internal.ReviewFixture.body;
import static io.codara.review.internal.ReviewFixture.ALICE;
import static io.codara.review.internal.ReviewFixture.BOB;
import static io.codara.review.internal.ReviewFixture.CAROL;
import static io.codara.review.internal.ReviewFixture.DAVE;
import static io.codara.review.internal.ReviewFixture.request;
import static io.codara.review.internal.ReviewFixture.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.event.Topics;
import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Principal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;

/**
 * Commit comments through their REST resources, on a real PostgreSQL and real git repositories. The commented
 * commit is alice/app's "Add four" (the {@code feature} branch): app.txt gains line 4 ("four", diff position 4
 * below three context lines) and NEW.md is added; README.md is not changed by it.
 */
class CommitCommentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private ReviewFixture f;
    private PostgresCommitComments store;
    private CommitCommentsResource commits;
    private RepositoryCommentsResource comments;
    private String feature;
    private String initial;

    @BeforeEach
    void fixture() throws Exception {
        f = new ReviewFixture(root);
        store = new PostgresCommitComments(new ReviewSchema(), f.database, f.outbox, f.directories);
        commits = new CommitCommentsResource(f.access, f.reviewViews, store);
        comments = new RepositoryCommentsResource(f.access, f.reviewViews, store, f.reviews);
        feature = PullRequestGit.branch(f.appDir, "feature").orElseThrow();
        initial = PullRequestGit.branch(f.appDir, "main").orElseThrow();
    }

    // ---- helpers


    private static JsonNode json(Object entity) {
        return JSON.valueToTree(entity instanceof Response r ? r.getEntity() : entity);
    }

    private JsonNode postIn(Principal who, String repo, String sha, Object... pairs) {
        Response response = commits.create("alice", repo, sha, body(pairs), request(who), uri("x"));
        assertThat(response.getStatus()).isEqualTo(201);
        return json(response);
    }

    private JsonNode post(Principal who, String sha, Object... pairs) {
        return postIn(who, "app", sha, pairs);
    }

    private JsonNode ofCommit(Principal who, String sha) {
        return json(commits.list("alice", "app", sha, null, null, request(who), uri("x")).items());
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new java.util.ArrayList<>();
        list.forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }

    private static ApiException failure(Runnable action) {
        try {
            action.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("no ApiException");
    }

    private static String message(ApiException e) {
        return e.getMessage() + " " + e.errors();
    }

    private long count(String sql) throws Exception {
        try (Connection c = f.database.dataSource().getConnection(); ResultSet rs = c.createStatement()
                .executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ---- tests

    @Test
    void commentsOnALineOfTheDiffInGitHubsShape() {
        JsonNode c = post(BOB, feature, "body", "Why four?", "path", "app.txt", "line", 4);
        assertThat(c.path("id").asLong()).isPositive();
        assertThat(c.path("node_id").asText()).isNotEmpty();
        assertThat(c.path("url").asText()).isEqualTo("http://codara.test/api/v3/repos/alice/app/comments/"
                + c.path("id").asLong());
        assertThat(c.path("html_url").asText()).isEqualTo("http://codara.test/alice/app/commit/" + feature
                + "#commitcomment-" + c.path("id").asLong());
        assertThat(c.path("body").asText()).isEqualTo("Why four?");
        assertThat(c.path("path").asText()).isEqualTo("app.txt");
        assertThat(c.path("line").asInt()).isEqualTo(4);
        assertThat(c.path("position").asInt()).isEqualTo(4);
        assertThat(c.path("commit_id").asText()).isEqualTo(feature);
        assertThat(c.path("user").path("login").asText()).isEqualTo("bob");
        assertThat(c.path("author_association").asText()).isEqualTo("CONTRIBUTOR");
        assertThat(c.path("created_at").asText()).endsWith("Z");
        assertThat(c.path("updated_at").asText()).isEqualTo(c.path("created_at").asText());
        assertThat(c.path("reactions").path("total_count").asInt()).isZero();
        assertThat(c.path("reactions").path("url").asText()).endsWith("/comments/" + c.path("id").asLong()
                + "/reactions");

        // GitHub's diff position names the same line; a context line may be commented, and an abbreviated SHA works.
        JsonNode byPosition = post(ALICE, feature.substring(0, 10), "body", "Here", "path", "app.txt", "position", 4);
        assertThat(byPosition.path("line").asInt()).isEqualTo(4);
        assertThat(byPosition.path("commit_id").asText()).isEqualTo(feature);
        assertThat(byPosition.path("author_association").asText()).isEqualTo("OWNER");
        JsonNode context = post(CAROL, feature, "body", "ctx", "path", "app.txt", "line", 2, "position", 2);
        assertThat(context.path("position").asInt()).isEqualTo(2);
        assertThat(context.path("author_association").asText()).isEqualTo("COLLABORATOR");
        JsonNode added = post(BOB, feature, "body", "new", "path", "NEW.md", "line", 1);
        assertThat(added.path("position").asInt()).isEqualTo(1);

        // GET by id answers the same.
        assertThat(json(comments.get("alice", "app", c.path("id").asLong(), request(null), uri("x"))))
                .isEqualTo(c);
    }

    @Test
    void commentsOnTheWholeCommit() {
        JsonNode c = post(BOB, initial, "body", "Nice start");
        assertThat(c.path("path").isNull()).isTrue();
        assertThat(c.path("position").isNull()).isTrue();
        assertThat(c.path("line").isNull()).isTrue();
        assertThat(c.path("commit_id").asText()).isEqualTo(initial);
        // A root commit's files are all added: its lines can be commented too.
        JsonNode line = post(BOB, initial, "body", "one?", "path", "app.txt", "line", 1);
        assertThat(line.path("position").asInt()).isEqualTo(1);
    }

    @Test
    void refusesWhatIsNotALineOfTheCommitsDiff() throws Exception {
        ApiException path = failure(() -> post(BOB, feature, "body", "x", "path", "README.md", "line", 1));
        assertThat(path.status()).isEqualTo(422);
        assertThat(message(path)).contains("README.md").contains("not a file that commit");
        ApiException line = failure(() -> post(BOB, feature, "body", "x", "path", "app.txt", "line", 5));
        assertThat(line.status()).isEqualTo(422);
        assertThat(message(line)).contains("line 5 of app.txt is not a line of the new side");
        ApiException position = failure(() -> post(BOB, feature, "body", "x", "path", "app.txt", "position", 5));
        assertThat(position.status()).isEqualTo(422);
        assertThat(message(position)).contains("position 5");
        ApiException mismatch = failure(() -> post(BOB, feature, "body", "x", "path", "app.txt", "position", 4,
                "line", 3));
        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(message(mismatch)).contains("line 4 is");
        assertThat(failure(() -> post(BOB, feature, "body", "x", "line", 4)).status()).isEqualTo(422);
        assertThat(failure(() -> post(BOB, feature, "body", "x", "path", "app.txt")).status()).isEqualTo(422);
        assertThat(failure(() -> post(BOB, feature, "body", " ")).status()).isEqualTo(422);
        assertThat(failure(() -> post(BOB, feature, "body", "x", "path", "app.txt", "line", "4")).status())
                .isEqualTo(422);
        ApiException commit = failure(() -> post(BOB, "0123456789abcdef0123456789abcdef01234567", "body", "x"));
        assertThat(commit.status()).isEqualTo(422);
        assertThat(message(commit)).contains("No commit found for SHA");
        assertThat(failure(() -> post(BOB, "main", "body", "x")).status()).isEqualTo(422);
        assertThat(failure(() -> ofCommit(BOB, "0123456789abcdef0123456789abcdef01234567")).status()).isEqualTo(404);
        assertThat(failure(() -> post(null, feature, "body", "x")).status()).isEqualTo(401);
        assertThat(ofCommit(ALICE, feature)).isEmpty();
        verify(f.outbox, never()).publish(any(Connection.class), eq(Topics.COMMIT_COMMENT_CREATED), any());
    }

    @Test
    void listsPerCommitAndPerRepositoryInPages() {
        long first = post(BOB, feature, "body", "a", "path", "app.txt", "line", 4).path("id").asLong();
        long second = post(ALICE, initial, "body", "b").path("id").asLong();
        long third = post(CAROL, feature, "body", "c").path("id").asLong();

        assertThat(ids(ofCommit(null, feature))).containsExactly(String.valueOf(first),
                String.valueOf(third));
        assertThat(ofCommit(null, initial.substring(0, 7)).findValuesAsText("body")).containsExactly("b");
        var all = comments.list("alice", "app", null, null, request(null), uri("x"));
        assertThat(all.total()).isEqualTo(3);
        assertThat(json(all.items()).findValuesAsText("body")).containsExactly("a", "b", "c");
        var page2 = comments.list("alice", "app", 2, 1, request(null), uri("x"));
        assertThat(page2.total()).isEqualTo(3);
        assertThat(ids(json(page2.items()))).containsExactly(String.valueOf(second));
        // Another repository's comments are not listed under alice/app, nor found there by id.
        assertThat(failure(() -> comments.get("bob", "app", first, request(BOB), uri("x"))).status())
                .isEqualTo(404);
    }

    @Test
    void theAuthorOrWritersEditAndDelete() throws Exception {
        long id = post(BOB, feature, "body", "typo", "path", "app.txt", "line", 4).path("id").asLong();
        JsonNode edited = json(comments.edit("alice", "app", id, body("body", "fixed"), request(BOB), uri("x")));
        assertThat(edited.path("body").asText()).isEqualTo("fixed");
        assertThat(edited.path("line").asInt()).isEqualTo(4);
        verify(f.outbox).publish(any(Connection.class), eq(Topics.COMMIT_COMMENT_EDITED), argThat(e ->
                "edited".equals(e.get("action")) && e.get("changes").toString().contains("typo")));

        long carols = post(CAROL, feature, "body", "mine").path("id").asLong();
        ApiException forbidden = failure(() -> comments.edit("alice", "app", carols, body("body", "bob's"),
                request(BOB), uri("x")));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(failure(() -> comments.delete("alice", "app", carols, request(BOB), uri("x"))).status())
                .isEqualTo(403);
        assertThat(failure(() -> comments.edit("alice", "app", carols, body("body", "x"), request(null), uri("x")))
                .status()).isEqualTo(401);
        assertThat(failure(() -> comments.edit("alice", "app", carols, body("body", ""), request(CAROL), uri("x")))
                .status()).isEqualTo(422);

        // A writer may change anyone's comment; the author may delete their own.
        assertThat(json(comments.edit("alice", "app", id, body("body", "by dave"), request(DAVE), uri("x")))
                .path("body").asText()).isEqualTo("by dave");
        assertThat(comments.delete("alice", "app", carols, request(DAVE), uri("x")).getStatus()).isEqualTo(204);
        assertThat(comments.delete("alice", "app", id, request(BOB), uri("x")).getStatus()).isEqualTo(204);
        verify(f.outbox, org.mockito.Mockito.times(2)).publish(any(Connection.class),
                eq(Topics.COMMIT_COMMENT_DELETED), any());
        assertThat(failure(() -> comments.get("alice", "app", id, request(BOB), uri("x"))).status()).isEqualTo(404);
        assertThat(ofCommit(BOB, feature)).isEmpty();
    }

    @Test
    void reactionsWithGitHubsContentNames() throws Exception {
        long id = post(CAROL, feature, "body", "ship it").path("id").asLong();
        Response first = comments.react("alice", "app", id, body("content", "+1"), request(BOB), uri("x"));
        assertThat(first.getStatus()).isEqualTo(201);
        JsonNode reaction = json(first);
        assertThat(reaction.path("content").asText()).isEqualTo("+1");
        assertThat(reaction.path("user").path("login").asText()).isEqualTo("bob");
        assertThat(comments.react("alice", "app", id, body("content", "+1"), request(BOB), uri("x")).getStatus())
                .isEqualTo(200);
        assertThat(comments.react("alice", "app", id, body("content", "rocket"), request(ALICE), uri("x"))
                .getStatus()).isEqualTo(201);
        assertThat(failure(() -> comments.react("alice", "app", id, body("content", "thumbsup"), request(BOB),
                uri("x"))).status()).isEqualTo(422);
        assertThat(failure(() -> comments.react("alice", "app", id, body("content", "+1"), request(null),
                uri("x"))).status()).isEqualTo(401);

        JsonNode rollup = json(comments.get("alice", "app", id, request(null), uri("x"))).path("reactions");
        assertThat(rollup.path("total_count").asInt()).isEqualTo(2);
        assertThat(rollup.path("+1").asInt()).isEqualTo(1);
        assertThat(rollup.path("rocket").asInt()).isEqualTo(1);
        assertThat(json(comments.reactions("alice", "app", id, "rocket", null, null, request(null), uri("x"))
                .items()).findValuesAsText("content")).containsExactly("rocket");

        long reactionId = reaction.path("id").asLong();
        assertThat(failure(() -> comments.unreact("alice", "app", id, reactionId, request(ALICE))).status())
                .isEqualTo(403);
        assertThat(comments.unreact("alice", "app", id, reactionId, request(BOB)).getStatus()).isEqualTo(204);
        assertThat(failure(() -> comments.unreact("alice", "app", id, reactionId, request(BOB))).status())
                .isEqualTo(404);
        // Deleting the comment deletes its reactions.
        comments.delete("alice", "app", id, request(CAROL), uri("x"));
        assertThat(count("SELECT count(*) FROM review.reactions WHERE subject_type = 'commit_comment'")).isZero();
    }

    @Test
    void emitsCommitCommentEventsInTheWebhookShape() throws Exception {
        JsonNode c = post(BOB, feature, "body", "event", "path", "app.txt", "line", 4);
        verify(f.outbox).publish(any(Connection.class), eq(Topics.COMMIT_COMMENT_CREATED), argThat(e -> {
            JsonNode event = JSON.valueToTree(e);
            return event.path("action").asText().equals("created")
                    && event.path("comment").path("id").asLong() == c.path("id").asLong()
                    && event.path("comment").path("line").asInt() == 4
                    && event.path("comment").path("commit_id").asText().equals(feature)
                    && event.path("repository").path("full_name").asText().equals("alice/app")
                    && event.path("repository").path("owner").path("login").asText().equals("alice")
                    && event.path("sender").path("login").asText().equals("bob")
                    && event.path("repository_id").asLong() == f.app.id()
                    && event.path("actor").asText().equals("bob");
        }));
    }

    @Test
    void aPrivateRepositorysCommentsDoNotLeak() {
        String secret = PullRequestGit.branch(f.secretWork.resolve(".git"), "main").orElseThrow();
        JsonNode c = postIn(ALICE, "secret", secret, "body", "hidden");
        assertThat(c.path("body").asText()).isEqualTo("hidden");
        long id = c.path("id").asLong();
        for (Principal who : new Principal[] {BOB, null}) {
            assertThat(failure(() -> commits.list("alice", "secret", secret, null, null, request(who), uri("x")))
                    .status()).isEqualTo(404);
            assertThat(failure(() -> comments.list("alice", "secret", null, null, request(who), uri("x"))).status())
                    .isEqualTo(404);
            assertThat(failure(() -> comments.get("alice", "secret", id, request(who), uri("x"))).status())
                    .isEqualTo(404);
            assertThat(failure(() -> commits.create("alice", "secret", secret, body("body", "x"), request(who),
                    uri("x"))).status()).isEqualTo(404);
            assertThat(failure(() -> comments.react("alice", "secret", id, body("content", "+1"), request(who),
                    uri("x"))).status()).isEqualTo(404);
        }
        // Nor through a public repository's path.
        assertThat(failure(() -> comments.get("alice", "app", id, request(BOB), uri("x"))).status()).isEqualTo(404);
        assertThat(failure(() -> comments.reactions("alice", "app", id, null, null, null, request(BOB), uri("x")))
                .status()).isEqualTo(404);
    }

    @Test
    void anArchivedRepositoryRefusesChanges() throws Exception {
        long id = post(BOB, feature, "body", "before").path("id").asLong();
        Instant now = Instant.now();
        Repository archived = new Repository(f.app.id(), "alice", "app", null, null, List.of(), Visibility.PUBLIC,
                "main", true, false, null, now, now, null);
        when(f.repositories.resolve("alice", "app")).thenReturn(Optional.of(archived));
        assertThat(failure(() -> post(BOB, feature, "body", "after")).status()).isEqualTo(403);
        assertThat(failure(() -> comments.edit("alice", "app", id, body("body", "x"), request(BOB), uri("x")))
                .status()).isEqualTo(403);
        assertThat(failure(() -> comments.delete("alice", "app", id, request(ALICE), uri("x"))).status())
                .isEqualTo(403);
        assertThat(failure(() -> comments.react("alice", "app", id, body("content", "+1"), request(BOB), uri("x")))
                .status()).isEqualTo(403);
        // Reading still works.
        assertThat(ofCommit(BOB, feature)).hasSize(1);
    }

    @Test
    void aDeletedRepositoryTakesItsCommentsAndReactions() throws Exception {
        long id = post(BOB, feature, "body", "gone soon").path("id").asLong();
        comments.react("alice", "app", id, body("content", "heart"), request(ALICE), uri("x"));
        String secret = PullRequestGit.branch(f.secretWork.resolve(".git"), "main").orElseThrow();
        postIn(ALICE, "secret", secret, "body", "stays");

        store.handleEvent(new Event(Topics.GIT_REPOSITORY_DELETED, Map.of("repository_id", f.app.id())));

        assertThat(count("SELECT count(*) FROM review.commit_comments WHERE repository_id = " + f.app.id())).isZero();
        assertThat(count("SELECT count(*) FROM review.reactions WHERE subject_type = 'commit_comment'")).isZero();
        assertThat(count("SELECT count(*) FROM review.commit_comments")).isEqualTo(1);
    }
}
