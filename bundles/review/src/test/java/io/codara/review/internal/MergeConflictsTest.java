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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.rest.ApiException;
import io.codara.api.security.Principal;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull request's merge conflicts and their resolution in the browser, on a real PostgreSQL and real git
 * repositories: the conflicted files with diff3 markers and hunks, the merge commit a resolution writes on the head
 * branch (parents head and base, the resolved content), the pull request mergeable afterwards, and the refusals:
 * markers left, files missing or not conflicted, moved branches, conflicts too complex, callers who may not push.
 */
class MergeConflictsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private ReviewFixture f;
    private MergeConflictsResource resource;

    @BeforeEach
    void fixture() throws Exception {
        f = new ReviewFixture(root);
        PullRequestConflicts conflicts = new PullRequestConflicts(f.directories, f.branchUpdates, f.pulls, f.merger,
                f.accounts);
        resource = new MergeConflictsResource(f.access, f.reviewViews, conflicts);
        // main changes app.txt's first line, as "other" does: they conflict.
        write(f.appWork, "app.txt", "uno\ntwo\nthree\n");
        commit(f.appWork, "alice", "Uno");
    }

    @Test
    void theConflictedFilesAreListedWithDiff3MarkersHunksAndTheThreeCommits() throws Exception {
        checkout(f.appWork, "other");
        write(f.appWork, "app.txt", "ONE\ntwo\nthree\nfour\nfive\nsix\nSEVEN\n");
        commit(f.appWork, "alice", "Seven");
        checkout(f.appWork, "main");
        write(f.appWork, "app.txt", "uno\ntwo\nthree\nfour\nfive\nsix\nsiete\n");
        commit(f.appWork, "alice", "Siete");
        int number = open(ALICE, "other");
        String initial = commitOf(branch("other")).getParent(0).getParent(0).name();

        JsonNode conflicts = get(CAROL, number);
        assertThat(conflicts.path("conflicted").asBoolean()).isTrue();
        assertThat(conflicts.path("resolvable").asBoolean()).isTrue();
        assertThat(conflicts.path("viewer_can_resolve").asBoolean()).isTrue();
        assertThat(conflicts.path("head").path("sha").asText()).isEqualTo(branch("other"));
        assertThat(conflicts.path("base").path("sha").asText()).isEqualTo(branch("main"));
        assertThat(conflicts.path("merge_base_sha").asText()).isEqualTo(initial);
        JsonNode file = conflicts.path("files").get(0);
        assertThat(conflicts.path("files")).hasSize(1);
        assertThat(file.path("path").asText()).isEqualTo("app.txt");
        assertThat(file.path("status").asText()).isEqualTo("both_modified");
        assertThat(file.path("resolvable").asBoolean()).isTrue();
        assertThat(file.path("reason").isNull()).isTrue();
        String content = file.path("content").asText();
        assertThat(content).isEqualTo("<<<<<<< other\nONE\n||||||| base\none\n=======\nuno\n>>>>>>> main\n"
                + "two\nthree\nfour\nfive\nsix\n"
                + "<<<<<<< other\nSEVEN\n||||||| base\n=======\nsiete\n>>>>>>> main\n");
        JsonNode hunks = file.path("hunks");
        assertThat(hunks).hasSize(2);
        assertThat(hunks.get(0).path("start_line").asInt()).isEqualTo(1);
        assertThat(strings(hunks.get(0).path("ours"))).containsExactly("ONE");
        assertThat(strings(hunks.get(0).path("base"))).containsExactly("one");
        assertThat(strings(hunks.get(0).path("theirs"))).containsExactly("uno");
        assertThat(hunks.get(1).path("start_line").asInt()).isEqualTo(13);
        assertThat(strings(hunks.get(1).path("ours"))).containsExactly("SEVEN");
        assertThat(strings(hunks.get(1).path("base"))).isEmpty();
        assertThat(strings(hunks.get(1).path("theirs"))).containsExactly("siete");
        // Each hunk starts at its marker line of the merged text.
        List<String> lines = content.lines().toList();
        for (JsonNode hunk : hunks) {
            assertThat(lines.get(hunk.path("start_line").asInt() - 1)).isEqualTo("<<<<<<< other");
        }

        // A reader who may not push sees the conflicts but may not resolve them.
        assertThat(get(BOB, number).path("viewer_can_resolve").asBoolean()).isFalse();
        // A pull request that merges cleanly has none.
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.open(f.appWork.toFile())) {
            git.checkout().setCreateBranch(true).setName("clean").call();
        }
        write(f.appWork, "clean.txt", "no conflict\n");
        commit(f.appWork, "alice", "Clean");
        checkout(f.appWork, "main");
        JsonNode clean = get(CAROL, open(ALICE, "clean"));
        assertThat(clean.path("conflicted").asBoolean()).isFalse();
        assertThat(clean.path("files")).isEmpty();
    }

    @Test
    void aResolutionIsAMergeCommitOfHeadAndBaseOnTheHeadBranchAndThePullRequestBecomesMergeable() throws Exception {
        checkout(f.appWork, "other");
        write(f.appWork, "other.txt", "only on other\n");
        commit(f.appWork, "alice", "Other file");
        checkout(f.appWork, "main");
        write(f.appWork, "main.txt", "only on main\n");
        commit(f.appWork, "alice", "Main file");
        int number = open(ALICE, "other");
        f.runJobs();
        assertThat(pull(number).path("mergeable_state").asText()).isEqualTo("dirty");
        String head = branch("other");
        String base = branch("main");

        Response response = resolve(CAROL, number, "expected_head_sha", head, "expected_base_sha", base,
                "files", Map.of("app.txt", "ONE uno\ntwo\nthree\n"));
        assertThat(response.getStatus()).isEqualTo(201);
        JsonNode resolved = JSON.valueToTree(response.getEntity());
        String sha = resolved.path("sha").asText();
        assertThat(branch("other")).isEqualTo(sha);
        assertThat(resolved.path("message").asText()).isEqualTo("Merge branch 'main' into other");
        assertThat(strings(resolved.path("parents"))).containsExactly(head, base);
        RevCommit commit = commitOf(sha);
        assertThat(Arrays.stream(commit.getParents()).map(RevCommit::name)).containsExactly(head, base);
        assertThat(commit.getAuthorIdent().getName()).isEqualTo("carol");
        assertThat(commit.getAuthorIdent().getEmailAddress()).isEqualTo("3+carol@users.noreply.codara");
        assertThat(commit.getCommitterIdent().getName()).isEqualTo("carol");
        assertThat(commit.getFullMessage()).isEqualTo("Merge branch 'main' into other\n");
        assertThat(file(sha, "app.txt")).isEqualTo("ONE uno\ntwo\nthree\n");
        assertThat(file(sha, "other.txt")).isEqualTo("only on other\n");
        assertThat(file(sha, "main.txt")).isEqualTo("only on main\n");
        assertThat(f.moves).containsExactly(f.app.id() + " other " + head + " " + sha + " carol");

        // The pull request follows its new head, and its mergeability is computed again.
        assertThat(pull(number).path("head").path("sha").asText()).isEqualTo(sha);
        f.runJobs();
        JsonNode after = pull(number);
        assertThat(after.path("mergeable").asBoolean()).isTrue();
        assertThat(after.path("mergeable_state").asText()).isEqualTo("clean");
        assertThat(get(CAROL, number).path("conflicted").asBoolean()).isFalse();
        // Nothing left to resolve.
        assertThat(failure(() -> resolve(CAROL, number, "expected_head_sha", sha, "files",
                Map.of("app.txt", "x\n"))).status()).isEqualTo(422);
    }

    @Test
    void markersLeftMissingFilesAndFilesThatDoNotConflictAreRefused() throws Exception {
        checkout(f.appWork, "other");
        write(f.appWork, "second.txt", "other's\n");
        commit(f.appWork, "alice", "Second on other");
        checkout(f.appWork, "main");
        write(f.appWork, "second.txt", "main's\n");
        commit(f.appWork, "alice", "Second on main");
        int number = open(ALICE, "other");
        String head = branch("other");
        JsonNode conflicts = get(CAROL, number);
        assertThat(conflicts.path("files").findValuesAsText("path")).containsExactly("app.txt", "second.txt");
        assertThat(conflicts.path("files").get(1).path("status").asText()).isEqualTo("both_added");

        ApiException markers = failure(() -> resolve(CAROL, number, "expected_head_sha", head, "files",
                Map.of("app.txt", conflicts.path("files").get(0).path("content").asText(), "second.txt", "both\n")));
        assertThat(markers.status()).isEqualTo(422);
        assertThat(markers.getMessage()).isEqualTo("app.txt still contains conflict markers (line 1). Resolve every"
                + " conflict before committing.");
        ApiException closing = failure(() -> resolve(CAROL, number, "expected_head_sha", head, "files",
                Map.of("app.txt", "one\ntwo\n>>>>>>> main\n", "second.txt", "both\n")));
        assertThat(closing.getMessage()).contains("line 3");
        ApiException missing = failure(() -> resolve(CAROL, number, "expected_head_sha", head, "files",
                Map.of("app.txt", "uno\ntwo\nthree\n")));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.getMessage()).isEqualTo("Every conflicted file must be resolved; not resolved: second.txt.");
        ApiException extra = failure(() -> resolve(CAROL, number, "expected_head_sha", head, "files",
                Map.of("app.txt", "uno\n", "second.txt", "both\n", "README.md", "# changed\n")));
        assertThat(extra.status()).isEqualTo(422);
        assertThat(extra.getMessage()).isEqualTo("README.md is not a conflicted file of this pull request.");
        ApiException noHead = failure(() -> resolve(CAROL, number, "files", Map.of("app.txt", "uno\n")));
        assertThat(noHead.status()).isEqualTo(422);
        assertThat(branch("other")).isEqualTo(head);
        assertThat(f.moves).isEmpty();

        // "=======" alone is text (a heading underline, say), not a conflict.
        String sha = JSON.valueToTree(resolve(CAROL, number, "expected_head_sha", head, "files",
                Map.of("app.txt", "uno\n=======\n", "second.txt", "both\n")).getEntity()).path("sha").asText();
        assertThat(file(sha, "app.txt")).isEqualTo("uno\n=======\n");
        assertThat(file(sha, "second.txt")).isEqualTo("both\n");
    }

    @Test
    void aMovedHeadOrBaseIsAConflictOfItsOwn() throws Exception {
        int number = open(ALICE, "other");
        String head = branch("other");
        String base = branch("main");
        checkout(f.appWork, "other");
        write(f.appWork, "later.txt", "pushed meanwhile\n");
        commit(f.appWork, "alice", "Later");
        checkout(f.appWork, "main");
        ApiException moved = failure(() -> resolve(CAROL, number, "expected_head_sha", head, "files",
                Map.of("app.txt", "uno\n")));
        assertThat(moved.status()).isEqualTo(409);
        assertThat(moved.getMessage()).isEqualTo("Head branch was modified. Reload the conflicts and resolve them"
                + " again.");

        write(f.appWork, "README.md", "# app, moved on\n");
        commit(f.appWork, "alice", "Base moves");
        ApiException baseMoved = failure(() -> resolve(CAROL, number, "expected_head_sha", branch("other"),
                "expected_base_sha", base, "files", Map.of("app.txt", "uno\n")));
        assertThat(baseMoved.status()).isEqualTo(409);
        assertThat(f.moves).isEmpty();
    }

    @Test
    void onlyThoseWhoMayPushToTheHeadBranchResolveAndPrivateRepositoriesStayHidden() throws Exception {
        int number = open(ALICE, "other");
        String head = branch("other");
        ApiException reader = failure(() -> resolve(BOB, number, "expected_head_sha", head, "files",
                Map.of("app.txt", "uno\n")));
        assertThat(reader.status()).isEqualTo(403);
        ApiException anonymous = failure(() -> resolve(Principal.ANONYMOUS, number, "expected_head_sha", head,
                "files", Map.of("app.txt", "uno\n")));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(get(Principal.ANONYMOUS, number).path("viewer_can_resolve").asBoolean()).isFalse();

        Response secret = f.resource.open("alice", "secret", body("title", "Topic", "head", "topic", "base", "main"),
                request(ALICE), uri("repos/alice/secret/pulls"));
        int hidden = JSON.valueToTree(secret.getEntity()).path("number").asInt();
        assertThat(failure(() -> resource.list("alice", "secret", hidden, request(BOB),
                uri("repos/alice/secret/pulls/" + hidden + "/merge-conflicts"))).status()).isEqualTo(404);
        assertThat(failure(() -> resource.resolve("alice", "secret", hidden, body("expected_head_sha", "x",
                "files", Map.of("s.txt", "t\n")), request(BOB), uri("repos/alice/secret/pulls/" + hidden
                + "/merge-conflicts/resolution"))).status()).isEqualTo(404);
        assertThat(branch("other")).isEqualTo(head);
    }

    @Test
    void modifyDeleteAndBinaryConflictsAreListedAsTooComplexForTheWebEditor() throws Exception {
        checkout(f.appWork, "other");
        Files.delete(f.appWork.resolve("README.md"));
        Files.write(f.appWork.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});
        commit(f.appWork, "alice", "Drop the README, a logo");
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.open(f.appWork.toFile())) {
            git.rm().addFilepattern("README.md").call();
            git.commit().setMessage("rm\n").setSign(false).call();
        }
        checkout(f.appWork, "main");
        write(f.appWork, "README.md", "# app, edited\n");
        Files.write(f.appWork.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 9, 9});
        commit(f.appWork, "alice", "Edit the README, another logo");
        int number = open(ALICE, "other");

        JsonNode conflicts = get(CAROL, number);
        assertThat(conflicts.path("resolvable").asBoolean()).isFalse();
        Map<String, JsonNode> files = new HashMap<>();
        conflicts.path("files").forEach(file -> files.put(file.path("path").asText(), file));
        assertThat(files.keySet()).containsExactlyInAnyOrder("README.md", "app.txt", "logo.png");
        assertThat(files.get("README.md").path("status").asText()).isEqualTo("deleted_by_head");
        assertThat(files.get("README.md").path("resolvable").asBoolean()).isFalse();
        assertThat(files.get("README.md").path("reason").asText()).contains("deleted on one branch");
        assertThat(files.get("logo.png").path("status").asText()).isEqualTo("binary");
        assertThat(files.get("logo.png").path("reason").asText()).isEqualTo("Binary files can't be resolved in the"
                + " web editor.");
        assertThat(files.get("logo.png").path("content").isNull()).isTrue();
        assertThat(files.get("app.txt").path("resolvable").asBoolean()).isTrue();

        ApiException complex = failure(() -> resolve(CAROL, number, "expected_head_sha", branch("other"), "files",
                Map.of("app.txt", "uno\n", "README.md", "# app\n", "logo.png", "x")));
        assertThat(complex.status()).isEqualTo(422);
        assertThat(complex.getMessage()).startsWith("These conflicts are too complex to resolve in the web editor");
    }

    @Test
    void aForksHeadBranchIsResolvedInTheForkByItsOwnerOrByMaintainersWhenAllowed() throws Exception {
        Response opened = f.resource.open("alice", "app", body("title", "Zero", "head", "bob:patch", "base", "main",
                "maintainer_can_modify", false), request(BOB), uri("repos/alice/app/pulls"));
        int number = JSON.valueToTree(opened.getEntity()).path("number").asInt();
        String patch = PullRequestGit.branch(f.forkDir, "patch").orElseThrow();
        JsonNode conflicts = get(BOB, number);
        assertThat(conflicts.path("conflicted").asBoolean()).isTrue();
        assertThat(conflicts.path("head").path("repo").asText()).isEqualTo("bob/app");
        assertThat(conflicts.path("files").get(0).path("content").asText()).startsWith("<<<<<<< patch\n");
        assertThat(conflicts.path("files").get(0).path("content").asText()).contains(">>>>>>> main\n");
        // Alice writes to the base only; bob did not let maintainers modify his branch.
        assertThat(get(ALICE, number).path("viewer_can_resolve").asBoolean()).isFalse();
        assertThat(failure(() -> resolve(ALICE, number, "expected_head_sha", patch, "files",
                Map.of("app.txt", "zero\nuno\ntwo\nthree\n"))).status()).isEqualTo(403);

        String sha = JSON.valueToTree(resolve(BOB, number, "expected_head_sha", patch, "files",
                Map.of("app.txt", "zero\nuno\ntwo\nthree\n")).getEntity()).path("sha").asText();
        assertThat(PullRequestGit.branch(f.forkDir, "patch")).contains(sha);
        try (org.eclipse.jgit.lib.Repository fork = PullRequestGit.open(f.forkDir, null);
                RevWalk walk = new RevWalk(fork)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(sha));
            assertThat(Arrays.stream(commit.getParents()).map(RevCommit::name)).containsExactly(patch, branch("main"));
            assertThat(commit.getFullMessage()).isEqualTo("Merge branch 'main' of alice/app into patch\n");
            TreeWalk tree = TreeWalk.forPath(fork, "app.txt", commit.getTree());
            assertThat(new String(fork.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("zero\nuno\ntwo\nthree\n");
        }
        assertThat(f.moves).containsExactly(f.fork.id() + " patch " + patch + " " + sha + " bob");
        f.runJobs();
        assertThat(pull(number).path("mergeable").asBoolean()).isTrue();
    }

    @Test
    void aFileWithCrlfLineEndingsKeepsThemWhenTheBrowserSendsLf() throws Exception {
        checkout(f.appWork, "other");
        write(f.appWork, "win.txt", "a\r\nHEAD\r\nc\r\n");
        commit(f.appWork, "alice", "Windows file on other");
        checkout(f.appWork, "main");
        write(f.appWork, "win.txt", "a\r\nBASE\r\nc\r\n");
        commit(f.appWork, "alice", "Windows file on main");
        int number = open(ALICE, "other");
        JsonNode win = null;
        for (JsonNode file : get(CAROL, number).path("files")) {
            if (file.path("path").asText().equals("win.txt")) {
                win = file;
            }
        }
        assertThat(win).isNotNull();
        // Added on both sides: JGit merges against an empty base, keeping the lines both have outside the conflict.
        assertThat(win.path("status").asText()).isEqualTo("both_added");
        assertThat(win.path("content").asText()).isEqualTo("a\r\n<<<<<<< other\r\nHEAD\r\n||||||| base\r\n"
                + "=======\r\nBASE\r\n>>>>>>> main\r\nc\r\n");
        assertThat(win.path("hunks").get(0).path("start_line").asInt()).isEqualTo(2);
        assertThat(strings(win.path("hunks").get(0).path("ours"))).containsExactly("HEAD");
        assertThat(strings(win.path("hunks").get(0).path("theirs"))).containsExactly("BASE");

        String sha = JSON.valueToTree(resolve(CAROL, number, "expected_head_sha", branch("other"), "files",
                Map.of("app.txt", "uno\n", "win.txt", "a\nHEAD BASE\nc\n")).getEntity()).path("sha").asText();
        assertThat(file(sha, "win.txt")).isEqualTo("a\r\nHEAD BASE\r\nc\r\n");
        assertThat(file(sha, "app.txt")).isEqualTo("uno\n");
    }

    @Test
    void theMarkerCheckFindsGitsMarkersOnly() {
        assertThat(PullRequestConflicts.markerLine("a\nb\n")).isZero();
        assertThat(PullRequestConflicts.markerLine("a\n<<<<<<< HEAD\nb\n")).isEqualTo(2);
        assertThat(PullRequestConflicts.markerLine("a\r\n|||||||\r\n")).isEqualTo(2);
        assertThat(PullRequestConflicts.markerLine("=======\n<<<<<<<< eight\n>>>>>>>x\n")).isZero();
    }

    private int open(Principal who, String head) {
        Response response = f.resource.open("alice", "app", body("title", "Pull " + head, "head", head, "base",
                "main"), request(who), uri("repos/alice/app/pulls"));
        assertThat(response.getStatus()).isEqualTo(201);
        return JSON.valueToTree(response.getEntity()).path("number").asInt();
    }

    private JsonNode get(Principal who, int number) {
        return JSON.valueToTree(resource.list("alice", "app", number, request(who),
                uri("repos/alice/app/pulls/" + number + "/merge-conflicts")));
    }

    private Response resolve(Principal who, int number, Object... pairs) {
        return resource.resolve("alice", "app", number, body(pairs), request(who),
                uri("repos/alice/app/pulls/" + number + "/merge-conflicts/resolution"));
    }

    private JsonNode pull(int number) {
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
            for (RevCommit parent : commit.getParents()) {
                walk.parseBody(parent);
            }
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

    private static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
