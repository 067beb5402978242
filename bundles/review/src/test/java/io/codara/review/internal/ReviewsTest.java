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

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.event.Topics;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Principal;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;

/**
 * Reviews, review comments and their threads, anchoring after pushes, suggested changes, conversation comments,
 * reactions and CODEOWNERS, on a real PostgreSQL and real git repositories through the REST resources.
 * The pull request is alice's {@code feature} into {@code main} of alice/app: app.txt gains line 4 ("four") and
 * NEW.md is added.
 */
class ReviewsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private ReviewFixture f;

    @BeforeEach
    void fixture() throws Exception {
        f = new ReviewFixture(root);
    }

    // ---- helpers

    private int openFeature() {
        Response response = f.resource.open("alice", "app", body("title", "Add four", "head", "feature", "base",
                "main"), request(ALICE), uri("repos/alice/app/pulls"));
        return JSON.valueToTree(response.getEntity()).path("number").asInt();
    }


    private static JsonNode json(Object entity) {
        return JSON.valueToTree(entity instanceof Response r ? r.getEntity() : entity);
    }

    private JsonNode review(Principal who, int number, Object... pairs) {
        return json(f.reviewsResource.create("alice", "app", number, body(pairs), request(who),
                uri("repos/alice/app/pulls/" + number + "/reviews")));
    }

    private JsonNode reviews(Principal who, int number) {
        return json(f.reviewsResource.list("alice", "app", number, null, null, request(who), uri("x")).items());
    }

    private JsonNode comment(Principal who, int number, Object... pairs) {
        Response response = f.comments.create("alice", "app", number, body(pairs), request(who), uri("x"));
        assertThat(response.getStatus()).isEqualTo(201);
        return json(response);
    }

    private JsonNode comments(Principal who, int number) {
        return json(f.comments.list("alice", "app", number, null, null, request(who), uri("x")).items());
    }

    private JsonNode comment(Principal who, long id) {
        return json(f.pullComments.get("alice", "app", id, request(who), uri("x")));
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

    private RevCommit push(String file, String text, String message) throws Exception {
        ReviewFixture.checkout(f.appWork, "feature");
        ReviewFixture.write(f.appWork, file, text);
        RevCommit commit = ReviewFixture.commit(f.appWork, "alice", message);
        ReviewFixture.checkout(f.appWork, "main");
        pushed(commit.name());
        return commit;
    }

    /** What a push to feature sets off: the pull request follows, then its synchronize event reaches the reviews. */
    private void pushed(String after) {
        String before = f.pulls.find(f.app.id(), 1).orElseThrow().headSha();
        f.follower.handleEvent(new Event(Topics.GIT_PUSH, Map.of("repository_id", f.app.id(), "actor", "alice",
                "ref_updates", List.of(Map.of("ref", "refs/heads/feature", "before", before, "after", after)))));
        long id = f.pulls.find(f.app.id(), 1).orElseThrow().id();
        f.reviewFollower.handleEvent(new Event(Topics.PULL_REQUEST_SYNCHRONIZE, Map.of("pull_request_id", id,
                "actor", "alice", "before", before, "after", after)));
    }

    // ---- reviews

    @Test
    void approvalsCountEachWritersLatestDecisiveReviewAndNeverTheAuthors() throws Exception {
        int number = openFeature();
        long id = f.pulls.find(f.app.id(), number).orElseThrow().id();
        ReviewApprovals approvals = new ReviewApprovals(new ReviewSchema(), f.database, f.access);
        assertThat(approvals.approvals(id)).isEqualTo(PullRequestApprovals.ApprovalState.NONE);

        // carol approves, dave asks for changes; bob (no write access to alice/app) approves: not counted.
        review(CAROL, number, "event", "APPROVE");
        review(DAVE, number, "event", "REQUEST_CHANGES", "body", "Not yet");
        review(BOB, number, "event", "APPROVE");
        assertThat(approvals.approvals(id)).isEqualTo(new PullRequestApprovals.ApprovalState(1, 1, true));

        // dave approves later; a later plain comment by carol changes nothing.
        review(DAVE, number, "event", "APPROVE");
        review(CAROL, number, "event", "COMMENT", "body", "One more thought");
        assertThat(approvals.approvals(id)).isEqualTo(new PullRequestApprovals.ApprovalState(2, 2, false));

        // A push to the head: the approvals are of the old head now (what dismiss-stale counts).
        ReviewFixture.checkout(f.appWork, "feature");
        ReviewFixture.write(f.appWork, "more.txt", "more\n");
        String head = ReviewFixture.commit(f.appWork, "alice", "More").name();
        ReviewFixture.checkout(f.appWork, "main");
        f.pulls.pushed(f.app.id(), "feature", head, "alice");
        assertThat(approvals.approvals(id)).isEqualTo(new PullRequestApprovals.ApprovalState(2, 0, false));
    }

    @Test
    void aPendingReviewWithTwoInlineCommentsIsSeenOnlyByItsAuthorUntilSubmitted() throws Exception {
        int number = openFeature();
        String head = f.pulls.find(f.app.id(), number).orElseThrow().headSha();
        JsonNode pending = review(CAROL, number, "body", "Some notes", "commit_id", head, "comments", List.of(
                body("path", "app.txt", "line", 4, "side", "RIGHT", "body", "Why four?"),
                body("path", "app.txt", "start_line", 2, "line", 3, "body", "These two")));
        assertThat(pending.path("state").asText()).isEqualTo("PENDING");
        assertThat(pending.has("submitted_at")).isFalse();
        assertThat(pending.path("user").path("login").asText()).isEqualTo("carol");
        assertThat(pending.path("commit_id").asText()).isEqualTo(head);
        assertThat(pending.path("author_association").asText()).isEqualTo("COLLABORATOR");
        long id = pending.path("id").asLong();

        // Only carol sees it and its comments.
        assertThat(reviews(CAROL, number)).hasSize(1);
        assertThat(reviews(BOB, number)).isEmpty();
        assertThat(reviews(ALICE, number)).isEmpty();
        assertThat(comments(CAROL, number)).hasSize(2);
        assertThat(comments(BOB, number)).isEmpty();
        assertThat(failure(() -> f.reviewsResource.get("alice", "app", number, id, request(BOB), uri("x")))
                .status()).isEqualTo(404);
        verify(f.outbox, never()).publish(any(Connection.class), eq(Topics.PULL_REQUEST_REVIEW_SUBMITTED), any());
        // A second pending review of the same user is refused, as on GitHub.
        assertThat(message(failure(() -> review(CAROL, number, "body", "again"))))
                .contains("one pending review");

        JsonNode submitted = json(f.reviewsResource.submit("alice", "app", number, id,
                body("event", "REQUEST_CHANGES", "body", "Please explain"), request(CAROL), uri("x")));
        assertThat(submitted.path("state").asText()).isEqualTo("CHANGES_REQUESTED");
        assertThat(submitted.path("body").asText()).isEqualTo("Please explain");
        assertThat(submitted.path("submitted_at").asText()).isNotEmpty();
        assertThat(submitted.path("html_url").asText())
                .isEqualTo("http://codara.test/alice/app/pull/1#pullrequestreview-" + id);
        assertThat(reviews(BOB, number)).hasSize(1);

        JsonNode listed = comments(BOB, number);
        assertThat(listed).hasSize(2);
        JsonNode single = listed.get(0);
        assertThat(single.path("path").asText()).isEqualTo("app.txt");
        assertThat(single.path("line").asInt()).isEqualTo(4);
        assertThat(single.path("original_line").asInt()).isEqualTo(4);
        assertThat(single.path("side").asText()).isEqualTo("RIGHT");
        assertThat(single.path("start_line").isNull()).isTrue();
        assertThat(single.path("position").asInt()).isEqualTo(4);
        assertThat(single.path("original_position").asInt()).isEqualTo(4);
        assertThat(single.path("diff_hunk").asText()).isEqualTo("@@ -1,3 +1,4 @@\n one\n two\n three\n+four");
        assertThat(single.path("commit_id").asText()).isEqualTo(head);
        assertThat(single.path("original_commit_id").asText()).isEqualTo(head);
        assertThat(single.path("pull_request_review_id").asLong()).isEqualTo(id);
        assertThat(single.path("user").path("login").asText()).isEqualTo("carol");
        assertThat(single.path("pull_request_url").asText())
                .isEqualTo("http://codara.test/api/v3/repos/alice/app/pulls/1");
        assertThat(single.path("html_url").asText()).startsWith("http://codara.test/alice/app/pull/1#discussion_r");
        assertThat(single.path("reactions").path("total_count").asInt()).isZero();
        assertThat(single.path("reactions").has("+1")).isTrue();
        JsonNode range = listed.get(1);
        assertThat(range.path("start_line").asInt()).isEqualTo(2);
        assertThat(range.path("start_side").asText()).isEqualTo("RIGHT");
        assertThat(range.path("line").asInt()).isEqualTo(3);
        assertThat(range.path("original_start_line").asInt()).isEqualTo(2);

        JsonNode ofReview = json(f.reviewsResource.comments("alice", "app", number, id, null, null, request(BOB),
                uri("x")).items());
        assertThat(ofReview).hasSize(2);
        verify(f.outbox).publish(any(Connection.class), eq(Topics.PULL_REQUEST_REVIEW_SUBMITTED),
                argThat(m -> m.get("state").equals("CHANGES_REQUESTED") && m.get("number").equals(1)
                        && ((Map<?, ?>) m.get("review")).get("state").equals("changes_requested")));
        verify(f.outbox, org.mockito.Mockito.times(2)).publish(any(Connection.class),
                eq(Topics.PULL_REQUEST_REVIEW_COMMENT_CREATED), any());
        // The pull request counts its review comments.
        JsonNode pull = json(f.resource.get("alice", "app", number, request(BOB), uri("x")));
        assertThat(pull.path("review_comments").asInt()).isEqualTo(2);
    }

    @Test
    void reviewsAreRefusedAsGitHubRefusesThem() throws Exception {
        int number = openFeature();
        assertThat(message(failure(() -> review(ALICE, number, "event", "APPROVE"))))
                .contains("Can not approve your own pull request");
        assertThat(failure(() -> review(ALICE, number, "event", "REQUEST_CHANGES", "body", "x")).status())
                .isEqualTo(422);
        assertThat(message(failure(() -> review(CAROL, number, "event", "REQUEST_CHANGES"))))
                .contains("body is required");
        assertThat(failure(() -> review(CAROL, number, "event", "MERGE")).status()).isEqualTo(422);
        assertThat(failure(() -> review(CAROL, number, "event", "APPROVE", "commit_id", "0".repeat(40))).status())
                .isEqualTo(422);
        // Lines outside the diff, files it does not change: 422 with a clear message, and no review is stored.
        ApiException outside = failure(() -> review(CAROL, number, "event", "COMMENT", "comments",
                List.of(body("path", "app.txt", "line", 9, "body", "x"))));
        assertThat(outside.status()).isEqualTo(422);
        assertThat(message(outside)).contains("line must be part of the diff");
        assertThat(message(failure(() -> review(CAROL, number, "event", "COMMENT", "comments",
                List.of(body("path", "README.md", "line", 1, "body", "x")))))).contains("README.md");
        assertThat(message(failure(() -> review(CAROL, number, "event", "COMMENT", "comments",
                List.of(body("path", "app.txt", "line", 4, "side", "LEFT", "body", "x")))))).contains("diff");
        assertThat(message(failure(() -> review(CAROL, number, "event", "COMMENT", "comments",
                List.of(body("path", "app.txt", "line", 2, "start_line", 3, "body", "x")))))).contains("precede");
        assertThat(reviews(CAROL, number)).isEmpty();
        // Anonymous callers cannot review; outsiders of a private repository do not see it.
        assertThat(failure(() -> review(Principal.ANONYMOUS, number, "event", "COMMENT", "body", "x")).status())
                .isEqualTo(401);

        // Others (readers included) may approve; the latest review per user decides, so a writer dismisses.
        JsonNode approved = review(BOB, number, "event", "APPROVE");
        assertThat(approved.path("state").asText()).isEqualTo("APPROVED");
        long id = approved.path("id").asLong();
        assertThat(failure(() -> f.reviewsResource.dismiss("alice", "app", number, id, body("message", "no"),
                request(BOB), uri("x"))).status()).isEqualTo(403);
        assertThat(failure(() -> f.reviewsResource.dismiss("alice", "app", number, id, body(), request(DAVE),
                uri("x"))).status()).isEqualTo(422);
        JsonNode dismissed = json(f.reviewsResource.dismiss("alice", "app", number, id,
                body("message", "Stale approval"), request(DAVE), uri("x")));
        assertThat(dismissed.path("state").asText()).isEqualTo("DISMISSED");
        verify(f.outbox).publish(any(Connection.class), eq(Topics.PULL_REQUEST_REVIEW_DISMISSED),
                argThat(m -> m.get("message").equals("Stale approval") && m.get("actor").equals("dave")));
        assertThat(failure(() -> f.reviewsResource.dismiss("alice", "app", number, id, body("message", "again"),
                request(DAVE), uri("x"))).status()).isEqualTo(422);
        // A submitted review cannot be deleted; a pending one can, by its author only.
        assertThat(message(failure(() -> f.reviewsResource.delete("alice", "app", number, id, request(BOB),
                uri("x"))))).contains("non-pending");
        long pending = review(DAVE, number, "comments", List.of(body("path", "NEW.md", "line", 1, "body", "hm")))
                .path("id").asLong();
        assertThat(failure(() -> f.reviewsResource.delete("alice", "app", number, pending, request(CAROL),
                uri("x"))).status()).isEqualTo(404);
        assertThat(json(f.reviewsResource.delete("alice", "app", number, pending, request(DAVE), uri("x")))
                .path("state").asText()).isEqualTo("PENDING");
        assertThat(comments(DAVE, number)).isEmpty();
        // Its body can be edited by its author.
        assertThat(json(f.reviewsResource.update("alice", "app", number, id, body("body", "LGTM"), request(BOB),
                uri("x"))).path("body").asText()).isEqualTo("LGTM");
        assertThat(failure(() -> f.reviewsResource.update("alice", "app", number, id, body("body", "x"),
                request(CAROL), uri("x"))).status()).isEqualTo(403);
    }

    // ---- threads

    @Test
    void repliesJoinTheThreadWhichTheAuthorTheThreadStarterOrWritersResolve() throws Exception {
        int number = openFeature();
        JsonNode first = comment(CAROL, number, "path", "app.txt", "line", 4, "body", "Why four?");
        long id = first.path("id").asLong();
        assertThat(first.path("pull_request_review_id").asLong()).isPositive();
        assertThat(reviews(BOB, number).get(0).path("state").asText()).isEqualTo("COMMENTED");

        JsonNode reply = comment(BOB, number, "in_reply_to", id, "body", "Because.");
        assertThat(reply.path("in_reply_to_id").asLong()).isEqualTo(id);
        assertThat(reply.path("path").asText()).isEqualTo("app.txt");
        assertThat(reply.path("line").asInt()).isEqualTo(4);
        JsonNode second = json(f.comments.reply("alice", "app", number, reply.path("id").asLong(),
                body("body", "Fine."), request(ALICE), uri("x")));
        assertThat(second.path("in_reply_to_id").asLong()).as("a reply to a reply joins the thread").isEqualTo(id);
        assertThat(comments(BOB, number)).hasSize(3);

        // Bob only replied: he may not resolve; alice (the pull request's author) may; dave (a writer) unresolves.
        assertThat(failure(() -> f.comments.resolve("alice", "app", number, id, request(BOB), uri("x"))).status())
                .isEqualTo(403);
        JsonNode resolved = json(f.comments.resolve("alice", "app", number, reply.path("id").asLong(),
                request(ALICE), uri("x")));
        assertThat(resolved.path("id").asLong()).isEqualTo(id);
        assertThat(resolved.path("resolved").asBoolean()).isTrue();
        assertThat(resolved.path("resolved_by").path("login").asText()).isEqualTo("alice");
        assertThat(comment(BOB, id).path("resolved").asBoolean()).isTrue();
        JsonNode unresolved = json(f.comments.unresolve("alice", "app", number, id, request(DAVE), uri("x")));
        assertThat(unresolved.path("resolved").asBoolean()).isFalse();
        assertThat(unresolved.path("resolved_by").isNull()).isTrue();
        // Carol started the thread: she resolves it too.
        assertThat(json(f.comments.resolve("alice", "app", number, id, request(CAROL), uri("x")))
                .path("resolved").asBoolean()).isTrue();

        // Edits and deletion: the author or writers; bob cannot change carol's comment.
        assertThat(failure(() -> f.pullComments.edit("alice", "app", id, body("body", "x"), request(BOB), uri("x")))
                .status()).isEqualTo(403);
        JsonNode edited = json(f.pullComments.edit("alice", "app", id, body("body", "Why four, really?"),
                request(CAROL), uri("x")));
        assertThat(edited.path("body").asText()).isEqualTo("Why four, really?");
        verify(f.outbox).publish(any(Connection.class), eq(Topics.PULL_REQUEST_REVIEW_COMMENT_EDITED),
                argThat(m -> ((Map<?, ?>) ((Map<?, ?>) m.get("changes")).get("body")).get("from").equals("Why four?")));
        assertThat(json(f.pullComments.list("alice", "app", null, null, request(BOB), uri("x")).items())).hasSize(3);
        assertThat(f.pullComments.delete("alice", "app", second.path("id").asLong(), request(DAVE)).getStatus())
                .isEqualTo(204);
        verify(f.outbox).publish(any(Connection.class), eq(Topics.PULL_REQUEST_REVIEW_COMMENT_DELETED), any());
        assertThat(comments(BOB, number)).hasSize(2);
        // Deleting the first comment takes its thread.
        f.pullComments.delete("alice", "app", id, request(CAROL));
        assertThat(comments(BOB, number)).isEmpty();
        assertThat(failure(() -> comment(BOB, id)).status()).isEqualTo(404);
    }

    // ---- anchoring

    @Test
    void commentsFollowTheirLinesThroughPushesAndAreOutdatedWhenTheLinesChange() throws Exception {
        int number = openFeature();
        long onOne = comment(CAROL, number, "path", "app.txt", "line", 1, "body", "one?").path("id").asLong();
        long onFour = comment(CAROL, number, "path", "app.txt", "line", 4, "body", "four?").path("id").asLong();
        long onRange = comment(CAROL, number, "path", "app.txt", "start_line", 2, "line", 3, "body", "two-three?")
                .path("id").asLong();
        long reply = comment(BOB, number, "in_reply_to", onFour, "body", "yes").path("id").asLong();
        String first = f.pulls.find(f.app.id(), number).orElseThrow().headSha();

        // A line above everything: each comment moves down by one.
        RevCommit zero = push("app.txt", "zero\none\ntwo\nthree\nfour\n", "Add zero");
        JsonNode one = comment(BOB, onOne);
        assertThat(one.path("line").asInt()).isEqualTo(2);
        assertThat(one.path("original_line").asInt()).isEqualTo(1);
        assertThat(one.path("commit_id").asText()).isEqualTo(zero.name());
        assertThat(one.path("original_commit_id").asText()).isEqualTo(first);
        assertThat(one.path("position").asInt()).isEqualTo(2);
        assertThat(one.path("original_position").asInt()).isEqualTo(1);
        assertThat(comment(BOB, onFour).path("line").asInt()).isEqualTo(5);
        assertThat(comment(BOB, reply).path("line").asInt()).as("replies follow their thread").isEqualTo(5);
        assertThat(comment(BOB, onRange).path("start_line").asInt()).isEqualTo(3);
        assertThat(comment(BOB, onRange).path("line").asInt()).isEqualTo(4);

        // "four" changes: its thread is outdated (line null, original kept); the others move on.
        RevCommit shout = push("app.txt", "zero\none\ntwo\nthree\nFOUR\n", "Shout four");
        JsonNode four = comment(BOB, onFour);
        assertThat(four.path("line").isNull()).isTrue();
        assertThat(four.path("position").isNull()).isTrue();
        assertThat(four.path("outdated").asBoolean()).isTrue();
        assertThat(four.path("original_line").asInt()).isEqualTo(4);
        assertThat(four.path("commit_id").asText()).isEqualTo(zero.name());
        assertThat(comment(BOB, reply).path("line").isNull()).isTrue();
        assertThat(comment(BOB, onOne).path("line").asInt()).isEqualTo(2);
        assertThat(comment(BOB, onOne).path("commit_id").asText()).isEqualTo(shout.name());
        assertThat(comment(BOB, onRange).path("line").asInt()).isEqualTo(4);

        // A line inserted inside the range outdates it.
        push("app.txt", "zero\none\ntwo\nand a half\nthree\nFOUR\n", "Half");
        assertThat(comment(BOB, onRange).path("line").isNull()).isTrue();
        assertThat(comment(BOB, onRange).path("start_line").isNull()).isTrue();
        assertThat(comment(BOB, onRange).path("original_start_line").asInt()).isEqualTo(2);
        assertThat(comment(BOB, onOne).path("line").asInt()).isEqualTo(2);
        // New comments are made on the new head.
        JsonNode late = comment(CAROL, number, "path", "app.txt", "line", 4, "body", "half?");
        assertThat(late.path("diff_hunk").asText()).endsWith("+and a half");
    }

    // ---- suggestions

    @Test
    void aSuggestedChangeIsCommittedToTheHeadBranchByAWriter() throws Exception {
        int number = openFeature();
        String head = f.pulls.find(f.app.id(), number).orElseThrow().headSha();
        long id = comment(CAROL, number, "path", "app.txt", "line", 4,
                "body", "Shout it:\n```suggestion\nFOUR\n```\n").path("id").asLong();
        long plain = comment(CAROL, number, "path", "NEW.md", "line", 1, "body", "no suggestion").path("id").asLong();

        assertThat(failure(() -> f.comments.apply("alice", "app", number, id, null, request(BOB), uri("x")))
                .status()).isEqualTo(403);
        assertThat(failure(() -> f.comments.apply("alice", "app", number, plain, null, request(ALICE), uri("x")))
                .status()).isEqualTo(422);
        Response applied = f.comments.apply("alice", "app", number, id, "{\"commit_message\":\"Shout four\"}",
                request(ALICE), uri("x"));
        assertThat(applied.getStatus()).isEqualTo(201);
        String sha = json(applied).path("sha").asText();
        assertThat(f.commits).containsExactly(sha);
        try (Git git = Git.open(f.appWork.toFile())) {
            RevCommit commit = git.getRepository().parseCommit(git.getRepository().resolve("refs/heads/feature"));
            assertThat(commit.name()).isEqualTo(sha);
            assertThat(commit.getParent(0).name()).isEqualTo(head);
            assertThat(commit.getFullMessage()).isEqualTo("Shout four\n");
            assertThat(PullRequestGit.text(f.appDir, null, sha, "app.txt")).hasValue("one\ntwo\nthree\nFOUR\n");
        }
        // The pull request follows at once, and the applied comment is outdated (its line changed).
        assertThat(f.pulls.find(f.app.id(), number).orElseThrow().headSha()).isEqualTo(sha);
        assertThat(json(applied).path("comment").path("line").isNull()).isTrue();
        ApiException again = failure(() -> f.comments.apply("alice", "app", number, id, null, request(DAVE),
                uri("x")));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.getMessage()).contains("outdated");
    }

    @Test
    void aSuggestionOnLinesChangedSinceIsAConflict() throws Exception {
        int number = openFeature();
        long id = comment(CAROL, number, "path", "app.txt", "line", 2,
                "body", "```suggestion\nTWO\n```").path("id").asLong();
        // A push that does not reach the comment's own reading yet (the synchronize event is late).
        ReviewFixture.checkout(f.appWork, "feature");
        ReviewFixture.write(f.appWork, "app.txt", "one\n2\nthree\nfour\n");
        RevCommit moved = ReviewFixture.commit(f.appWork, "alice", "Number two");
        ReviewFixture.checkout(f.appWork, "main");
        f.follower.handleEvent(new Event(Topics.GIT_PUSH, Map.of("repository_id", f.app.id(), "actor", "alice",
                "ref_updates", List.of(Map.of("ref", "refs/heads/feature", "after", moved.name())))));
        ApiException conflict = failure(() -> f.comments.apply("alice", "app", number, id, null, request(DAVE),
                uri("x")));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(f.commits).isEmpty();
    }

    @Test
    void suggestionsOnAForkAreAppliedByTheBasesWritersWhenTheAuthorAllowsIt() throws Exception {
        int closed = json(f.resource.open("alice", "app", body("title", "Zero", "head", "bob:patch", "base", "main"),
                request(BOB), uri("x"))).path("number").asInt();
        long locked = comment(CAROL, closed, "path", "app.txt", "line", 1, "body", "```suggestion\nnil\n```")
                .path("id").asLong();
        assertThat(failure(() -> f.comments.apply("alice", "app", closed, locked, null, request(CAROL), uri("x")))
                .status()).as("maintainers may not modify bob's branch").isEqualTo(403);
        f.resource.update("alice", "app", closed, body("state", "closed"), request(BOB), uri("x"));

        int number = json(f.resource.open("alice", "app", body("title", "Zero", "head", "bob:patch", "base", "main",
                "maintainer_can_modify", true), request(BOB), uri("x"))).path("number").asInt();
        long id = comment(CAROL, number, "path", "app.txt", "line", 1, "body", "```suggestion\nnil\n```")
                .path("id").asLong();
        String sha = json(f.comments.apply("alice", "app", number, id, "", request(CAROL), uri("x"))).path("sha")
                .asText();
        assertThat(PullRequestGit.text(f.forkDir, null, sha, "app.txt")).hasValue("nil\none\ntwo\nthree\n");
        assertThat(PullRequestGit.branch(f.forkDir, "patch")).hasValue(sha);
        assertThat(f.pulls.find(f.app.id(), number).orElseThrow().headSha()).isEqualTo(sha);
    }

    @Test
    void aDeletedRepositoryTakesItsReviewsCommentsAndReactions() throws Exception {
        int number = openFeature();
        review(BOB, number, "event", "APPROVE");
        long id = comment(CAROL, number, "path", "app.txt", "line", 4, "body", "four?").path("id").asLong();
        f.pullComments.react("alice", "app", id, body("content", "eyes"), request(BOB), uri("x"));
        f.issues.reactToPull("alice", "app", number, body("content", "rocket"), request(BOB), uri("x"));
        long talk = json(f.issues.create("alice", "app", number, body("body", "hi"), request(BOB), uri("x")))
                .path("id").asLong();
        f.issues.reactToComment("alice", "app", talk, body("content", "heart"), request(CAROL), uri("x"));
        assertThat(f.database.queryLong("SELECT count(*) FROM review.reactions")).isEqualTo(3);
        f.follower.handleEvent(new Event(Topics.GIT_REPOSITORY_DELETED, Map.of("repository_id", f.app.id())));
        for (String table : List.of("reviews", "review_comments", "issue_comments", "reactions")) {
            assertThat(f.database.queryLong("SELECT count(*) FROM review." + table)).as(table).isZero();
        }
    }

    // ---- conversation comments and reactions

    @Test
    void conversationCommentsAndReactionsInGitHubsShapes() throws Exception {
        int number = openFeature();
        Response created = f.issues.create("alice", "app", number, body("body", "Looks good"), request(BOB),
                uri("x"));
        assertThat(created.getStatus()).isEqualTo(201);
        JsonNode comment = json(created);
        long id = comment.path("id").asLong();
        assertThat(comment.path("user").path("login").asText()).isEqualTo("bob");
        assertThat(comment.path("issue_url").asText()).isEqualTo("http://codara.test/api/v3/repos/alice/app/issues/1");
        assertThat(comment.path("author_association").asText()).isEqualTo("CONTRIBUTOR");
        assertThat(json(f.issues.list("alice", "app", number, null, null, request(Principal.ANONYMOUS), uri("x"))
                .items())).hasSize(1);
        assertThat(failure(() -> f.issues.list("alice", "app", 99, null, null, request(BOB), uri("x"))).status())
                .as("numbers that are not pull requests").isEqualTo(404);
        long carols = json(f.issues.create("alice", "app", number, body("body", "Hm"), request(CAROL), uri("x")))
                .path("id").asLong();
        assertThat(failure(() -> f.issues.edit("alice", "app", carols, body("body", "x"), request(BOB), uri("x")))
                .status()).isEqualTo(403);
        assertThat(failure(() -> f.issues.delete("alice", "app", carols, request(BOB))).status()).isEqualTo(403);
        assertThat(json(f.issues.edit("alice", "app", carols, body("body", "Hm."), request(DAVE), uri("x")))
                .path("body").asText()).as("writers may edit").isEqualTo("Hm.");
        assertThat(json(f.issues.edit("alice", "app", id, body("body", "Looks great"), request(BOB), uri("x")))
                .path("body").asText()).isEqualTo("Looks great");

        // Reactions on the pull request, the conversation comment and a review comment.
        assertThat(f.issues.reactToPull("alice", "app", number, body("content", "rocket"), request(BOB), uri("x"))
                .getStatus()).isEqualTo(201);
        assertThat(f.issues.reactToPull("alice", "app", number, body("content", "rocket"), request(BOB), uri("x"))
                .getStatus()).as("the same reaction again").isEqualTo(200);
        f.issues.reactToPull("alice", "app", number, body("content", "+1"), request(CAROL), uri("x"));
        assertThat(message(failure(() -> f.issues.reactToPull("alice", "app", number, body("content", "thumbsup"),
                request(BOB), uri("x"))))).contains("content must be one of");
        JsonNode pull = json(f.resource.get("alice", "app", number, request(BOB), uri("x")));
        assertThat(pull.path("reactions").path("total_count").asInt()).isEqualTo(2);
        assertThat(pull.path("reactions").path("rocket").asInt()).isEqualTo(1);
        assertThat(pull.path("reactions").path("+1").asInt()).isEqualTo(1);
        assertThat(pull.path("comments").asInt()).isEqualTo(2);

        JsonNode heart = json(f.issues.reactToComment("alice", "app", id, body("content", "heart"), request(ALICE),
                uri("x")));
        assertThat(heart.path("content").asText()).isEqualTo("heart");
        assertThat(heart.path("user").path("login").asText()).isEqualTo("alice");
        assertThat(json(f.issues.get("alice", "app", id, request(BOB), uri("x"))).path("reactions").path("heart")
                .asInt()).isEqualTo(1);
        assertThat(failure(() -> f.issues.unreactToComment("alice", "app", id, heart.path("id").asLong(),
                request(BOB))).status()).isEqualTo(403);
        assertThat(f.issues.unreactToComment("alice", "app", id, heart.path("id").asLong(), request(ALICE))
                .getStatus()).isEqualTo(204);

        long reviewComment = comment(CAROL, number, "path", "NEW.md", "line", 1, "body", "new?").path("id").asLong();
        f.pullComments.react("alice", "app", reviewComment, body("content", "eyes"), request(BOB), uri("x"));
        f.pullComments.react("alice", "app", reviewComment, body("content", "laugh"), request(DAVE), uri("x"));
        assertThat(json(f.pullComments.reactions("alice", "app", reviewComment, "eyes", null, null, request(BOB),
                uri("x")).items())).hasSize(1);
        JsonNode counted = comment(BOB, reviewComment).path("reactions");
        assertThat(counted.path("total_count").asInt()).isEqualTo(2);
        assertThat(counted.path("eyes").asInt()).isEqualTo(1);
        assertThat(counted.path("url").asText()).endsWith("/pulls/comments/" + reviewComment + "/reactions");

        assertThat(f.issues.delete("alice", "app", id, request(DAVE)).getStatus()).isEqualTo(204);
        assertThat(failure(() -> f.issues.get("alice", "app", id, request(BOB), uri("x"))).status()).isEqualTo(404);
    }

    // ---- privacy

    @Test
    void privateRepositoriesAreNotFoundByOutsiders() throws Exception {
        Response opened = f.resource.open("alice", "secret", body("title", "Topic", "head", "topic", "base", "main"),
                request(ALICE), uri("x"));
        int number = json(opened).path("number").asInt();
        long comment = json(f.comments.create("alice", "secret", number, body("path", "s.txt", "line", 1,
                "body", "t?"), request(ALICE), uri("x"))).path("id").asLong();
        List<Runnable> calls = new ArrayList<>();
        calls.add(() -> f.reviewsResource.list("alice", "secret", number, null, null, request(BOB), uri("x")));
        calls.add(() -> f.reviewsResource.create("alice", "secret", number, body("event", "APPROVE"), request(BOB),
                uri("x")));
        calls.add(() -> f.comments.list("alice", "secret", number, null, null, request(BOB), uri("x")));
        calls.add(() -> f.comments.resolve("alice", "secret", number, comment, request(BOB), uri("x")));
        calls.add(() -> f.comments.apply("alice", "secret", number, comment, null, request(BOB), uri("x")));
        calls.add(() -> f.pullComments.get("alice", "secret", comment, request(BOB), uri("x")));
        calls.add(() -> f.pullComments.react("alice", "secret", comment, body("content", "eyes"), request(BOB),
                uri("x")));
        calls.add(() -> f.issues.list("alice", "secret", number, null, null, request(BOB), uri("x")));
        calls.add(() -> f.issues.reactToPull("alice", "secret", number, body("content", "eyes"), request(BOB),
                uri("x")));
        calls.add(() -> f.issues.list("alice", "secret", number, null, null, request(Principal.ANONYMOUS),
                uri("x")));
        for (Runnable call : calls) {
            assertThat(failure(call).status()).isEqualTo(404);
        }
        // A comment of another repository is not found through this one.
        assertThat(failure(() -> f.pullComments.get("alice", "app", comment, request(ALICE), uri("x"))).status())
                .isEqualTo(404);
    }

    // ---- CODEOWNERS

    @Test
    void codeOwnersOfTheChangedFilesAreAskedToReview() throws Exception {
        ReviewFixture.write(f.appWork, "CODEOWNERS", "* @alice\n*.md @carol @nobody @acme/reviewers\n"
                + "app.txt @dave\n");
        ReviewFixture.commit(f.appWork, "alice", "Owners");
        org.mockito.Mockito.when(f.organizations.teamMembers(eq("acme"), eq("reviewers"), any())).thenAnswer(i ->
                new io.codara.api.rest.Page<>(List.of(new io.codara.api.identity.TeamMembership("reviewers", "bob",
                        io.codara.api.identity.TeamRole.MEMBER)), i.getArgument(2), 1));
        int number = openFeature();
        long id = f.pulls.find(f.app.id(), number).orElseThrow().id();
        f.reviewFollower.handleEvent(new Event(Topics.PULL_REQUEST_OPENED, Map.of("pull_request_id", id,
                "actor", "alice")));
        JsonNode requested = json(f.reviewers.list("alice", "app", number, request(BOB), uri("x")));
        List<String> logins = new ArrayList<>();
        requested.path("users").forEach(u -> logins.add(u.path("login").asText()));
        // NEW.md: carol and the team's bob; app.txt: dave; alice is the author; nobody does not exist.
        assertThat(logins).containsExactlyInAnyOrder("carol", "bob", "dave");
        verify(f.outbox).publish(any(Connection.class), eq(Topics.PULL_REQUEST_REVIEW_REQUESTED), any());
    }

    @Test
    void aPushAsksTheOwnersOfNewlyChangedFilesOnly() throws Exception {
        ReviewFixture.write(f.appWork, "CODEOWNERS", "app.txt @dave\ndocs/ @carol\n");
        ReviewFixture.commit(f.appWork, "alice", "Owners");
        int number = openFeature();
        long id = f.pulls.find(f.app.id(), number).orElseThrow().id();
        f.reviewFollower.handleEvent(new Event(Topics.PULL_REQUEST_OPENED, Map.of("pull_request_id", id)));
        assertThat(f.pulls.requestedReviewers(f.app.id(), number)).containsExactly(4L);  // dave
        f.pulls.removeReviewers(f.app.id(), number, List.of(4L), new io.codara.api.audit.Actor("alice", null));

        // app.txt changes again: dave, who was withdrawn, is not asked again; docs/guide.md is new: carol is.
        java.nio.file.Files.createDirectories(f.appWork.resolve("docs"));
        ReviewFixture.checkout(f.appWork, "feature");
        ReviewFixture.write(f.appWork, "app.txt", "one\ntwo\nthree\nfour\nfive\n");
        java.nio.file.Files.createDirectories(f.appWork.resolve("docs"));
        ReviewFixture.write(f.appWork, "docs/guide.md", "guide\n");
        RevCommit more = ReviewFixture.commit(f.appWork, "alice", "Guide");
        ReviewFixture.checkout(f.appWork, "main");
        pushed(more.name());
        assertThat(f.pulls.requestedReviewers(f.app.id(), number)).containsExactly(3L);  // carol
    }

    @Test
    void ownersWhoCannotReadTheRepositoryAreNotAsked() throws Exception {
        ReviewFixture.write(f.secretWork, "CODEOWNERS", "* @bob @carol\n");
        ReviewFixture.commit(f.secretWork, "alice", "Owners");
        Response opened = f.resource.open("alice", "secret", body("title", "Topic", "head", "topic", "base", "main"),
                request(ALICE), uri("x"));
        int number = json(opened).path("number").asInt();
        long id = f.pulls.find(f.secret.id(), number).orElseThrow().id();
        f.reviewFollower.handleEvent(new Event(Topics.PULL_REQUEST_OPENED, Map.of("pull_request_id", id)));
        assertThat(f.pulls.requestedReviewers(f.secret.id(), number)).isEmpty();
    }
}
