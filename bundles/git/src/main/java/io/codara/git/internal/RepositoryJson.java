package io.codara.git.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
import io.codara.api.identity.Account;
import io.codara.api.security.Role;

/**
 * GitHub's repository JSON, field for field where Codara has the fact (counts it does not keep yet, such as issues, are 0), so
 * octokit and GitHub tooling read it. URLs are absolute, from the request's base URI ({@code .../api/v3/}).
 */
final class RepositoryJson {

    private final String api;
    private final String web;

    RepositoryJson(URI apiBase) {
        String base = apiBase.toString();
        this.api = base.endsWith("/") ? base : base + "/";
        this.web = web(api);
    }

    /** The web root that serves pages and clones, from the API's base ({@code .../api/v3/}). */
    static String web(String api) {
        return api.endsWith("api/v3/") ? api.substring(0, api.length() - "api/v3/".length()) : api;
    }

    Map<String, Object> of(Repository repository, Account owner, Optional<Role> role) {
        String full = repository.fullName();
        String url = api + "repos/" + full;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", repository.id());
        json.put("node_id", Base64.getEncoder().withoutPadding()
                .encodeToString(("0:Repository" + repository.id()).getBytes(StandardCharsets.US_ASCII)));
        json.put("name", repository.name());
        json.put("full_name", full);
        json.put("private", repository.visibility() != Visibility.PUBLIC);
        json.put("owner", owner(owner));
        json.put("html_url", web + full);
        json.put("description", repository.description());
        json.put("fork", repository.fork());
        json.put("url", url);
        for (String link : new String[] {"branches", "tags", "commits", "contents", "git/refs", "languages", "forks",
                "teams", "topics"}) {
            json.put(link.replace("git/", "git_").replace("/", "_") + "_url", url + "/" + link);
        }
        json.put("archive_url", url + "/{archive_format}{/ref}");
        json.put("compare_url", url + "/compare/{base}...{head}");
        json.put("clone_url", web + full + ".git");
        json.put("svn_url", web + full);
        json.put("homepage", repository.homepage());
        // GitHub's unit: kilobytes of objects on disk, as last measured after a push or a repack
        json.put("size", repository.diskBytes() == null ? 0 : (repository.diskBytes() + 1023) / 1024);
        json.put("stargazers_count", repository.stargazersCount());
        // GitHub's watchers_count and watchers are the stars, for history's sake (watching is subscribers_count)
        json.put("watchers_count", repository.stargazersCount());
        json.put("language", repository.language());
        json.put("has_issues", true);
        json.put("has_projects", false);
        json.put("has_downloads", true);
        json.put("has_wiki", false);
        json.put("has_pages", false);
        json.put("has_discussions", false);
        json.put("forks_count", repository.forksCount());
        json.put("archived", repository.archived());
        json.put("disabled", false);
        json.put("open_issues_count", 0);
        json.put("license", null);
        json.put("allow_forking", true);
        json.put("allow_merge_commit", repository.merging().allowMergeCommit());
        json.put("allow_squash_merge", repository.merging().allowSquashMerge());
        json.put("allow_rebase_merge", repository.merging().allowRebaseMerge());
        json.put("delete_branch_on_merge", repository.merging().deleteBranchOnMerge());
        json.put("is_template", repository.template());
        json.put("web_commit_signoff_required", false);
        json.put("topics", repository.topics());
        json.put("visibility", repository.visibility().githubName());
        json.put("forks", repository.forksCount());
        json.put("open_issues", 0);
        json.put("watchers", repository.stargazersCount());
        json.put("default_branch", repository.defaultBranch());
        json.put("created_at", time(repository.createdAt()));
        json.put("updated_at", time(repository.updatedAt()));
        json.put("pushed_at", time(repository.pushedAt()));
        Map<String, Boolean> permissions = new LinkedHashMap<>();
        permissions.put("admin", role.map(r -> r.includes(Role.ADMIN)).orElse(false));
        permissions.put("maintain", role.map(r -> r.includes(Role.MAINTAIN)).orElse(false));
        permissions.put("push", role.map(r -> r.includes(Role.WRITE)).orElse(false));
        permissions.put("triage", role.map(r -> r.includes(Role.TRIAGE)).orElse(false));
        permissions.put("pull", true);
        json.put("permissions", permissions);
        return json;
    }

    /**
     * The JSON of one repository as GitHub answers for it alone: with {@code parent} and {@code source} (the
     * network's root) when it is a fork, and {@code template_repository} when it was generated, each as the
     * caller would see it ({@code null} entries are left out, as GitHub does when they do not apply).
     */
    Map<String, Object> full(Repository repository, Account owner, Optional<Role> role, Map<String, Object> parent,
            Map<String, Object> source, Map<String, Object> template) {
        Map<String, Object> json = of(repository, owner, role);
        if (parent != null) {
            json.put("parent", parent);
            json.put("source", source == null ? parent : source);
        }
        if (template != null) {
            json.put("template_repository", template);
        }
        return json;
    }

    /** GitHub's simple user (or organisation) JSON. */
    Map<String, Object> owner(Account account) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("login", account.login());
        json.put("id", account.id());
        json.put("node_id", Base64.getEncoder().withoutPadding()
                .encodeToString(("0:" + account.type().githubName() + account.id()).getBytes(StandardCharsets.US_ASCII)));
        json.put("avatar_url", api + "users/" + account.login() + "/avatar");
        json.put("url", api + (account.organization() ? "orgs/" : "users/") + account.login());
        json.put("html_url", web + account.login());
        json.put("type", account.type().githubName());
        json.put("site_admin", account.siteAdmin());
        return json;
    }

    private static String time(java.time.Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
