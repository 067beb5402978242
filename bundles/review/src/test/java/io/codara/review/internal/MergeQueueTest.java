package io.codara.review.internal;

import static io.codara.review.internal.ReviewFixture.ALICE;
import static io.codara.review.internal.ReviewFixture.BOB;
import static io.codara.review.internal.ReviewFixture.CAROL;
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
import io.codara.api.event.Topics;
import io.codara.api.git.ProtectionRule;
import io.codara.api.rest.ApiException;
import io.codara.api.review.MergeMethod;
import io.codara.api.review.PullRequest;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;

/**
 * The merge queue on a real PostgreSQL and real git repositories: three pull requests q1, q2 and q3 (each adding a
 * file of its own) enter the queue of alice/app's main, whose protection requires the status check {@code ci}; the
 * statuses the tests post on the queue's builds play CI.
 */
class MergeQueueTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private ReviewFixture f;
    private MergeQueue queue;
    private MergeQueueResource queueResource;
    private PullMergeQueueResource pullResource;
    private final MutableClock clock = new MutableClock();
    private final List<String> mainTips = new ArrayList<>();

    @BeforeEach
    void fixture() throws Exception {
        f = new ReviewFixture(root);
        for (String name : List.of("q1", "q2", "q3")) {
            ReviewFixture.checkout(f.appWork, "main");
            try (Git git = Git.open(f.appWork.toFile())) {
                git.checkout().setCreateBranch(true).setName(name).call();
            }
            ReviewFixture.write(f.appWork, name + ".txt", name + "\n");
            ReviewFixture.commit(f.appWork, "alice", "Add " + name);
        }
        ReviewFixture.checkout(f.appWork, "main");
        f.rules.put("main", new ProtectionRule(new ProtectionRule.StatusChecks(false, List.of("ci")), false, null,
                null, false, false, false, false));
        queue = new MergeQueue(f.database, f.jobs, f.repositories, f.directories, f.accounts, f.protections,
                f.branchUpdates, f.pulls, f.merger, clock);
        queue.statuses = f.merger.statuses;
        queueResource = new MergeQueueResource(f.access, f.pulls, queue);
        pullResource = new PullMergeQueueResource(f.access, f.pulls, f.pulls, queue);
    }

    private int open(String head) {
        Map<String, Object> body = new HashMap<>(Map.of("title", "Take " + head, "head", head, "base", "main"));
        JsonNode pull = JSON.valueToTree(f.resource.open("alice", "app", body, request(ALICE),
                uri("repos/alice/app/pulls")).getEntity());
        return pull.path("number").asInt();
    }

    private JsonNode configure(Object... pairs) {
        Map<String, Object> body = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return JSON.valueToTree(queueResource.configure("alice", "app", "main", body, request(ALICE)));
    }

    private void enqueue(int number) {
        assertThat(pullResource.enqueue("alice", "app", number, request(ALICE), uri("repos/alice/app/pulls/"
                + number + "/merge-queue")).getStatus()).isEqualTo(201);
    }

    private JsonNode entry(int number) {
        return JSON.valueToTree(pullResource.get("alice", "app", number, request(ALICE),
                uri("repos/alice/app/pulls/" + number + "/merge-queue")));
    }

    private PullRequest pull(int number) {
        return f.pulls.find(f.app.id(), number).orElseThrow();
    }

    private String main() {
        return PullRequestGit.branch(f.appDir, "main").orElseThrow();
    }

    private void ci(String sha, CommitState state) {
        f.statuses.put(sha, Map.of("ci", state));
    }

    /** Moves the queue, recording every commit main points at afterwards (the "base never red" check). */
    private void move() {
        queue.process(f.app.id(), "main");
        String tip = main();
        if (mainTips.isEmpty() || !mainTips.get(mainTips.size() - 1).equals(tip)) {
            mainTips.add(tip);
        }
    }

    @Test
    void theMiddleOneBreaksTheBuildIsEjectedAndTheOthersLandOnlyOnGreenBuilds() throws Exception {
        configure("merge_method", "merge");
        String start = main();
        mainTips.add(start);
        int q1 = open("q1");
        int q2 = open("q2");
        int q3 = open("q3");
        enqueue(q1);
        enqueue(q2);
        enqueue(q3);
        move();

        // Each is built on the one ahead of it and pushed to its queue branch for CI.
        String spec1 = entry(q1).path("speculative_sha").asText();
        String spec2 = entry(q2).path("speculative_sha").asText();
        String spec3 = entry(q3).path("speculative_sha").asText();
        assertThat(entry(q1).path("built_on_sha").asText()).isEqualTo(start);
        assertThat(entry(q2).path("built_on_sha").asText()).isEqualTo(spec1);
        assertThat(entry(q3).path("built_on_sha").asText()).isEqualTo(spec2);
        assertThat(entry(q2).path("state").asText()).isEqualTo("building");
        assertThat(entry(q2).path("position").asInt()).isEqualTo(2);
        assertThat(PullRequestGit.branch(f.appDir, "codara-merge-queue/main/pr-" + q2)).contains(spec2);
        assertThat(main()).isEqualTo(start);
        assertThat(parents(spec2)).containsExactly(spec1, pull(q2).headSha());

        // The direct merge is refused while main has a queue.
        assertThatThrownBy(() -> f.merger.merge(f.app.id(), q1, new io.codara.api.review.MergeRequest(
                MergeMethod.MERGE, null, null, null), new io.codara.api.security.Principal("alice", false, null)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("merge queue"));

        // CI: q2 breaks the build; the build of q3 (which holds q2) fails too, as it would.
        ci(spec1, CommitState.SUCCESS);
        ci(spec2, CommitState.FAILURE);
        ci(spec3, CommitState.FAILURE);
        move();

        assertThat(main()).isEqualTo(spec1);
        assertThat(pull(q1).merged()).isTrue();
        assertThat(pull(q1).mergeCommitSha()).isEqualTo(spec1);
        assertThat(entry(q1).path("state").asText()).isEqualTo("merged");
        assertThat(pull(q2).open()).isTrue();
        assertThat(entry(q2).path("state").asText()).isEqualTo("failed");
        assertThat(entry(q2).path("reason").asText()).contains("Required status check \"ci\" failed");
        assertThat(PullRequestGit.branch(f.appDir, "codara-merge-queue/main/pr-" + q2)).isEmpty();
        assertThat(PullRequestGit.branch(f.appDir, "codara-merge-queue/main/pr-" + q1)).isEmpty();
        // q3 is built again on what landed, without q2.
        String spec3again = entry(q3).path("speculative_sha").asText();
        assertThat(spec3again).isNotEqualTo(spec3);
        assertThat(entry(q3).path("built_on_sha").asText()).isEqualTo(spec1);
        assertThat(entry(q3).path("state").asText()).isEqualTo("building");
        assertThat(entry(q3).path("position").asInt()).isEqualTo(1);

        // Pending checks keep it waiting; green lands it.
        ci(spec3again, CommitState.PENDING);
        move();
        assertThat(main()).isEqualTo(spec1);
        ci(spec3again, CommitState.SUCCESS);
        move();
        assertThat(main()).isEqualTo(spec3again);
        assertThat(pull(q3).merged()).isTrue();
        assertThat(files(main())).contains("q1.txt", "q3.txt").doesNotContain("q2.txt");

        // main only ever pointed at the start and at commits whose required check passed on exactly them.
        assertThat(mainTips).containsExactly(start, spec1, spec3again);
        for (String tip : mainTips.subList(1, mainTips.size())) {
            assertThat(f.statuses.get(tip)).containsEntry("ci", CommitState.SUCCESS);
        }
        JsonNode listed = JSON.valueToTree(queueResource.get("alice", "app", "main", request(ALICE),
                uri("repos/alice/app/merge-queue/main")));
        assertThat(listed.path("merge_method").asText()).isEqualTo("merge");
        assertThat(listed.path("entries")).hasSize(3);
        assertThat(listed.path("entries").findValuesAsText("state")).containsOnly("merged", "failed");
    }

    @Test
    void aBatchLandsTogetherOnTheGreenBuildOfItsLastEntry() throws Exception {
        configure("merge_method", "squash", "batch_size", 2);
        String start = main();
        int q1 = open("q1");
        int q2 = open("q2");
        enqueue(q1);
        enqueue(q2);
        move();
        String spec1 = entry(q1).path("speculative_sha").asText();
        String spec2 = entry(q2).path("speculative_sha").asText();
        // Squashed: one parent each, chained.
        assertThat(parents(spec1)).containsExactly(start);
        assertThat(parents(spec2)).containsExactly(spec1);

        ci(spec2, CommitState.SUCCESS);
        move();
        assertThat(main()).isEqualTo(spec2);
        assertThat(pull(q1).merged()).isTrue();
        assertThat(pull(q2).merged()).isTrue();
    }

    @Test
    void checksThatNeverFinishEjectTheEntryAfterTheTimeout() throws Exception {
        configure("check_timeout_minutes", 30);
        int q1 = open("q1");
        enqueue(q1);
        move();
        assertThat(entry(q1).path("state").asText()).isEqualTo("building");
        clock.advance(Duration.ofMinutes(31));
        move();
        assertThat(entry(q1).path("state").asText()).isEqualTo("failed");
        assertThat(entry(q1).path("reason").asText()).contains("within 30 minutes");
        assertThat(pull(q1).open()).isTrue();
    }

    @Test
    void aPushToAQueuedHeadOrTheBaseIsFollowed() throws Exception {
        configure();
        int q1 = open("q1");
        int q2 = open("q2");
        enqueue(q1);
        enqueue(q2);
        move();
        String oldSpec2 = entry(q2).path("speculative_sha").asText();

        // New commits on q1's head: it leaves the queue, and q2 is built again without it.
        ReviewFixture.checkout(f.appWork, "q1");
        ReviewFixture.write(f.appWork, "q1.txt", "q1 again\n");
        RevCommit again = ReviewFixture.commit(f.appWork, "alice", "q1 again");
        ReviewFixture.checkout(f.appWork, "main");
        queue.handleEvent(new Event(Topics.PULL_REQUEST_SYNCHRONIZE, Map.of("repository_id", f.app.id(),
                "pull_request_id", pull(q1).id(), "base_ref", "main", "head_sha", again.name())));
        move();
        assertThat(entry(q1).path("state").asText()).isEqualTo("removed");
        assertThat(entry(q1).path("reason").asText()).contains("New commits");
        assertThat(entry(q2).path("built_on_sha").asText()).isEqualTo(main());
        assertThat(entry(q2).path("speculative_sha").asText()).isNotEqualTo(oldSpec2);

        // Someone pushes to main directly (an admin, say): q2 is built again on it.
        ReviewFixture.write(f.appWork, "direct.txt", "direct\n");
        RevCommit direct = ReviewFixture.commit(f.appWork, "alice", "Direct push");
        move();
        assertThat(entry(q2).path("built_on_sha").asText()).isEqualTo(direct.name());
    }

    @Test
    void whoMayQueueAndWhatKeepsAPullRequestOut() throws Exception {
        int q1 = open("q1");
        // No queue on main yet.
        assertThatThrownBy(() -> enqueue(q1)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(422));
        // Only admins configure it.
        assertThatThrownBy(() -> queueResource.configure("alice", "app", "main", Map.of(), request(CAROL)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
        configure("batch_size", 3);
        assertThatThrownBy(() -> configure("batch_size", 11)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(422));
        assertThatThrownBy(() -> configure("merge_method", "octopus")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(422));

        // Required approvals keep it out until given.
        f.rules.put("main", new ProtectionRule(new ProtectionRule.StatusChecks(false, List.of("ci")), false,
                new ProtectionRule.PullRequestReviews(1, false, false), null, false, false, false, false));
        assertThatThrownBy(() -> enqueue(q1)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(405);
            assertThat(e.getMessage()).contains("approving review");
        });
        f.approvals.put(pull(q1).id(), new PullRequestApprovals.ApprovalState(1, 1, false));
        // Outsiders may not queue; writers may.
        assertThatThrownBy(() -> pullResource.enqueue("alice", "app", q1, request(BOB),
                uri("repos/alice/app/pulls/" + q1 + "/merge-queue"))).isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.status()).isEqualTo(403));
        assertThat(pullResource.enqueue("alice", "app", q1, request(CAROL),
                uri("repos/alice/app/pulls/" + q1 + "/merge-queue")).getStatus()).isEqualTo(201);
        assertThatThrownBy(() -> enqueue(q1)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(422));
        // The author or a writer takes it out.
        assertThat(pullResource.dequeue("alice", "app", q1, request(ALICE)).getStatus()).isEqualTo(204);
        assertThat(entry(q1).path("state").asText()).isEqualTo("removed");
        assertThatThrownBy(() -> pullResource.dequeue("alice", "app", q1, request(ALICE)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        // A private repository's queue is a 404 to outsiders.
        assertThatThrownBy(() -> queueResource.get("alice", "secret", "main", request(BOB),
                uri("repos/alice/secret/merge-queue/main"))).isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.status()).isEqualTo(404));
        assertThat(queueResource.remove("alice", "app", "main", request(ALICE)).getStatus()).isEqualTo(204);
        assertThat(queue.settings(f.app.id(), "main")).isEmpty();
    }

    private List<String> parents(String sha) throws Exception {
        try (Git git = Git.open(f.appWork.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(sha));
            List<String> parents = new ArrayList<>();
            for (RevCommit parent : commit.getParents()) {
                parents.add(parent.name());
            }
            return parents;
        }
    }

    private List<String> files(String sha) throws Exception {
        try (Git git = Git.open(f.appWork.toFile()); RevWalk walk = new RevWalk(git.getRepository());
                org.eclipse.jgit.treewalk.TreeWalk tree = new org.eclipse.jgit.treewalk.TreeWalk(git.getRepository())) {
            tree.addTree(walk.parseCommit(ObjectId.fromString(sha)).getTree());
            tree.setRecursive(true);
            List<String> files = new ArrayList<>();
            while (tree.next()) {
                files.add(tree.getPathString());
            }
            return files;
        }
    }

    /** A clock the tests move. */
    private static final class MutableClock extends Clock {

        private Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
