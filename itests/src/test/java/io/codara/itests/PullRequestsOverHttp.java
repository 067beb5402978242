package io.codara.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Pull requests (issue 7) over HTTP in the booted distribution, run by {@link DistributionIT}: {@code prauthor}
 * pushes branches to {@code prauthor/prapp} with the real git CLI and opens pull requests in GitHub's REST shapes;
 * their mergeability is computed in the background. Built once per boot.
 */
final class PullRequestsOverHttp {

    private static final String PASSWORD = " password 12345";
    private static PullRequestsOverHttp instance;

    private final Http http;
    private final Path work;
    private final String token;
    /** The site administrator's credentials, asked when used: another test may change its password meanwhile. */
    private final IdentityAndAccess identity;

    private PullRequestsOverHttp(Http http, IdentityAndAccess identity) {
        this.http = http;
        this.identity = identity;
        String admin = identity.siteAdmin();
        expect(201, http.send("POST", "/api/v3/admin/users", "application/json", "{\"login\":\"prauthor\","
                + "\"email\":\"prauthor@example.com\",\"password\":\"prauthor" + PASSWORD + "\"}", "Authorization", admin),
                "create prauthor");
        expect(201, send("POST", "/api/v3/user/repos", "{\"name\":\"prapp\",\"auto_init\":true}"), "create prapp");
        token = expect(201, send("POST", "/api/v3/user/tokens", "{\"name\":\"git\",\"scopes\":[\"repo:write\"]}"),
                "token").path("token").asText();
        try {
            work = Files.createTempDirectory("pull-requests-over-http");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized PullRequestsOverHttp on(Http http, IdentityAndAccess identity) {
        if (instance == null) {
            instance = new PullRequestsOverHttp(http, identity);
        }
        return instance;
    }

    /**
     * Two branches pushed with git: one adds a file (its pull request lists, shows its commit and patch, and becomes
     * mergeable), one rewrites the README that main changed too (its pull request becomes unmergeable); a push to a
     * head moves the pull request.
     */
    void openListAndMergeability() throws InterruptedException {
        Path clone = work.resolve("clone");
        git(work, "clone", GitCli.url(http, token, "prauthor/prapp"), clone.toString()).ok();
        String base = git(clone, "rev-parse", "HEAD").ok().out().strip();
        git(clone, "checkout", "-q", "-b", "feature").ok();
        String feature = cli().commit(clone, "feature.txt", "a feature\n");
        git(clone, "checkout", "-q", "-b", "clash", base).ok();
        cli().commit(clone, "README.md", "the clash's README\n");
        git(clone, "checkout", "-q", "main").ok();
        cli().commit(clone, "README.md", "main's README\n");
        git(clone, "push", "-q", "origin", "main", "feature", "clash").ok();

        JsonNode opened = expect(201, send("POST", "/api/v3/repos/prauthor/prapp/pulls",
                "{\"title\":\"Add a feature\",\"body\":\"Please.\",\"head\":\"feature\",\"base\":\"main\"}"), "open");
        int number = opened.path("number").asInt();
        assertEquals("open", opened.path("state").asText());
        assertEquals("prauthor", opened.path("user").path("login").asText());
        assertEquals(feature, opened.path("head").path("sha").asText());
        assertEquals(http.base() + "/api/v3/repos/prauthor/prapp/pulls/" + number, opened.path("url").asText());
        assertEquals(422, send("POST", "/api/v3/repos/prauthor/prapp/pulls",
                "{\"title\":\"Again\",\"head\":\"feature\",\"base\":\"main\"}").statusCode());
        assertEquals(422, send("POST", "/api/v3/repos/prauthor/prapp/pulls",
                "{\"title\":\"Nothing\",\"head\":\"main\",\"base\":\"main\"}").statusCode());

        JsonNode listed = expect(200, send("GET", "/api/v3/repos/prauthor/prapp/pulls?state=open&base=main", null), "list");
        assertEquals(1, listed.size());
        assertEquals(number, listed.path(0).path("number").asInt());
        JsonNode commits = expect(200, send("GET", "/api/v3/repos/prauthor/prapp/pulls/" + number + "/commits", null),
                "commits");
        assertEquals(1, commits.size());
        assertEquals(feature, commits.path(0).path("sha").asText());
        assertEquals("change feature.txt", commits.path(0).path("commit").path("message").asText());
        JsonNode files = expect(200, send("GET", "/api/v3/repos/prauthor/prapp/pulls/" + number + "/files", null), "files");
        assertEquals(1, files.size());
        assertEquals("feature.txt", files.path(0).path("filename").asText());
        assertEquals("added", files.path(0).path("status").asText());
        assertEquals("@@ -0,0 +1 @@\n+a feature", files.path(0).path("patch").asText());
        assertEquals(true, mergeable(number).asBoolean());
        assertEquals("clean", pull(number).path("mergeable_state").asText());

        JsonNode clash = expect(201, send("POST", "/api/v3/repos/prauthor/prapp/pulls",
                "{\"title\":\"Clash\",\"head\":\"prauthor:clash\",\"base\":\"main\"}"), "open clash");
        JsonNode conflicting = mergeable(clash.path("number").asInt());
        assertEquals(false, conflicting.asBoolean(true));
        assertEquals("dirty", pull(clash.path("number").asInt()).path("mergeable_state").asText());

        git(clone, "checkout", "-q", "feature").ok();
        String more = cli().commit(clone, "feature.txt", "a feature, improved\n");
        git(clone, "push", "-q", "origin", "feature").ok();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!more.equals(pull(number).path("head").path("sha").asText()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(more, pull(number).path("head").path("sha").asText());
        assertEquals(true, mergeable(number).asBoolean());

        JsonNode closed = expect(200, send("PATCH", "/api/v3/repos/prauthor/prapp/pulls/" + number,
                "{\"state\":\"closed\"}"), "close");
        assertEquals("closed", closed.path("state").asText());
        assertEquals(404, send("GET", "/api/v3/repos/prauthor/prapp/pulls/" + number + "/merge", null).statusCode());
        assertTrue(expect(200, send("GET", "/api/v3/repos/prauthor/prapp/pulls?state=closed", null), "closed list")
                .path(0).path("number").asInt() == number);
    }

    /**
     * Reviews with octokit (issue: reviews): {@code prreviewer} reviews a pull request with two inline comments, one
     * a suggested change; {@code prauthor} replies, resolves the thread and applies the suggestion, which commits to
     * the head branch; {@code prreviewer} approves; both react and talk in the conversation.
     */
    void reviewsWithOctokit(Path scripts) throws InterruptedException {
        expect(201, http.send("POST", "/api/v3/admin/users", "application/json", "{\"login\":\"prreviewer\","
                + "\"email\":\"prreviewer@example.com\",\"password\":\"prreviewer" + PASSWORD + "\"}",
                "Authorization", identity.siteAdmin()), "create prreviewer");
        String reviewerToken = expect(201, http.send("POST", "/api/v3/user/tokens", "application/json",
                "{\"name\":\"octokit\",\"scopes\":[\"repo:write\"]}", "Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(("prreviewer:prreviewer" + PASSWORD)
                                .getBytes(StandardCharsets.UTF_8))), "reviewer token").path("token").asText();
        // A repository of its own, so that the other pull request tests see only theirs.
        expect(201, send("POST", "/api/v3/user/repos", "{\"name\":\"prreviewed\",\"auto_init\":true}"),
                "create prreviewed");
        Path clone = work.resolve("review-clone");
        git(work, "clone", GitCli.url(http, token, "prauthor/prreviewed"), clone.toString()).ok();
        git(clone, "checkout", "-q", "-b", "review-me").ok();
        String first = cli().commit(clone, "lines.txt", "a\nb\nc\n");
        git(clone, "push", "-q", "origin", "review-me").ok();
        int number = expect(201, send("POST", "/api/v3/repos/prauthor/prreviewed/pulls",
                "{\"title\":\"Some lines\",\"head\":\"review-me\",\"base\":\"main\"}"), "open review-me")
                .path("number").asInt();

        OctokitScript.Result result = OctokitScript.run(scripts, "reviews.mjs", java.util.Map.of(
                "CODARA_API", http.base() + "/api/v3", "CODARA_OWNER", "prauthor", "CODARA_REPO", "prreviewed",
                "CODARA_PULL", Integer.toString(number), "CODARA_BRANCH", "review-me", "AUTHOR_TOKEN", token,
                "REVIEWER_TOKEN", reviewerToken));
        JsonNode seen = result.seen();
        String out = result.output();
        assertEquals(out, "COMMENTED", seen.path("review").path("state").asText());
        assertEquals(out, "prreviewer", seen.path("review").path("user").asText());
        assertEquals(out, "[{\"path\":\"lines.txt\",\"line\":2,\"start_line\":null,\"side\":\"RIGHT\","
                + "\"position\":2,\"review\":true},{\"path\":\"lines.txt\",\"line\":3,\"start_line\":1,"
                + "\"side\":\"RIGHT\",\"position\":3,\"review\":true}]", seen.path("comments").toString());
        assertEquals(out, 422, seen.path("outsideTheDiff").asInt());
        assertEquals(out, "{\"in_reply_to_id\":true,\"line\":3,\"user\":\"prauthor\"}", seen.path("reply").toString());
        assertEquals(out, "{\"resolved\":true,\"by\":\"prauthor\"}", seen.path("resolved").toString());
        String applied = seen.path("applied").asText();
        assertTrue(out, applied.matches("[0-9a-f]{40}"));
        assertEquals(out, applied, seen.path("branch").asText());
        assertEquals(out, "a\nB\nc\n", seen.path("file").asText());
        assertTrue(out, seen.path("afterApply").isNull());
        assertEquals(out, 409, seen.path("applyAgain").asInt());
        assertEquals(out, "APPROVED", seen.path("approval").asText());
        assertEquals(out, 422, seen.path("selfApproval").asInt());
        // The reply is a review of its own (COMMENTED, by the author), as on GitHub.
        assertEquals(out, "[\"COMMENTED\",\"COMMENTED\",\"APPROVED\"]", seen.path("reviews").toString());
        assertEquals(out, "PENDING", seen.path("pending").asText());
        assertEquals(out, false, seen.path("pendingSeenByAuthor").asBoolean(true));
        assertEquals(out, "COMMENTED", seen.path("submitted").asText());
        assertEquals(out, 422, seen.path("badReaction").asInt());
        assertEquals(out, "[\"prauthor:Thanks!:1\"]", seen.path("issueComments").toString());
        assertEquals(out, "[\"prreviewer:heart\"]", seen.path("commentReactions").toString());
        assertEquals(out, applied, seen.path("pull").path("head").asText());
        assertEquals(out, 1, seen.path("pull").path("comments").asInt());
        assertEquals(out, 4, seen.path("pull").path("review_comments").asInt());
        assertEquals(out, 1, seen.path("pull").path("hooray").asInt());

        // The suggestion's commit is a real commit on the branch, after the pushed one, by the author.
        git(clone, "pull", "-q", "origin", "review-me").ok();
        assertEquals(applied, git(clone, "rev-parse", "HEAD").ok().out().strip());
        assertEquals(first, git(clone, "rev-parse", "HEAD^").ok().out().strip());
        assertEquals("prauthor Apply the reviewer's suggestion", git(clone, "log", "-1", "--format=%an %s").ok().out()
                .strip());
    }

    /**
     * Commit comments (issue 7.7): on a commit pushed with the real git, octokit comments on a changed line and on the
     * whole commit as another user, lists them, is refused a line outside the diff and a file the commit did not
     * change, edits and deletes its own; the owner reacts.
     */
    void commitCommentsWithOctokit(Path scripts) {
        expect(201, http.send("POST", "/api/v3/admin/users", "application/json", "{\"login\":\"ccreader\","
                + "\"email\":\"ccreader@example.com\",\"password\":\"ccreader" + PASSWORD + "\"}",
                "Authorization", identity.siteAdmin()), "create ccreader");
        String readerToken = expect(201, http.send("POST", "/api/v3/user/tokens", "application/json",
                "{\"name\":\"octokit\",\"scopes\":[\"repo:write\"]}", "Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(("ccreader:ccreader" + PASSWORD)
                                .getBytes(StandardCharsets.UTF_8))), "reader token").path("token").asText();
        // A repository of its own, so that no other test sees its comments.
        expect(201, send("POST", "/api/v3/user/repos", "{\"name\":\"commented\",\"auto_init\":true}"),
                "create commented");
        Path clone = work.resolve("commented-clone");
        git(work, "clone", GitCli.url(http, token, "prauthor/commented"), clone.toString()).ok();
        String sha = cli().commit(clone, "lines.txt", "a\nb\nc\n");
        git(clone, "push", "-q", "origin", "HEAD:main").ok();

        OctokitScript.Result result = OctokitScript.run(scripts, "commit-comments.mjs", java.util.Map.of(
                "CODARA_API", http.base() + "/api/v3", "CODARA_OWNER", "prauthor", "CODARA_REPO", "commented",
                "CODARA_SHA", sha, "OWNER_TOKEN", token, "READER_TOKEN", readerToken));
        JsonNode seen = result.seen();
        String out = result.output();
        assertEquals(out, 201, seen.path("created").path("status").asInt());
        assertEquals(out, "lines.txt", seen.path("created").path("path").asText());
        assertEquals(out, 2, seen.path("created").path("line").asInt());
        assertEquals(out, 2, seen.path("created").path("position").asInt());
        assertEquals(out, sha, seen.path("created").path("commit_id").asText());
        assertEquals(out, "ccreader", seen.path("created").path("user").asText());
        assertEquals(out, "CONTRIBUTOR", seen.path("created").path("association").asText());
        assertTrue(out, seen.path("created").path("html_url").asText().contains("/prauthor/commented/commit/" + sha
                + "#commitcomment-"));
        assertEquals(out, "{\"path\":null,\"line\":null,\"position\":null}", seen.path("whole").toString());
        assertEquals(out, 422, seen.path("outsideTheDiff").asInt());
        assertEquals(out, 422, seen.path("notAFile").asInt());
        assertEquals(out, "[\"ccreader:lines.txt:2:Why b?\",\"ccreader:null:null:Nice commit\"]",
                seen.path("listed").toString());
        assertEquals(out, "{\"status\":201,\"content\":\"rocket\",\"user\":\"prauthor\"}",
                seen.path("reaction").toString());
        assertEquals(out, 422, seen.path("badReaction").asInt());
        assertEquals(out, "[\"prauthor:rocket\"]", seen.path("reactions").toString());
        assertEquals(out, 1, seen.path("rollup").path("rocket").asInt());
        assertEquals(out, 1, seen.path("rollup").path("total_count").asInt());
        assertEquals(out, "Why b, really?", seen.path("edited").asText());
        assertEquals(out, 204, seen.path("deleted").asInt());
        assertEquals(out, "[\"Why b, really?\"]", seen.path("repository").toString());
    }

    /**
     * Merging (issue: merge): a required status check on main (enforced for admins too) blocks the pull request,
     * GET shows why, the merge is refused with 405; octokit posts the status and squash-merges; the real git client
     * sees one new commit on main with the pull request's changes, authored by its author, and the head branch is
     * gone because the repository deletes merged branches.
     */
    void requiredStatusBlocksThenOctokitSquashMerges() throws InterruptedException {
        Path clone = work.resolve("merge-clone");
        git(work, "clone", GitCli.url(http, token, "prauthor/prapp"), clone.toString()).ok();
        String before = git(clone, "rev-parse", "HEAD").ok().out().strip();
        git(clone, "checkout", "-q", "-b", "squashme").ok();
        cli().commit(clone, "one.txt", "one\n");
        cli().commit(clone, "two.txt", "two\n");
        git(clone, "push", "-q", "origin", "squashme").ok();
        expect(200, send("PATCH", "/api/v3/repos/prauthor/prapp", "{\"delete_branch_on_merge\":true}"), "settings");
        expect(200, send("PUT", "/api/v3/repos/prauthor/prapp/branches/main/protection",
                "{\"required_status_checks\":{\"strict\":true,\"contexts\":[\"ci/merge\"]},\"enforce_admins\":true,"
                        + "\"required_pull_request_reviews\":null,\"restrictions\":null}"), "protect main");
        try {
            mergeSquashMe(before);
        } finally {
            // Other methods of this class push to main.
            expect(204, send("DELETE", "/api/v3/repos/prauthor/prapp/branches/main/protection", null), "unprotect");
        }
    }

    private void mergeSquashMe(String before) throws InterruptedException {
        int number = expect(201, send("POST", "/api/v3/repos/prauthor/prapp/pulls",
                "{\"title\":\"Two files\",\"head\":\"squashme\",\"base\":\"main\"}"), "open").path("number").asInt();
        assertEquals(true, mergeable(number).asBoolean());
        JsonNode blocked = pull(number);
        assertEquals(blocked.toString(), "blocked", blocked.path("mergeable_state").asText());
        assertEquals("[\"Required status check \\\"ci/merge\\\" is expected.\"]",
                blocked.path("merge_requirements").toString());
        HttpResponse<String> refused = send("PUT", "/api/v3/repos/prauthor/prapp/pulls/" + number + "/merge",
                "{\"merge_method\":\"squash\"}");
        assertEquals(refused.body(), 405, refused.statusCode());
        assertEquals("Required status check \"ci/merge\" is expected.", Http.json(refused).path("message").asText());

        OctokitScript.Result octokit = OctokitScript.run(Path.of(System.getProperty("codara.octokit.dir")), "merge.mjs",
                java.util.Map.of("CODARA_API", http.base() + "/api/v3", "CODARA_TOKEN", token, "CODARA_OWNER", "prauthor",
                        "CODARA_REPO", "prapp", "CODARA_PULL", String.valueOf(number), "CODARA_CONTEXT", "ci/merge"));
        JsonNode seen = octokit.seen();
        String out = octokit.output();
        assertEquals(out, "blocked", seen.path("before").path("mergeable_state").asText());
        assertEquals(out, 405, seen.path("refused").path("status").asInt());
        assertEquals(out, "clean", seen.path("after").asText());
        assertEquals(out, true, seen.path("merged").path("merged").asBoolean());
        assertEquals(out, "Pull Request successfully merged", seen.path("merged").path("message").asText());
        assertEquals(out, 204, seen.path("checked").asInt());
        assertEquals(out, "closed", seen.path("closed").path("state").asText());
        assertEquals(out, "prauthor", seen.path("closed").path("merged_by").asText());
        String squashed = seen.path("merged").path("sha").asText();
        assertEquals(out, squashed, seen.path("closed").path("merge_commit_sha").asText());

        // The real git client sees one new commit on main, with both files, by the pull request's author.
        Path check = work.resolve("merge-check");
        git(work, "clone", "-q", GitCli.url(http, token, "prauthor/prapp"), check.toString()).ok();
        assertEquals(squashed, git(check, "rev-parse", "HEAD").ok().out().strip());
        assertEquals(before, git(check, "rev-parse", "HEAD^").ok().out().strip());
        assertEquals("1", git(check, "rev-list", "--count", before + "..HEAD").ok().out().strip());
        assertEquals("Squashed by octokit|prauthor@example.com", git(check, "log", "-1", "--format=%s|%ae").ok().out().strip());
        assertEquals("one.txt\ntwo.txt", git(check, "show", "--name-only", "--format=", "HEAD").ok().out().strip());
        // The head branch was deleted on merge.
        assertEquals("", git(check, "ls-remote", "--heads", "origin", "squashme").ok().out().strip());
    }

    /**
     * Each merge method's history, as the real git client sees it, in {@code prauthor/histapp}: a pull request from
     * {@code prforker}'s fork merged with a merge commit (two parents, the fork's commit the second, its objects
     * copied into the base repository), a two-commit branch rebased (a linear history of new commits on top of main
     * with the same messages and author), and a stack: the pull request based on another one's branch is retargeted
     * to main when that one merges, then merges itself.
     */
    void mergeMethodsForkAndStack() throws InterruptedException {
        expect(201, send("POST", "/api/v3/user/repos", "{\"name\":\"histapp\",\"auto_init\":true}"), "create histapp");
        expect(201, http.send("POST", "/api/v3/admin/users", "application/json", "{\"login\":\"prforker\","
                + "\"email\":\"prforker@example.com\",\"password\":\"prforker" + PASSWORD + "\"}", "Authorization",
                identity.siteAdmin()), "create prforker");
        String forker = "Basic " + Base64.getEncoder().encodeToString(("prforker:prforker" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        String forkerToken = expect(201, http.send("POST", "/api/v3/user/tokens", "application/json",
                "{\"name\":\"git\",\"scopes\":[\"repo:write\"]}", "Authorization", forker), "token").path("token").asText();
        expect(202, http.send("POST", "/api/v3/repos/prauthor/histapp/forks", "application/json", "{}",
                "Authorization", forker), "fork");

        // From a fork, merged with a merge commit.
        Path fork = work.resolve("hist-fork");
        git(work, "clone", GitCli.url(http, forkerToken, "prforker/histapp"), fork.toString()).ok();
        git(fork, "checkout", "-q", "-b", "topic").ok();
        String topic = cli().commit(fork, "topic.txt", "from the fork\n");
        git(fork, "push", "-q", "origin", "topic").ok();
        JsonNode fromFork = expect(201, http.send("POST", "/api/v3/repos/prauthor/histapp/pulls", "application/json",
                "{\"title\":\"From my fork\",\"head\":\"prforker:topic\",\"base\":\"main\"}", "Authorization", forker),
                "open from the fork");
        int forked = fromFork.path("number").asInt();
        assertEquals("prforker/histapp", fromFork.path("head").path("repo").path("full_name").asText());
        assertEquals(topic, fromFork.path("head").path("sha").asText());
        Path clone = work.resolve("hist-clone");
        git(work, "clone", GitCli.url(http, token, "prauthor/histapp"), clone.toString()).ok();
        String root = git(clone, "rev-parse", "HEAD").ok().out().strip();
        String merged = merge("histapp", forked, "merge");
        git(clone, "fetch", "-q", "origin").ok();
        assertEquals(merged, git(clone, "rev-parse", "origin/main").ok().out().strip());
        assertEquals(root + " " + topic, git(clone, "log", "-1", "--format=%P", "origin/main").ok().out().strip());
        assertEquals("from the fork\n", git(clone, "show", "origin/main:topic.txt").ok().out());

        // Two commits rebased: linear, new commits, same messages and author.
        git(clone, "checkout", "-q", "-b", "twice", "origin/main").ok();
        String first = cli().commit(clone, "a.txt", "a\n");
        String second = cli().commit(clone, "b.txt", "b\n");
        git(clone, "checkout", "-q", "-b", "ahead", "origin/main").ok();
        String ahead = cli().commit(clone, "ahead.txt", "main moved\n");
        git(clone, "push", "-q", "origin", "twice", "ahead:main").ok();
        int twice = expect(201, send("POST", "/api/v3/repos/prauthor/histapp/pulls",
                "{\"title\":\"Twice\",\"head\":\"twice\",\"base\":\"main\"}"), "open twice").path("number").asInt();
        String rebased = merge("histapp", twice, "rebase");
        git(clone, "fetch", "-q", "origin").ok();
        assertEquals(rebased, git(clone, "rev-parse", "origin/main").ok().out().strip());
        assertEquals("change b.txt\nchange a.txt\nchange ahead.txt",
                git(clone, "log", "-3", "--format=%s", "origin/main").ok().out().strip());
        assertEquals(ahead, git(clone, "rev-parse", "origin/main~2").ok().out().strip());
        assertEquals("0", git(clone, "rev-list", "--count", "--merges", ahead + "..origin/main").ok().out().strip());
        String authors = git(clone, "log", "-2", "--format=%ae", "origin/main").ok().out().strip();
        assertEquals(git(clone, "log", "-1", "--format=%ae", second).ok().out().strip() + "\n"
                + git(clone, "log", "-1", "--format=%ae", first).ok().out().strip(), authors);
        assertTrue(!rebased.equals(second));

        // A stack: s2 is based on s1's branch; merging s1 retargets s2 to main.
        git(clone, "checkout", "-q", "-b", "s1", "origin/main").ok();
        cli().commit(clone, "s1.txt", "first of the stack\n");
        git(clone, "checkout", "-q", "-b", "s2").ok();
        cli().commit(clone, "s2.txt", "second of the stack\n");
        git(clone, "push", "-q", "origin", "s1", "s2").ok();
        int lower = expect(201, send("POST", "/api/v3/repos/prauthor/histapp/pulls",
                "{\"title\":\"Lower\",\"head\":\"s1\",\"base\":\"main\"}"), "open s1").path("number").asInt();
        int upper = expect(201, send("POST", "/api/v3/repos/prauthor/histapp/pulls",
                "{\"title\":\"Upper\",\"head\":\"s2\",\"base\":\"s1\"}"), "open s2").path("number").asInt();
        assertEquals("s1", pull("histapp", upper).path("base").path("ref").asText());
        merge("histapp", lower, "merge");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!"main".equals(pull("histapp", upper).path("base").path("ref").asText()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals("main", pull("histapp", upper).path("base").path("ref").asText());
        String top = merge("histapp", upper, "merge");
        git(clone, "fetch", "-q", "origin").ok();
        assertEquals(top, git(clone, "rev-parse", "origin/main").ok().out().strip());
        assertEquals("second of the stack\n", git(clone, "show", "origin/main:s2.txt").ok().out());
        assertEquals("first of the stack\n", git(clone, "show", "origin/main:s1.txt").ok().out());
    }

    /** Merges a pull request of {@code prauthor/<repo>} once its mergeability is known; its merge commit's sha. */
    private String merge(String repo, int number, String method) throws InterruptedException {
        waitMergeable(repo, number);
        assertEquals(true, pull(repo, number).path("mergeable").asBoolean());
        JsonNode merged = expect(200, send("PUT", "/api/v3/repos/prauthor/" + repo + "/pulls/" + number + "/merge",
                "{\"merge_method\":\"" + method + "\"}"), "merge #" + number + " by " + method);
        assertTrue(merged.path("merged").asBoolean());
        return merged.path("sha").asText();
    }

    /**
     * Auto-merge on the real job queue: enabled while a required status is missing, the pull request waits; the
     * status posted over REST (published through the outbox) makes a node merge it by rebase in the background.
     */
    void autoMergeMergesWhenTheRequiredStatusTurnsGreen() throws InterruptedException {
        Path clone = work.resolve("auto-clone");
        git(work, "clone", GitCli.url(http, token, "prauthor/prapp"), clone.toString()).ok();
        git(clone, "checkout", "-q", "-b", "automerge").ok();
        String head = cli().commit(clone, "auto.txt", "merged by itself\n");
        git(clone, "push", "-q", "origin", "automerge").ok();
        expect(200, send("PUT", "/api/v3/repos/prauthor/prapp/branches/main/protection",
                "{\"required_status_checks\":{\"strict\":false,\"contexts\":[\"ci/auto\"]},\"enforce_admins\":true,"
                        + "\"required_pull_request_reviews\":null,\"restrictions\":null}"), "protect main");
        try {
            int number = expect(201, send("POST", "/api/v3/repos/prauthor/prapp/pulls",
                    "{\"title\":\"Auto\",\"head\":\"automerge\",\"base\":\"main\"}"), "open").path("number").asInt();
            JsonNode enabled = expect(200, send("PUT", "/api/v3/repos/prauthor/prapp/pulls/" + number + "/auto-merge",
                    "{\"merge_method\":\"rebase\"}"), "enable auto-merge");
            assertEquals("rebase", enabled.path("merge_method").asText());
            assertEquals("prauthor", pull(number).path("auto_merge").path("enabled_by").path("login").asText());
            Thread.sleep(2000);
            assertEquals("open", pull(number).path("state").asText());

            expect(201, send("POST", "/api/v3/repos/prauthor/prapp/statuses/" + head,
                    "{\"state\":\"success\",\"context\":\"ci/auto\"}"), "status");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            JsonNode pull = pull(number);
            while (!pull.path("merged").asBoolean() && System.nanoTime() < deadline) {
                Thread.sleep(300);
                pull = pull(number);
            }
            assertTrue("merged by auto-merge: " + pull, pull.path("merged").asBoolean());
            assertEquals("prauthor", pull.path("merged_by").path("login").asText());
            assertTrue(pull.path("auto_merge").isNull());
            String tip = git(clone, "ls-remote", "origin", "refs/heads/main").ok().out().split("\\s")[0];
            assertEquals(pull.path("merge_commit_sha").asText(), tip);
            git(clone, "fetch", "-q", "origin", "main").ok();
            assertEquals("change auto.txt", git(clone, "log", "-1", "--format=%s", "FETCH_HEAD").ok().out().strip());
        } finally {
            expect(204, send("DELETE", "/api/v3/repos/prauthor/prapp/branches/main/protection", null), "unprotect");
        }
    }

    /**
     * Auto-rebase with the real git CLI: prauthor opens a pull request in {@code prauthor/rebaseapp} (whose workflow
     * runs on every push), enables auto-rebase, and pushes to main with git. The head branch moves onto the new main
     * in the background: fetched with git, its commit's parent is the new main tip, its author and content are
     * intact; and, as after any push, the pull request takes the new head, its mergeability is computed again and CI
     * runs on the rebased commit.
     */
    void autoRebaseFollowsMain() throws InterruptedException {
        expect(201, send("POST", "/api/v3/user/repos", "{\"name\":\"rebaseapp\",\"auto_init\":true}"),
                "create rebaseapp");
        Path clone = work.resolve("rebase-clone");
        git(work, "clone", GitCli.url(http, token, "prauthor/rebaseapp"), clone.toString()).ok();
        try {
            Files.createDirectories(clone.resolve(".codara/workflows"));
            Files.writeString(clone.resolve(".codara/workflows/ci.yml"), "name: CI\non: push\njobs:\n  test:\n"
                    + "    runs-on: shell\n    steps:\n      - run: test -f README.md\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git(clone, "add", "-A").ok();
        git(clone, "commit", "-q", "-m", "CI").ok();
        git(clone, "push", "-q", "origin", "main").ok();
        git(clone, "checkout", "-q", "-b", "rebase-me").ok();
        String head = cli().commit(clone, "feature.txt", "the feature\n");
        git(clone, "push", "-q", "origin", "rebase-me").ok();
        int number = expect(201, send("POST", "/api/v3/repos/prauthor/rebaseapp/pulls",
                "{\"title\":\"Rebase me\",\"head\":\"rebase-me\",\"base\":\"main\"}"), "open").path("number").asInt();
        JsonNode enabled = expect(200, send("PUT", "/api/v3/repos/prauthor/rebaseapp/pulls/" + number
                + "/auto-rebase", null), "enable auto-rebase");
        assertEquals("prauthor", enabled.path("enabled_by").path("login").asText());
        assertEquals("prauthor", pull("rebaseapp", number).path("auto_rebase").path("enabled_by").path("login")
                .asText());

        git(clone, "checkout", "-q", "main").ok();
        String main = cli().commit(clone, "main.txt", "main moved on\n");
        git(clone, "push", "-q", "origin", "main").ok();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String tip = head;
        while (tip.equals(head) && System.nanoTime() < deadline) {
            Thread.sleep(300);
            tip = git(clone, "ls-remote", "origin", "refs/heads/rebase-me").ok().out().split("\\s")[0];
        }
        assertTrue("rebase-me moved", !tip.equals(head));
        git(clone, "fetch", "-q", "origin", "rebase-me").ok();
        assertEquals(tip, git(clone, "rev-parse", "FETCH_HEAD").ok().out().strip());
        assertEquals(main, git(clone, "rev-parse", "FETCH_HEAD^").ok().out().strip());
        assertEquals("1", git(clone, "rev-list", "--count", main + "..FETCH_HEAD").ok().out().strip());
        assertEquals(git(clone, "log", "-1", "--format=%an|%ae|%s", head).ok().out().strip(),
                git(clone, "log", "-1", "--format=%an|%ae|%s", "FETCH_HEAD").ok().out().strip());
        assertEquals("the feature\n", git(clone, "show", "FETCH_HEAD:feature.txt").ok().out());
        assertEquals("main moved on\n", git(clone, "show", "FETCH_HEAD:main.txt").ok().out());

        // The move was a push: the pull request follows it, its mergeability is known again, CI ran on it.
        JsonNode pull = pull("rebaseapp", number);
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((!pull.path("head").path("sha").asText().equals(tip) || pull.path("mergeable").isNull())
                && System.nanoTime() < deadline) {
            Thread.sleep(300);
            pull = pull("rebaseapp", number);
        }
        assertEquals(pull.toString(), tip, pull.path("head").path("sha").asText());
        assertTrue(pull.toString(), pull.path("mergeable").asBoolean());
        assertEquals(pull.toString(), "rebased", pull.path("auto_rebase").path("last_result").path("state").asText());
        assertEquals(pull.toString(), main, pull.path("auto_rebase").path("last_result").path("base_sha").asText());
        JsonNode combined;
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        do {
            combined = expect(200, send("GET", "/api/v3/repos/prauthor/rebaseapp/commits/" + tip + "/status", null),
                    "status of " + tip);
        } while (!combined.path("state").asText().equals("success") && System.nanoTime() < deadline && pause());
        assertEquals(combined.toString(), "success", combined.path("state").asText());
        assertTrue(combined.toString(), combined.path("statuses").toString().contains("CI / test"));
    }

    /**
     * The merge queue with real CI: main of {@code prauthor/queueapp} requires the status {@code CI / test} of the
     * workflow's one job, which fails when the file {@code broken.txt} exists. Three pull requests enter main's queue; the middle one
     * adds that file. Its build fails and it is ejected; the first lands on its green build, and the third is built
     * again without the middle one and lands on its own green build. Every commit main ever pointed at after the
     * start has a successful {@code CI} status on exactly that commit, and main's history holds the first and third
     * pull requests' files and not the broken one.
     */
    void mergeQueueEjectsTheBrokenMiddleOneAndLandsTheOthers() throws InterruptedException {
        expect(201, send("POST", "/api/v3/user/repos", "{\"name\":\"queueapp\",\"auto_init\":true}"), "create queueapp");
        Path clone = work.resolve("queue-clone");
        git(work, "clone", GitCli.url(http, token, "prauthor/queueapp"), clone.toString()).ok();
        try {
            Files.createDirectories(clone.resolve(".codara/workflows"));
            Files.writeString(clone.resolve(".codara/workflows/ci.yml"), "name: CI\non: push\njobs:\n  test:\n"
                    + "    runs-on: shell\n    steps:\n      - run: test ! -f broken.txt\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git(clone, "add", "-A").ok();
        git(clone, "commit", "-q", "-m", "CI").ok();
        git(clone, "push", "-q", "origin", "main").ok();
        String start = git(clone, "rev-parse", "HEAD").ok().out().strip();
        for (String branch : new String[] {"q1", "q2", "q3"}) {
            git(clone, "checkout", "-q", "-b", branch, start).ok();
            cli().commit(clone, branch.equals("q2") ? "broken.txt" : branch + ".txt", branch + "\n");
            git(clone, "push", "-q", "origin", branch).ok();
        }
        expect(200, send("PUT", "/api/v3/repos/prauthor/queueapp/branches/main/protection",
                "{\"required_status_checks\":{\"strict\":false,\"contexts\":[\"CI / test\"]},\"enforce_admins\":true,"
                        + "\"required_pull_request_reviews\":null,\"restrictions\":null}"), "protect main");
        expect(200, send("PUT", "/api/v3/repos/prauthor/queueapp/merge-queue/main", "{\"merge_method\":\"merge\"}"),
                "queue main");
        int[] numbers = new int[3];
        for (int i = 0; i < 3; i++) {
            numbers[i] = expect(201, send("POST", "/api/v3/repos/prauthor/queueapp/pulls", "{\"title\":\"Q" + (i + 1)
                    + "\",\"head\":\"q" + (i + 1) + "\",\"base\":\"main\"}"), "open q" + (i + 1)).path("number").asInt();
        }
        // The queue, not a direct merge.
        HttpResponse<String> direct = send("PUT", "/api/v3/repos/prauthor/queueapp/pulls/" + numbers[0] + "/merge", "{}");
        assertEquals(direct.body(), 405, direct.statusCode());
        for (int number : numbers) {
            waitMergeable("queueapp", number);
            expect(201, send("PUT", "/api/v3/repos/prauthor/queueapp/pulls/" + number + "/merge-queue", null),
                    "enqueue #" + number);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        JsonNode queue = null;
        while (System.nanoTime() < deadline) {
            queue = expect(200, send("GET", "/api/v3/repos/prauthor/queueapp/merge-queue/main", null), "queue");
            if (state(queue, numbers[0]).equals("merged") && state(queue, numbers[2]).equals("merged")
                    && state(queue, numbers[1]).equals("failed")) {
                break;
            }
            Thread.sleep(500);
        }
        assertEquals(String.valueOf(queue), "merged", state(queue, numbers[0]));
        assertEquals(String.valueOf(queue), "failed", state(queue, numbers[1]));
        assertEquals(String.valueOf(queue), "merged", state(queue, numbers[2]));
        assertTrue(String.valueOf(queue), entryOf(queue, numbers[1]).path("reason").asText().contains("\"CI / test\" failed"));
        assertEquals(true, pull("queueapp", numbers[0]).path("merged").asBoolean());
        assertEquals("open", pull("queueapp", numbers[1]).path("state").asText());
        assertEquals(true, pull("queueapp", numbers[2]).path("merged").asBoolean());

        // main, as the real git client sees it: two queue merges on top of the start, each green on exactly itself.
        git(clone, "fetch", "-q", "origin").ok();
        String[] tips = git(clone, "rev-list", "--first-parent", start + "..origin/main").ok().out().strip().split("\n");
        assertEquals(String.join(",", tips), 2, tips.length);
        for (String tip : tips) {
            // The push that moved main runs the workflow on the same commit again: wait for that run too.
            JsonNode combined;
            long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            do {
                combined = expect(200, send("GET", "/api/v3/repos/prauthor/queueapp/commits/" + tip + "/status",
                        null), "status of " + tip);
            } while (combined.path("state").asText().equals("pending") && System.nanoTime() < settle && pause());
            assertEquals(combined.toString(), "success", combined.path("state").asText());
        }
        String files = git(clone, "ls-tree", "--name-only", "origin/main").ok().out();
        assertTrue(files, files.contains("q1.txt") && files.contains("q3.txt") && !files.contains("broken.txt"));
        // The queue's branches are gone once their entries left.
        assertEquals("", git(clone, "ls-remote", "--heads", "origin", "codara-merge-queue/*").ok().out().strip());
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(500);
        return true;
    }

    private static String state(JsonNode queue, int number) {
        return entryOf(queue, number).path("state").asText();
    }

    private static JsonNode entryOf(JsonNode queue, int number) {
        for (JsonNode entry : queue.path("entries")) {
            if (entry.path("pull_request").path("number").asInt() == number) {
                return entry;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private void waitMergeable(String repo, int number) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (pull(repo, number).path("mergeable").isNull() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    private JsonNode pull(String repo, int number) {
        return expect(200, send("GET", "/api/v3/repos/prauthor/" + repo + "/pulls/" + number, null), "pull " + number);
    }

    /** The pull request's {@code mergeable} once computed (it is {@code null} until then, as on GitHub). */
    private JsonNode mergeable(int number) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode pull = pull(number);
        while (pull.path("mergeable").isNull() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            pull = pull(number);
        }
        assertTrue("mergeability of #" + number + " computed: " + pull, pull.path("mergeable").isBoolean());
        return pull.path("mergeable");
    }

    private JsonNode pull(int number) {
        return expect(200, send("GET", "/api/v3/repos/prauthor/prapp/pulls/" + number, null), "pull " + number);
    }

    private HttpResponse<String> send(String method, String path, String body) {
        return http.send(method, path, body == null ? null : "application/json", body, "Authorization",
                "Basic " + Base64.getEncoder().encodeToString(("prauthor:prauthor" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode expect(int status, HttpResponse<String> response, String what) {
        assertEquals(what + ": " + response.body(), status, response.statusCode());
        return response.body() == null || response.body().isBlank() ? null : Http.json(response);
    }

    private GitCli cli() {
        return new GitCli(work.resolve("home"));
    }

    private GitCli.Result git(Path directory, String... arguments) {
        return cli().run(directory, arguments);
    }
}
