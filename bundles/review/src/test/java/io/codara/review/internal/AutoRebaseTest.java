package io.codara.review.internal;

import static io.codara.review.internal.ReviewFixture.body;
import static io.codara.review.internal.ReviewFixture.failure;
import static io.codara.review.internal.ReviewFixture.ALICE;
import static io.codara.review.internal.ReviewFixture.BOB;
import static io.codara.review.internal.ReviewFixture.CAROL;
import static io.codara.review.internal.ReviewFixture.DAVE;
import static io.codara.review.internal.ReviewFixture.checkout;
import static io.codara.review.internal.ReviewFixture.commit;
import static io.codara.review.internal.ReviewFixture.request;
import static io.codara.review.internal.ReviewFixture.uri;
import static io.codara.review.internal.ReviewFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.event.Topics;
import io.codara.api.git.BranchUpdate;
import io.codara.api.git.BranchUpdates;
import io.codara.api.identity.Email;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Principal;
import io.codara.api.storage.Job;
import io.codara.api.storage.JobState;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;

/**
 * Auto-rebase on a real PostgreSQL and real git repositories: after a push to the base, an enabled pull request's
 * head is replayed onto the new base (authors kept, the enabler committing, linear) and moved compare-and-set in the
 * enabler's name; conflicts, merge commits, a refusing protection, a fork without access and a concurrent push leave
 * the branch alone with the reason; disabled pull requests are not touched; who may switch it on and off.
 */
class AutoRebaseTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private ReviewFixture f;
    private AutoRebaser rebaser;
    private AutoRebaseTrigger trigger;
    private AutoRebaseResource resource;
    private final List<String> queued = new ArrayList<>();
    /** Branches whose protection refuses every update. */
    private final Set<String> refusing = ConcurrentHashMap.newKeySet();
    /** Runs just before the head branch is moved: a push racing the rebase. */
    private Runnable beforeMove = () -> { };

    @BeforeEach
    void fixture() throws Exception {
        f = new ReviewFixture(root);
        BranchUpdates updates = (repositoryId, branch, expectedOld, newSha, actor, reason) -> {
            beforeMove.run();
            if (refusing.contains(branch)) {
                return new BranchUpdate(BranchUpdate.Status.REFUSED, "refs/heads/" + branch
                        + " is protected: only the release team may push");
            }
            return f.branchUpdates.update(repositoryId, branch, expectedOld, newSha, actor, reason);
        };
        rebaser = new AutoRebaser(f.database, f.jobs, f.repositories, f.directories, f.accounts, f.permissions,
                updates, f.pulls);
        f.views.rebases = rebaser;
        trigger = new AutoRebaseTrigger(rebaser);
        resource = new AutoRebaseResource(f.access, f.pulls, rebaser, f.views);
        when(f.jobs.enqueue(any(Connection.class), eq(AutoRebaser.QUEUE), anyString(), any())).thenAnswer(i -> {
            queued.add(i.getArgument(2));
            return new Job(queued.size(), AutoRebaser.QUEUE, i.getArgument(2), JobState.QUEUED, 0, 3, Instant.now(),
                    null, Instant.now());
        });
        when(f.accounts.emails("alice")).thenReturn(List.of(new Email("alice@old.example", false, true, "private"),
                new Email("alice@primary.example", true, true, "private")));
    }

    @Test
    void anEnabledPullRequestIsRebasedOntoTheNewBaseKeepingItsAuthors() throws Exception {
        int number = open(ALICE, "feature", "Add four");
        String before = branch("feature");
        Map<String, Object> enabled = resource.enable("alice", "app", number, request(ALICE), uri("x"));
        assertThat(JSON.valueToTree(enabled).path("enabled_by").path("login").asText()).isEqualTo("alice");
        assertThat(JSON.valueToTree(enabled).path("last_result").isNull()).isTrue();
        verify(f.outbox).publish(any(Connection.class), eq(Topics.PULL_REQUEST_AUTO_REBASE_ENABLED), any());
        runJobs();
        assertThat(branch("feature")).as("up to date: nothing to do").isEqualTo(before);
        assertThat(f.moves).isEmpty();

        String main = pushToMain("README.md", "# app\n\nMore words.\n", "dave", "Describe the app");
        runJobs();

        String rebased = branch("feature");
        assertThat(rebased).isNotEqualTo(before);
        RevCommit tip = commitOf(rebased);
        assertThat(tip.getParentCount()).isEqualTo(1);
        assertThat(tip.getParent(0).name()).isEqualTo(main);
        assertThat(tip.getFullMessage()).isEqualTo("Add four\n");
        assertThat(tip.getAuthorIdent().getEmailAddress()).isEqualTo("alice@example.com");
        assertThat(tip.getCommitterIdent().getName()).isEqualTo("alice");
        assertThat(tip.getCommitterIdent().getEmailAddress()).isEqualTo("alice@primary.example");
        assertThat(file(rebased, "app.txt")).isEqualTo("one\ntwo\nthree\nfour\n");
        assertThat(file(rebased, "NEW.md")).isEqualTo("new file\n");
        assertThat(file(rebased, "README.md")).isEqualTo("# app\n\nMore words.\n");
        assertThat(f.moves).containsExactly(f.app.id() + " feature " + before + " " + rebased + " alice");

        JsonNode auto = get(number).path("auto_rebase");
        assertThat(auto.path("last_result").path("state").asText()).isEqualTo("rebased");
        assertThat(auto.path("last_result").path("base_sha").asText()).isEqualTo(main);
        assertThat(auto.path("last_result").path("head_sha").asText()).isEqualTo(rebased);

        // The move is a push: the pull request follows it like any other push to its head.
        f.follower.handleEvent(push(f.app.id(), "feature", before, rebased));
        assertThat(get(number).path("head").path("sha").asText()).isEqualTo(rebased);
        verify(f.outbox).publish(any(Connection.class), eq(Topics.PULL_REQUEST_SYNCHRONIZE), any());

        // The same job again (a redelivery, another node): nothing more happens.
        rebaser.rebase(pullId(number));
        assertThat(f.moves).hasSize(1);
    }

    @Test
    void aConflictingPullRequestIsLeftAloneWithTheReason() throws Exception {
        int number = open(ALICE, "other", "Shout one");
        resource.enable("alice", "app", number, request(CAROL), uri("x"));
        String before = branch("other");
        pushToMain("app.txt", "uno\ntwo\nthree\n", "dave", "Spanish one");
        runJobs();
        assertThat(branch("other")).isEqualTo(before);
        assertThat(f.moves).isEmpty();
        JsonNode last = get(number).path("auto_rebase").path("last_result");
        assertThat(last.path("state").asText()).isEqualTo("conflict");
        assertThat(last.path("message").asText()).contains("does not apply cleanly").contains("left alone");
        assertThat(last.path("head_sha").asText()).isEqualTo(before);
        assertThat(get(number).path("auto_rebase").path("enabled_by").path("login").asText()).isEqualTo("carol");
    }

    @Test
    void aPullRequestWithAMergeCommitIsSkipped() throws Exception {
        try (Git git = Git.open(f.appWork.toFile())) {
            git.checkout().setCreateBranch(true).setName("side").setStartPoint("main").call();
            write(f.appWork, "side.txt", "side\n");
            commit(git, "alice", "Side file");
            git.checkout().setCreateBranch(true).setName("merged").setStartPoint("feature").call();
            git.merge().include(git.getRepository().resolve("side")).setFastForward(MergeCommand.FastForwardMode.NO_FF)
                    .setCommit(true).setMessage("Merge side").call();
            git.checkout().setName("main").call();
        }
        int number = open(ALICE, "merged", "With a merge");
        resource.enable("alice", "app", number, request(ALICE), uri("x"));
        String before = branch("merged");
        pushToMain("README.md", "# app!\n", "dave", "Excite");
        runJobs();
        assertThat(branch("merged")).isEqualTo(before);
        JsonNode last = get(number).path("auto_rebase").path("last_result");
        assertThat(last.path("state").asText()).isEqualTo("merge_commits");
        assertThat(last.path("message").asText()).contains("merge commits");
    }

    @Test
    void aDisabledPullRequestIsNotTouched() throws Exception {
        int number = open(ALICE, "feature", "Add four");
        resource.enable("alice", "app", number, request(ALICE), uri("x"));
        assertThat(resource.disable("alice", "app", number, request(ALICE)).getStatus()).isEqualTo(204);
        verify(f.outbox).publish(any(Connection.class), eq(Topics.PULL_REQUEST_AUTO_REBASE_DISABLED), any());
        assertThat(get(number).path("auto_rebase").isNull()).isTrue();
        assertThat(failure(() -> resource.get("alice", "app", number, request(CAROL), uri("x"))).status())
                .isEqualTo(404);
        queued.clear();
        String before = branch("feature");
        pushToMain("README.md", "# app!\n", "dave", "Excite");
        assertThat(queued).isEmpty();
        // Even a job queued before it was disabled does nothing.
        assertThat(rebaser.rebase(pullId(number))).isNull();
        assertThat(branch("feature")).isEqualTo(before);
        assertThat(f.moves).isEmpty();
    }

    @Test
    void aPushToTheHeadDuringTheRebaseWinsAndIsKept() throws Exception {
        int number = open(ALICE, "feature", "Add four");
        resource.enable("alice", "app", number, request(ALICE), uri("x"));
        runJobs();
        List<String> authorsPush = new ArrayList<>();
        beforeMove = () -> {
            try {
                checkout(f.appWork, "feature");
                write(f.appWork, "app.txt", "one\ntwo\nthree\nfour\nfive\n");
                authorsPush.add(commit(f.appWork, "alice", "Add five").name());
                checkout(f.appWork, "main");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        pushToMain("README.md", "# app!\n", "dave", "Excite");
        runJobs();
        assertThat(branch("feature")).isEqualTo(authorsPush.get(0));
        assertThat(f.moves).isEmpty();
        JsonNode last = get(number).path("auto_rebase").path("last_result");
        assertThat(last.path("state").asText()).isEqualTo("head_moved");
        assertThat(last.path("message").asText()).contains("kept");
    }

    @Test
    void aProtectionThatRefusesTheEnablerLeavesTheBranchAlone() throws Exception {
        int number = open(ALICE, "feature", "Add four");
        resource.enable("alice", "app", number, request(ALICE), uri("x"));
        refusing.add("feature");
        String before = branch("feature");
        pushToMain("README.md", "# app!\n", "dave", "Excite");
        runJobs();
        assertThat(branch("feature")).isEqualTo(before);
        JsonNode last = get(number).path("auto_rebase").path("last_result");
        assertThat(last.path("state").asText()).isEqualTo("refused");
        assertThat(last.path("message").asText()).contains("only the release team may push");
    }

    @Test
    void aForksHeadIsRebasedInTheForkAndNeedsPushAccessToIt() throws Exception {
        Response opened = f.resource.open("alice", "app", body("title", "Zero", "head", "bob:patch", "base", "main",
                "maintainer_can_modify", true), request(BOB), uri("repos/alice/app/pulls"));
        int number = JSON.valueToTree(opened.getEntity()).path("number").asInt();
        String before = PullRequestGit.branch(f.forkDir, "patch").orElseThrow();
        // The fork's author may; a base writer may while the fork allows edits by maintainers.
        resource.enable("alice", "app", number, request(CAROL), uri("x"));
        f.resource.update("alice", "app", number, body("maintainer_can_modify", false), request(BOB), uri("x"));
        assertThat(failure(() -> resource.enable("alice", "app", number, request(CAROL), uri("x"))).status())
                .isEqualTo(403);
        String main = pushToMain("README.md", "# app!\n", "dave", "Excite");
        runJobs();
        assertThat(PullRequestGit.branch(f.forkDir, "patch").orElseThrow()).isEqualTo(before);
        assertThat(get(number).path("auto_rebase").path("last_result").path("state").asText())
                .isEqualTo("forbidden");

        resource.enable("alice", "app", number, request(BOB), uri("x"));
        runJobs();
        String rebased = PullRequestGit.branch(f.forkDir, "patch").orElseThrow();
        assertThat(rebased).isNotEqualTo(before);
        try (org.eclipse.jgit.lib.Repository fork = PullRequestGit.open(f.forkDir, null);
                RevWalk walk = new RevWalk(fork)) {
            RevCommit tip = walk.parseCommit(ObjectId.fromString(rebased));
            assertThat(tip.getParent(0).name()).isEqualTo(main);
            assertThat(tip.getAuthorIdent().getName()).isEqualTo("bob");
            assertThat(tip.getCommitterIdent().getName()).isEqualTo("bob");
            TreeWalk app = TreeWalk.forPath(fork, "app.txt", tip.getTree());
            assertThat(new String(fork.open(app.getObjectId(0)).getBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("zero\none\ntwo\nthree\n");
        }
        assertThat(f.moves).containsExactly(f.fork.id() + " patch " + before + " " + rebased + " bob");
        assertThat(get(number).path("auto_rebase").path("last_result").path("state").asText()).isEqualTo("rebased");
    }

    @Test
    void onlyTheAuthorAndWhoMayPushToTheHeadSwitchItOnAndOff() throws Exception {
        int number = open(CAROL, "feature", "Add four");
        assertThat(failure(() -> resource.enable("alice", "app", number, request(Principal.ANONYMOUS), uri("x")))
                .status()).isEqualTo(401);
        assertThat(failure(() -> resource.enable("alice", "app", number, request(BOB), uri("x"))).status())
                .isEqualTo(403);
        // The author with a token that may only read.
        assertThat(failure(() -> resource.enable("alice", "app", number,
                request(new Principal("carol", false, Set.of("repo:read"))), uri("x"))).status()).isEqualTo(403);
        assertThat(failure(() -> resource.get("alice", "app", number, request(BOB), uri("x"))).status())
                .isEqualTo(404);
        assertThat(JSON.valueToTree(resource.enable("alice", "app", number, request(DAVE), uri("x")))
                .path("enabled_by").path("login").asText()).isEqualTo("dave");
        assertThat(JSON.valueToTree(resource.get("alice", "app", number, request(BOB), uri("x")))
                .path("enabled_by").path("login").asText()).isEqualTo("dave");
        assertThat(failure(() -> resource.disable("alice", "app", number, request(BOB))).status()).isEqualTo(403);
        assertThat(resource.disable("alice", "app", number, request(CAROL)).getStatus()).isEqualTo(204);
        assertThat(failure(() -> resource.enable("alice", "secret", 1, request(BOB), uri("x"))).status())
                .isEqualTo(404);
        assertThat(failure(() -> resource.enable("alice", "app", 99, request(ALICE), uri("x"))).status())
                .isEqualTo(404);
    }

    // ---- helpers

    private String pushToMain(String file, String text, String who, String message) throws Exception {
        String before = branch("main");
        write(f.appWork, file, text);
        String after = commit(f.appWork, who, message).name();
        trigger.handleEvent(push(f.app.id(), "main", before, after));
        return after;
    }

    private static Event push(long repositoryId, String branch, String before, String after) {
        return new Event(Topics.GIT_PUSH, Map.of("repository_id", repositoryId, "actor", "dave", "ref_updates",
                List.of(Map.of("ref", "refs/heads/" + branch, "before", before, "after", after))));
    }

    private void runJobs() throws Exception {
        List<String> payloads = List.copyOf(queued);
        queued.clear();
        for (String payload : payloads) {
            trigger.handle(new Job(1, AutoRebaser.QUEUE, payload, JobState.RUNNING, 1, 3, Instant.now(), null,
                    Instant.now()));
        }
    }

    private int open(Principal who, String head, String title) {
        Response response = f.resource.open("alice", "app", body("title", title, "head", head, "base", "main"),
                request(who), uri("repos/alice/app/pulls"));
        assertThat(response.getStatus()).isEqualTo(201);
        return JSON.valueToTree(response.getEntity()).path("number").asInt();
    }

    private long pullId(int number) {
        return f.pulls.find(f.app.id(), number).orElseThrow().id();
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
            return new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }
}
