package io.codara.review.internal;

import static io.codara.review.internal.ReviewFixture.body;
import static io.codara.review.internal.ReviewFixture.failure;
import static io.codara.review.internal.ReviewFixture.ALICE;
import static io.codara.review.internal.ReviewFixture.BOB;
import static io.codara.review.internal.ReviewFixture.CAROL;
import static io.codara.review.internal.ReviewFixture.checkout;
import static io.codara.review.internal.ReviewFixture.commit;
import static io.codara.review.internal.ReviewFixture.request;
import static io.codara.review.internal.ReviewFixture.uri;
import static io.codara.review.internal.ReviewFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.ci.CommitState;
import io.codara.api.event.Topics;
import io.codara.api.git.MergeSettings;
import io.codara.api.git.ProtectionRule;
import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Principal;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;

/**
 * Merging pull requests on a real PostgreSQL and real git repositories: the history each merge method makes
 * (parents, authors, committers, messages, trees), fork heads, conflicts, the repository's allowed methods, the base
 * branch's protection enforced at merge time, auto-merge, stacked pull requests and head branch deletion.
 */
class PullRequestMergesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private ReviewFixture f;

    @BeforeEach
    void fixture() throws Exception {
        f = new ReviewFixture(root);
    }

    @Test
    void aMergeCommitHasTheBaseAndTheHeadAsParentsAndGitHubsMessage() throws Exception {
        int number = open(ALICE, "feature", "Add four");
        String main = branch("main");
        String feature = branch("feature");

        Map<String, Object> merged = merge(CAROL, number, "merge_method", "merge");
        assertThat(merged).containsEntry("merged", true).containsEntry("message", "Pull Request successfully merged");
        String sha = (String) merged.get("sha");
        assertThat(branch("main")).isEqualTo(sha);
        RevCommit commit = commitOf(sha);
        assertThat(Arrays.stream(commit.getParents()).map(RevCommit::name)).containsExactly(main, feature);
        assertThat(commit.getFullMessage()).isEqualTo("Merge pull request #" + number + " from alice/feature\n\nAdd four\n");
        assertThat(commit.getCommitterIdent().getName()).isEqualTo("carol");
        assertThat(file(sha, "NEW.md")).isEqualTo("new file\n");

        JsonNode pull = get(number);
        assertThat(pull.path("merged").asBoolean()).isTrue();
        assertThat(pull.path("state").asText()).isEqualTo("closed");
        assertThat(pull.path("merge_commit_sha").asText()).isEqualTo(sha);
        assertThat(pull.path("merged_by").path("login").asText()).isEqualTo("carol");
        verify(f.outbox).publish(any(Connection.class), eq(Topics.PULL_REQUEST_CLOSED), argThat(event ->
                Boolean.TRUE.equals(event.get("merged")) && sha.equals(event.get("merge_commit_sha"))));
        assertThat(failure(() -> merge(CAROL, number, "merge_method", "merge")).status()).isEqualTo(405);
        assertThat(f.moves).hasSize(1);
    }

    @Test
    void aSquashIsOneCommitByThePullRequestsAuthorWithItsChanges() throws Exception {
        checkout(f.appWork, "feature");
        write(f.appWork, "second.txt", "second\n");
        commit(f.appWork, "alice", "Second\n\nwith a body");
        checkout(f.appWork, "main");
        int number = open(ALICE, "feature", "Add four");
        String main = branch("main");
        String feature = branch("feature");

        String sha = (String) merge(CAROL, number, "merge_method", "squash").get("sha");
        RevCommit commit = commitOf(sha);
        assertThat(Arrays.stream(commit.getParents()).map(RevCommit::name)).containsExactly(main);
        assertThat(commit.getAuthorIdent().getName()).isEqualTo("alice");
        assertThat(commit.getAuthorIdent().getEmailAddress()).isEqualTo("1+alice@users.noreply.codara");
        assertThat(commit.getCommitterIdent().getName()).isEqualTo("carol");
        assertThat(commit.getFullMessage()).isEqualTo("Add four (#" + number + ")\n\n* Add four\n\n* Second\n\nwith a body\n");
        assertThat(commit.getTree().name()).isEqualTo(commitOf(feature).getTree().name());
    }

    @Test
    void aRebaseReplaysEachCommitOntoTheBaseKeepingAuthorsAndTheCallersTitleIsIgnored() throws Exception {
        checkout(f.appWork, "feature");
        write(f.appWork, "second.txt", "second\n");
        commit(f.appWork, "alice", "Second");
        checkout(f.appWork, "main");
        write(f.appWork, "README.md", "# app, moved on\n");
        String main = commit(f.appWork, "dave", "Main moves").name();
        int number = open(ALICE, "feature", "Add four");

        String sha = (String) merge(CAROL, number, "merge_method", "rebase", "commit_title", "ignored").get("sha");
        RevCommit second = commitOf(sha);
        RevCommit first = commitOf(second.getParent(0).name());
        assertThat(first.getParent(0).name()).isEqualTo(main);
        assertThat(List.of(first.getFullMessage(), second.getFullMessage())).containsExactly("Add four\n", "Second\n");
        for (RevCommit replayed : List.of(first, second)) {
            assertThat(replayed.getParentCount()).isEqualTo(1);
            assertThat(replayed.getAuthorIdent().getName()).isEqualTo("alice");
            assertThat(replayed.getCommitterIdent().getName()).isEqualTo("carol");
        }
        assertThat(first.name()).isNotEqualTo(PullRequestGit.branch(f.appDir, "feature").orElseThrow());
        assertThat(file(sha, "README.md")).isEqualTo("# app, moved on\n");
        assertThat(file(sha, "second.txt")).isEqualTo("second\n");
        assertThat(file(sha, "app.txt")).isEqualTo("one\ntwo\nthree\nfour\n");
    }

    @Test
    void aForksCommitsAreCopiedIntoTheBaseRepository() throws Exception {
        Response opened = f.resource.open("alice", "app", body("title", "Zero", "head", "bob:patch", "base", "main"),
                request(BOB), uri("repos/alice/app/pulls"));
        int number = JSON.valueToTree(opened.getEntity()).path("number").asInt();
        String patch = PullRequestGit.branch(f.forkDir, "patch").orElseThrow();
        try (org.eclipse.jgit.lib.Repository own = new FileRepositoryBuilder().setGitDir(f.appDir.toFile()).build()) {
            assertThat(own.getObjectDatabase().has(ObjectId.fromString(patch))).isFalse();
        }
        String sha = (String) merge(ALICE, number, "merge_method", "merge").get("sha");
        assertThat(commitOf(sha).getFullMessage()).startsWith("Merge pull request #" + number + " from bob/patch\n");
        try (org.eclipse.jgit.lib.Repository own = new FileRepositoryBuilder().setGitDir(f.appDir.toFile()).build();
                RevWalk walk = new RevWalk(own)) {
            // Without the fork's alternate, the base repository holds the whole new history.
            assertThat(own.getObjectDatabase().has(ObjectId.fromString(patch))).isTrue();
            assertThat(walk.parseCommit(ObjectId.fromString(sha)).getParent(1).name()).isEqualTo(patch);
            assertThat(TreeWalk.forPath(own, "app.txt", walk.parseCommit(ObjectId.fromString(sha)).getTree()))
                    .isNotNull();
        }
        assertThat(file(sha, "app.txt")).isEqualTo("zero\none\ntwo\nthree\n");
    }

    @Test
    void conflictsAMovedHeadAndDisallowedMethodsAreRefusedAsGitHubRefusesThem() throws Exception {
        write(f.appWork, "app.txt", "uno\ntwo\nthree\n");
        commit(f.appWork, "alice", "Uno");
        int conflicting = open(ALICE, "other", "Shout");
        ApiException conflict = failure(() -> merge(CAROL, conflicting, "merge_method", "merge"));
        assertThat(conflict.status()).isEqualTo(405);
        assertThat(conflict.getMessage()).isEqualTo("Pull Request is not mergeable");
        f.runJobs();
        assertThat(get(conflicting).path("mergeable_state").asText()).isEqualTo("dirty");

        int number = open(ALICE, "feature", "Add four");
        ApiException moved = failure(() -> merge(CAROL, number, "sha", "0123456789012345678901234567890123456789"));
        assertThat(moved.status()).isEqualTo(409);
        assertThat(moved.getMessage()).isEqualTo("Head branch was modified. Review and try the merge again.");

        settings(new MergeSettings(true, false, true, false));
        ApiException squash = failure(() -> merge(CAROL, number, "merge_method", "squash"));
        assertThat(squash.status()).isEqualTo(405);
        assertThat(squash.getMessage()).isEqualTo("Squash merges are not allowed on this repository.");
        assertThat(failure(() -> merge(CAROL, number, "merge_method", "fast-forward")).status()).isEqualTo(422);
        assertThat(failure(() -> merge(BOB, number, "merge_method", "merge")).status()).isEqualTo(403);
        assertThat(f.moves).isEmpty();
        assertThat(merge(CAROL, number, "merge_method", "merge", "sha", branch("feature"))).containsEntry("merged", true);
    }

    @Test
    void requiredReviewsAndStatusChecksBlockUntilMetAndAdminsBypassUnlessEnforced() throws Exception {
        f.rules.put("main", new ProtectionRule(new ProtectionRule.StatusChecks(false, List.of("ci")), false,
                new ProtectionRule.PullRequestReviews(1, false, false), null, false, false, false, false));
        int number = open(ALICE, "feature", "Add four");
        f.runJobs();
        JsonNode blocked = get(number);
        assertThat(blocked.path("mergeable").asBoolean()).isTrue();
        assertThat(blocked.path("mergeable_state").asText()).isEqualTo("blocked");
        assertThat(blocked.path("merge_requirements")).extracting(JsonNode::asText).containsExactly(
                "At least 1 approving review is required by reviewers with write access.",
                "Required status check \"ci\" is expected.");
        ApiException refused = failure(() -> merge(CAROL, number, "merge_method", "merge"));
        assertThat(refused.status()).isEqualTo(405);
        assertThat(refused.getMessage()).contains("At least 1 approving review is required")
                .contains("Required status check \"ci\" is expected.");

        String head = branch("feature");
        long id = f.pulls.find(f.app.id(), number).orElseThrow().id();
        f.approvals.put(id, new PullRequestApprovals.ApprovalState(1, 1, false));
        f.statuses.put(head, Map.of("ci", CommitState.FAILURE, "lint", CommitState.SUCCESS));
        assertThat(failure(() -> merge(CAROL, number, "merge_method", "merge")).getMessage())
                .isEqualTo("Required status check \"ci\" is failing.");
        f.statuses.put(head, Map.of("ci", CommitState.SUCCESS, "lint", CommitState.FAILURE));
        f.approvals.put(id, new PullRequestApprovals.ApprovalState(2, 2, true));
        assertThat(failure(() -> merge(CAROL, number, "merge_method", "merge")).getMessage())
                .isEqualTo("Changes were requested by a reviewer.");
        f.approvals.put(id, new PullRequestApprovals.ApprovalState(1, 1, false));
        // A failing status that is not required makes it unstable, not blocked.
        assertThat(get(number).path("mergeable_state").asText()).isEqualTo("unstable");
        assertThat(get(number).path("merge_requirements")).isEmpty();
        assertThat(merge(CAROL, number, "merge_method", "merge")).containsEntry("merged", true);

        // Administrators bypass the rule unless it enforces admins.
        checkout(f.appWork, "same");
        write(f.appWork, "same.txt", "same\n");
        commit(f.appWork, "alice", "Same");
        checkout(f.appWork, "main");
        int other = open(ALICE, "same", "Same");
        f.rules.put("main", new ProtectionRule(new ProtectionRule.StatusChecks(false, List.of("ci")), true,
                null, null, false, false, false, false));
        assertThat(failure(() -> merge(ALICE, other, "merge_method", "merge")).getMessage())
                .isEqualTo("Required status check \"ci\" is expected.");
        f.rules.put("main", new ProtectionRule(new ProtectionRule.StatusChecks(false, List.of("ci")), false,
                null, null, false, false, false, false));
        assertThat(failure(() -> merge(CAROL, other, "merge_method", "merge")).status()).isEqualTo(405);
        assertThat(merge(ALICE, other, "merge_method", "merge")).containsEntry("merged", true);
    }

    @Test
    void staleApprovalsUpToDateLinearHistoryAndSignaturesAreEnforced() throws Exception {
        int number = open(ALICE, "feature", "Add four");
        long id = f.pulls.find(f.app.id(), number).orElseThrow().id();
        f.rules.put("main", new ProtectionRule(null, false, new ProtectionRule.PullRequestReviews(1, true, false), null,
                false, false, false, false));
        f.approvals.put(id, new PullRequestApprovals.ApprovalState(1, 0, false));
        assertThat(failure(() -> merge(CAROL, number, "merge_method", "merge")).getMessage())
                .isEqualTo("At least 1 approving review is required by reviewers with write access.");

        f.rules.put("main", new ProtectionRule(null, false, null, null, true, false, false, false));
        assertThat(failure(() -> merge(CAROL, number, "merge_method", "merge")).getMessage())
                .isEqualTo("Merge commits are not allowed on this protected branch: it requires a linear history.");

        f.rules.put("main", new ProtectionRule(null, false, null, null, false, false, false, true));
        assertThat(failure(() -> merge(CAROL, number, "merge_method", "squash")).getMessage())
                .startsWith("Commits must have verified signatures: Codara cannot sign");

        write(f.appWork, "README.md", "# app, moved on\n");
        commit(f.appWork, "dave", "Main moves");
        f.rules.put("main", new ProtectionRule(new ProtectionRule.StatusChecks(true, List.of()), false, null, null,
                false, false, false, false));
        f.follower.handleEvent(new Event(Topics.GIT_PUSH, Map.of("repository_id", f.app.id(), "ref_updates",
                List.of(Map.of("ref", "refs/heads/main", "after", branch("main"))))));
        f.runJobs();
        assertThat(get(number).path("mergeable_state").asText()).isEqualTo("behind");
        assertThat(failure(() -> merge(CAROL, number, "merge_method", "squash")).getMessage())
                .isEqualTo("Head branch is not up to date with the base branch.");
        assertThat(f.moves).isEmpty();

        f.rules.put("main", new ProtectionRule(null, false, null, null, true, false, false, false));
        String sha = (String) merge(CAROL, number, "merge_method", "squash").get("sha");
        assertThat(commitOf(sha).getParentCount()).isEqualTo(1);
    }

    @Test
    void autoMergeMergesOnceWhenTheRequiredStatusTurnsGreen() throws Exception {
        f.rules.put("main", new ProtectionRule(new ProtectionRule.StatusChecks(false, List.of("ci")), false, null,
                null, false, false, false, false));
        int number = open(ALICE, "feature", "Add four");
        assertThat(failure(() -> f.resource.enableAutoMerge("alice", "app", number, body("merge_method", "squash"),
                request(BOB), uri("x"))).status()).isEqualTo(403);
        Map<String, Object> enabled = f.resource.enableAutoMerge("alice", "app", number,
                body("merge_method", "squash", "commit_title", "Four, automatically"), request(CAROL), uri("x"));
        assertThat(JSON.valueToTree(enabled).path("merge_method").asText()).isEqualTo("squash");
        assertThat(JSON.valueToTree(enabled).path("enabled_by").path("login").asText()).isEqualTo("carol");
        JsonNode pull = get(number);
        assertThat(pull.path("auto_merge").path("merge_method").asText()).isEqualTo("squash");
        verify(f.outbox).publish(any(Connection.class), eq(Topics.PULL_REQUEST_AUTO_MERGE_ENABLED), any());

        f.runAutoMergeJobs();
        assertThat(f.moves).isEmpty();
        assertThat(get(number).path("state").asText()).isEqualTo("open");

        String head = branch("feature");
        f.statuses.put(head, Map.of("ci", CommitState.SUCCESS));
        f.autoMerge.handleEvent(new Event(Topics.CI_STATUS, Map.of("repository_id", f.app.id(), "sha", head,
                "state", "success", "context", "ci")));
        assertThat(f.autoQueued).hasSize(1);
        String payload = f.autoQueued.get(0);
        f.runAutoMergeJobs();
        JsonNode merged = get(number);
        assertThat(merged.path("merged").asBoolean()).isTrue();
        assertThat(merged.path("merged_by").path("login").asText()).isEqualTo("carol");
        assertThat(merged.path("auto_merge").isNull()).isTrue();
        RevCommit commit = commitOf(merged.path("merge_commit_sha").asText());
        assertThat(commit.getParentCount()).isEqualTo(1);
        assertThat(commit.getShortMessage()).isEqualTo("Four, automatically");

        // The same job again (a redelivery, another node): nothing more happens.
        f.autoQueued.add(payload);
        f.runAutoMergeJobs();
        assertThat(f.moves).hasSize(1);
    }

    @Test
    void autoMergeWaitsForAnApprovalAndMergesAfterTheReviewEvent() throws Exception {
        f.rules.put("main", new ProtectionRule(null, false, new ProtectionRule.PullRequestReviews(1, false, false),
                null, false, false, false, false));
        int number = open(ALICE, "feature", "Add four");
        long id = f.pulls.find(f.app.id(), number).orElseThrow().id();
        f.resource.enableAutoMerge("alice", "app", number, body("merge_method", "rebase"), request(CAROL), uri("x"));
        f.runAutoMergeJobs();
        assertThat(get(number).path("state").asText()).isEqualTo("open");
        // An unrelated event of a pull request without auto-merge queues nothing.
        f.autoMerge.handleEvent(new Event("codara/pull_request_review/submitted", Map.of("pull_request_id", 999L)));
        assertThat(f.autoQueued).isEmpty();

        f.approvals.put(id, new PullRequestApprovals.ApprovalState(1, 1, false));
        f.autoMerge.handleEvent(new Event("codara/pull_request_review/submitted", Map.of("pull_request_id", id,
                "repository_id", f.app.id())));
        assertThat(f.autoQueued).hasSize(1);
        f.runAutoMergeJobs();
        JsonNode merged = get(number);
        assertThat(merged.path("merged").asBoolean()).isTrue();
        RevCommit rebased = commitOf(merged.path("merge_commit_sha").asText());
        assertThat(rebased.getAuthorIdent().getName()).isEqualTo("alice");
        assertThat(rebased.getCommitterIdent().getName()).isEqualTo("carol");
        assertThat(rebased.getFullMessage()).isEqualTo("Add four\n");
    }

    @Test
    void autoMergeCanBeDisabled() throws Exception {
        f.rules.put("main", new ProtectionRule(new ProtectionRule.StatusChecks(false, List.of("ci")), false, null,
                null, false, false, false, false));
        int number = open(ALICE, "feature", "Add four");
        f.resource.enableAutoMerge("alice", "app", number, body(), request(CAROL), uri("x"));
        assertThat(f.resource.disableAutoMerge("alice", "app", number, request(CAROL)).getStatus()).isEqualTo(204);
        assertThat(get(number).path("auto_merge").isNull()).isTrue();
        f.statuses.put(branch("feature"), Map.of("ci", CommitState.SUCCESS));
        f.autoMerge.handleEvent(new Event(Topics.CI_STATUS, Map.of("repository_id", f.app.id(), "sha",
                branch("feature"), "state", "success")));
        f.runAutoMergeJobs();
        assertThat(get(number).path("state").asText()).isEqualTo("open");
        assertThat(f.moves).isEmpty();
    }

    @Test
    void stackedPullRequestsAreRetargetedAndTheHeadBranchIsDeletedWhenTheRepositorySaysSo() throws Exception {
        checkout(f.appWork, "feature");
        ReviewFixture.run(f.appWork, "git", "checkout", "-q", "-b", "stacked");
        write(f.appWork, "stacked.txt", "on top\n");
        commit(f.appWork, "alice", "On top");
        checkout(f.appWork, "main");
        int bottom = open(ALICE, "feature", "Bottom");
        Response opened = f.resource.open("alice", "app", body("title", "Top", "head", "stacked", "base", "feature"),
                request(ALICE), uri("repos/alice/app/pulls"));
        int top = JSON.valueToTree(opened.getEntity()).path("number").asInt();
        settings(new MergeSettings(true, true, true, true));

        String sha = (String) merge(CAROL, bottom, "merge_method", "merge").get("sha");
        JsonNode retargeted = get(top);
        assertThat(retargeted.path("state").asText()).isEqualTo("open");
        assertThat(retargeted.path("base").path("ref").asText()).isEqualTo("main");
        assertThat(retargeted.path("base").path("sha").asText()).isEqualTo(sha);
        verify(f.outbox).publish(any(Connection.class), eq(Topics.PULL_REQUEST_EDITED), argThat(event ->
                Integer.valueOf(top).equals(event.get("number")) && List.of("base").equals(event.get("changes"))));
        assertThat(PullRequestGit.branch(f.appDir, "feature")).isEmpty();
        assertThat(f.moves).hasSize(2);
        assertThat(f.moves.get(1)).startsWith(f.app.id() + " feature ").endsWith(" null carol");
        // The retargeted one now merges into main.
        assertThat(merge(CAROL, top, "merge_method", "squash")).containsEntry("merged", true);
        assertThat(file(branch("main"), "stacked.txt")).isEqualTo("on top\n");
        // The stacked head goes too once merged; the base stays.
        assertThat(PullRequestGit.branch(f.appDir, "stacked")).isEmpty();
        assertThat(PullRequestGit.branch(f.appDir, "main")).isPresent();
    }

    // ---- helpers

    private void settings(MergeSettings merging) {
        Repository app = f.app;
        Repository changed = new Repository(app.id(), app.owner(), app.name(), null, null, List.of(), app.visibility(),
                "main", false, false, null, app.createdAt(), app.updatedAt(), null, null, merging, 0);
        when(f.repositories.find(app.id())).thenReturn(Optional.of(changed));
        when(f.repositories.find("alice", "app")).thenReturn(Optional.of(changed));
        when(f.repositories.resolve("alice", "app")).thenReturn(Optional.of(changed));
    }

    private int open(Principal who, String head, String title) {
        Response response = f.resource.open("alice", "app", body("title", title, "head", head, "base", "main"),
                request(who), uri("repos/alice/app/pulls"));
        assertThat(response.getStatus()).isEqualTo(201);
        return JSON.valueToTree(response.getEntity()).path("number").asInt();
    }

    private Map<String, Object> merge(Principal who, int number, Object... pairs) {
        return f.resource.merge("alice", "app", number, body(pairs), request(who));
    }

    private JsonNode get(int number) {
        return JSON.valueToTree(f.resource.get("alice", "app", number, request(CAROL),
                uri("repos/alice/app/pulls/" + number)));
    }

    private String branch(String name) {
        return PullRequestGit.branch(f.appDir, name).orElseThrow();
    }

    private RevCommit commitOf(String sha) throws Exception {
        try (org.eclipse.jgit.lib.Repository repository = PullRequestGit.open(f.appDir, null);
                RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(sha));
            walk.parseBody(commit);
            return commit;
        }
    }

    private String file(String sha, String path) throws Exception {
        try (org.eclipse.jgit.lib.Repository repository = PullRequestGit.open(f.appDir, null);
                RevWalk walk = new RevWalk(repository)) {
            TreeWalk tree = TreeWalk.forPath(repository, path, walk.parseCommit(ObjectId.fromString(sha)).getTree());
            assertThat(tree).as(path + " in " + sha).isNotNull();
            return new String(repository.open(tree.getObjectId(0)).getBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
