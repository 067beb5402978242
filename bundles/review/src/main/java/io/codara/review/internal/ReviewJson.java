package io.codara.review.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
import io.codara.api.identity.Account;
import io.codara.api.review.ChangedFile;
import io.codara.api.review.PullRequest;
import io.codara.api.review.PullRequestCommit;

/** GitHub's JSON shapes of pull requests, their commits and files, with URLs under the request's API base. */
final class ReviewJson {

    private final String api;
    private final String web;

    ReviewJson(URI apiBase) {
        this.api = apiBase.toString().endsWith("/") ? apiBase.toString() : apiBase + "/";
        this.web = web(apiBase);
    }

    /** The site's address for pages, from the API's base address ({@code http://host/api/v3/}). */
    static String web(URI apiBase) {
        String api = apiBase.toString().endsWith("/") ? apiBase.toString() : apiBase + "/";
        return api.endsWith("api/v3/") ? api.substring(0, api.length() - "api/v3/".length()) : api;
    }

    /** The API URL of the issue that a pull request also is. */
    String issueUrl(Repository base, int number) {
        return api + "repos/" + base.fullName() + "/issues/" + number;
    }

    /** The web base URL, ending with a slash. */
    String web() {
        return web;
    }

    /**
     * A pull request; {@code stats} (commits, additions, deletions, changed_files) only in the single view, as
     * GitHub shows them.
     */
    Map<String, Object> pullRequest(PullRequest pull, Repository base, Account baseOwner, Repository head,
            Account headOwner, Account author, List<Account> reviewers, Map<String, Object> stats) {
        String url = api + "repos/" + base.fullName() + "/pulls/" + pull.number();
        String issue = api + "repos/" + base.fullName() + "/issues/" + pull.number();
        String html = web + base.fullName() + "/pull/" + pull.number();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", url);
        json.put("id", pull.id());
        json.put("node_id", nodeId("PullRequest", pull.id()));
        json.put("html_url", html);
        json.put("diff_url", html + ".diff");
        json.put("patch_url", html + ".patch");
        json.put("issue_url", issue);
        json.put("commits_url", url + "/commits");
        json.put("review_comments_url", url + "/comments");
        json.put("review_comment_url", api + "repos/" + base.fullName() + "/pulls/comments{/number}");
        json.put("comments_url", issue + "/comments");
        json.put("statuses_url", api + "repos/" + base.fullName() + "/statuses/" + pull.headSha());
        json.put("number", pull.number());
        json.put("state", pull.state());
        json.put("locked", false);
        json.put("title", pull.title());
        json.put("user", author == null ? null : user(author));
        json.put("body", pull.body());
        json.put("labels", List.of());
        json.put("milestone", null);
        json.put("active_lock_reason", null);
        json.put("created_at", time(pull.createdAt()));
        json.put("updated_at", time(pull.updatedAt()));
        json.put("closed_at", time(pull.closedAt()));
        json.put("merged_at", time(pull.mergedAt()));
        json.put("merge_commit_sha", null);
        json.put("assignee", null);
        json.put("assignees", List.of());
        json.put("requested_reviewers", reviewers.stream().map(this::user).toList());
        json.put("requested_teams", List.of());
        json.put("head", branch(head, headOwner, pull.headRef(), pull.headSha()));
        json.put("base", branch(base, baseOwner, pull.baseRef(), pull.baseSha()));
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("self", Map.of("href", url));
        links.put("html", Map.of("href", html));
        links.put("issue", Map.of("href", issue));
        links.put("comments", Map.of("href", issue + "/comments"));
        links.put("review_comments", Map.of("href", url + "/comments"));
        links.put("review_comment", Map.of("href", api + "repos/" + base.fullName() + "/pulls/comments{/number}"));
        links.put("commits", Map.of("href", url + "/commits"));
        links.put("statuses", Map.of("href", api + "repos/" + base.fullName() + "/statuses/" + pull.headSha()));
        json.put("_links", links);
        json.put("author_association", author != null && author.login().equalsIgnoreCase(base.owner()) ? "OWNER"
                : "CONTRIBUTOR");
        json.put("auto_merge", null);
        json.put("draft", pull.draft());
        if (stats != null) {
            json.put("merged", pull.merged());
            json.put("mergeable", pull.open() ? pull.mergeable() : null);
            json.put("rebaseable", pull.open() ? pull.mergeable() : null);
            json.put("mergeable_state", pull.open() ? pull.mergeableState() : "unknown");
            json.put("merged_by", null);
            json.put("maintainer_can_modify", pull.maintainerCanModify());
            json.putAll(stats);
        }
        return json;
    }

    private Map<String, Object> branch(Repository repository, Account owner, String ref, String sha) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("label", (repository == null ? "unknown" : repository.owner()) + ":" + ref);
        json.put("ref", ref);
        json.put("sha", sha);
        json.put("user", owner == null ? null : user(owner));
        json.put("repo", repository == null ? null : repository(repository, owner));
        return json;
    }

    /** GitHub's repository, as pull requests embed it. */
    Map<String, Object> repository(Repository repository, Account owner) {
        String url = api + "repos/" + repository.fullName();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", repository.id());
        json.put("node_id", nodeId("Repository", repository.id()));
        json.put("name", repository.name());
        json.put("full_name", repository.fullName());
        json.put("private", repository.visibility() != Visibility.PUBLIC);
        json.put("owner", owner == null ? null : user(owner));
        json.put("html_url", web + repository.fullName());
        json.put("description", repository.description());
        json.put("fork", repository.fork());
        json.put("url", url);
        json.put("pulls_url", url + "/pulls{/number}");
        json.put("commits_url", url + "/commits{/sha}");
        json.put("clone_url", web + repository.fullName() + ".git");
        json.put("default_branch", repository.defaultBranch());
        json.put("visibility", repository.visibility().name().toLowerCase(java.util.Locale.ROOT));
        json.put("created_at", time(repository.createdAt()));
        json.put("updated_at", time(repository.updatedAt()));
        json.put("pushed_at", time(repository.pushedAt()));
        return json;
    }

    /** GitHub's commit as {@code GET /pulls/{n}/commits} lists it. */
    Map<String, Object> commit(Repository base, PullRequestCommit commit, Account author, Account committer) {
        String url = api + "repos/" + base.fullName() + "/commits/" + commit.sha();
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("url", api + "repos/" + base.fullName() + "/git/commits/" + commit.sha());
        inner.put("author", person(commit.authorName(), commit.authorEmail(), commit.authoredAt()));
        inner.put("committer", person(commit.committerName(), commit.committerEmail(), commit.committedAt()));
        inner.put("message", commit.message());
        inner.put("tree", Map.of("sha", commit.treeSha(),
                "url", api + "repos/" + base.fullName() + "/git/trees/" + commit.treeSha()));
        inner.put("comment_count", 0);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", url);
        json.put("sha", commit.sha());
        json.put("node_id", nodeId("Commit", commit.sha()));
        json.put("html_url", web + base.fullName() + "/commit/" + commit.sha());
        json.put("comments_url", url + "/comments");
        json.put("commit", inner);
        json.put("author", author == null ? null : user(author));
        json.put("committer", committer == null ? null : user(committer));
        json.put("parents", commit.parents().stream().map(p -> Map.of("sha", p,
                "url", api + "repos/" + base.fullName() + "/commits/" + p,
                "html_url", web + base.fullName() + "/commit/" + p)).toList());
        return json;
    }

    /** GitHub's changed file of {@code GET /pulls/{n}/files}. */
    Map<String, Object> file(Repository head, String headSha, ChangedFile file) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sha", file.sha());
        json.put("filename", file.filename());
        json.put("status", file.status());
        json.put("additions", file.additions());
        json.put("deletions", file.deletions());
        json.put("changes", file.changes());
        String path = file.filename();
        if (head != null) {
            json.put("blob_url", web + head.fullName() + "/blob/" + headSha + "/" + path);
            json.put("raw_url", web + head.fullName() + "/raw/" + headSha + "/" + path);
            json.put("contents_url", api + "repos/" + head.fullName() + "/contents/" + path + "?ref=" + headSha);
        }
        if (file.patch() != null) {
            json.put("patch", file.patch());
        }
        if (file.previousFilename() != null) {
            json.put("previous_filename", file.previousFilename());
        }
        return json;
    }

    /** GitHub's pull request review. */
    Map<String, Object> review(Repository base, PostgresReviews.Review review, Account user, String association) {
        String pull = api + "repos/" + base.fullName() + "/pulls/" + review.number();
        String html = web + base.fullName() + "/pull/" + review.number() + "#pullrequestreview-" + review.id();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", review.id());
        json.put("node_id", nodeId("PullRequestReview", review.id()));
        json.put("user", user == null ? null : user(user));
        json.put("body", review.body() == null ? "" : review.body());
        json.put("state", review.state());
        json.put("html_url", html);
        json.put("pull_request_url", pull);
        json.put("author_association", association);
        json.put("_links", Map.of("html", Map.of("href", html), "pull_request", Map.of("href", pull)));
        if (review.submittedAt() != null) {
            json.put("submitted_at", time(review.submittedAt()));
        }
        json.put("commit_id", review.commitId());
        return json;
    }

    /** GitHub's pull request review comment, with Codara's thread resolution ({@code resolved}, {@code resolved_by}). */
    Map<String, Object> reviewComment(Repository base, PostgresReviews.Comment comment, Account user,
            String association, Map<String, Integer> reactions, Account resolvedBy) {
        String url = api + "repos/" + base.fullName() + "/pulls/comments/" + comment.id();
        String pull = api + "repos/" + base.fullName() + "/pulls/" + comment.number();
        String html = web + base.fullName() + "/pull/" + comment.number() + "#discussion_r" + comment.id();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", url);
        json.put("pull_request_review_id", comment.reviewId());
        json.put("id", comment.id());
        json.put("node_id", nodeId("PullRequestReviewComment", comment.id()));
        json.put("diff_hunk", comment.diffHunk());
        json.put("path", comment.path());
        json.put("position", comment.position());
        json.put("original_position", comment.originalPosition());
        json.put("commit_id", comment.commitId());
        json.put("original_commit_id", comment.originalCommitId());
        if (comment.inReplyToId() != null) {
            json.put("in_reply_to_id", comment.inReplyToId());
        }
        json.put("user", user == null ? null : user(user));
        json.put("body", comment.body());
        json.put("created_at", time(comment.createdAt()));
        json.put("updated_at", time(comment.updatedAt()));
        json.put("html_url", html);
        json.put("pull_request_url", pull);
        json.put("author_association", association);
        json.put("_links", Map.of("self", Map.of("href", url), "html", Map.of("href", html),
                "pull_request", Map.of("href", pull)));
        json.put("start_line", comment.startLine());
        json.put("original_start_line", comment.originalStartLine());
        json.put("start_side", comment.startSide());
        json.put("line", comment.line());
        json.put("original_line", comment.originalLine());
        json.put("side", comment.side());
        json.put("subject_type", "line");
        json.put("outdated", comment.line() == null);
        json.put("resolved", comment.resolvedAt() != null);
        json.put("resolved_by", resolvedBy == null ? null : user(resolvedBy));
        json.put("resolved_at", time(comment.resolvedAt()));
        json.put("reactions", reactions(url + "/reactions", reactions));
        return json;
    }

    /** GitHub's issue comment, on a pull request's conversation. */
    Map<String, Object> issueComment(Repository base, PostgresReviews.IssueComment comment, Account user,
            String association, Map<String, Integer> reactions) {
        String url = api + "repos/" + base.fullName() + "/issues/comments/" + comment.id();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", comment.id());
        json.put("node_id", nodeId("IssueComment", comment.id()));
        json.put("url", url);
        json.put("html_url", web + base.fullName() + "/pull/" + comment.number() + "#issuecomment-" + comment.id());
        json.put("body", comment.body());
        json.put("user", user == null ? null : user(user));
        json.put("created_at", time(comment.createdAt()));
        json.put("updated_at", time(comment.updatedAt()));
        json.put("issue_url", api + "repos/" + base.fullName() + "/issues/" + comment.number());
        json.put("author_association", association);
        json.put("reactions", reactions(url + "/reactions", reactions));
        return json;
    }

    /** GitHub's commit comment. */
    Map<String, Object> commitComment(Repository repository, PostgresCommitComments.CommitComment comment,
            Account user, String association, Map<String, Integer> reactions) {
        String url = api + "repos/" + repository.fullName() + "/comments/" + comment.id();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("html_url", web + repository.fullName() + "/commit/" + comment.commitId() + "#commitcomment-"
                + comment.id());
        json.put("url", url);
        json.put("id", comment.id());
        json.put("node_id", nodeId("CommitComment", comment.id()));
        json.put("body", comment.body());
        json.put("path", comment.path());
        json.put("position", comment.position());
        json.put("line", comment.line());
        json.put("commit_id", comment.commitId());
        json.put("user", user == null ? null : user(user));
        json.put("created_at", time(comment.createdAt()));
        json.put("updated_at", time(comment.updatedAt()));
        json.put("author_association", association);
        json.put("reactions", reactions(url + "/reactions", reactions));
        return json;
    }

    /** GitHub's reaction. */
    Map<String, Object> reaction(PostgresReviews.Reaction reaction, Account user) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", reaction.id());
        json.put("node_id", nodeId("Reaction", reaction.id()));
        json.put("user", user == null ? null : user(user));
        json.put("content", reaction.content());
        json.put("created_at", time(reaction.createdAt()));
        return json;
    }

    /** GitHub's reaction rollup: the total and a count per content. */
    static Map<String, Object> reactions(String url, Map<String, Integer> counts) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", url);
        json.put("total_count", counts.values().stream().mapToInt(Integer::intValue).sum());
        for (String content : PostgresReviews.CONTENTS) {
            json.put(content, counts.getOrDefault(content, 0));
        }
        return json;
    }

    /** GitHub's label. */
    Map<String, Object> label(Repository repository, io.codara.api.review.Label label) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", label.id());
        json.put("node_id", nodeId("Label", label.id()));
        json.put("url", api + "repos/" + repository.fullName() + "/labels/"
                + java.net.URLEncoder.encode(label.name(), StandardCharsets.UTF_8).replace("+", "%20"));
        json.put("name", label.name());
        json.put("color", label.color());
        json.put("default", false);
        json.put("description", label.description());
        return json;
    }

    /** GitHub's simple user (or organisation). */
    Map<String, Object> user(Account account) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("login", account.login());
        json.put("id", account.id());
        json.put("node_id", nodeId(account.type().githubName(), account.id()));
        json.put("avatar_url", api + "users/" + account.login() + "/avatar");
        json.put("url", api + (account.organization() ? "orgs/" : "users/") + account.login());
        json.put("html_url", web + account.login());
        json.put("type", account.type().githubName());
        json.put("site_admin", account.siteAdmin());
        return json;
    }

    private static Map<String, Object> person(String name, String email, Instant when) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("email", email);
        json.put("date", time(when));
        return json;
    }

    static String time(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String nodeId(String type, Object id) {
        return Base64.getEncoder().withoutPadding().encodeToString(("0:" + type + id).getBytes(StandardCharsets.UTF_8));
    }
}
