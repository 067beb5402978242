package io.codara.git.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.codara.api.auth.SignatureVerification;
import io.codara.api.git.BranchProtection;
import io.codara.api.git.Repository;

/**
 * GitHub's JSON for what {@link RepositoryBrowser} reads: commits, branches, tags, refs, trees, blobs, contents and
 * comparisons, field for field, with absolute URLs under the request's API base. A commit's {@code verification}
 * comes from {@link CommitSignatures} (plus Codara's {@code key_id} and {@code signer}); fields Codara cannot fill
 * yet ({@code author} and {@code committer} as GitHub users) are {@code null}, never invented.
 */
final class GitJson {

    private final Repository repository;
    private final String api;
    private final String web;
    private final CommitSignatures.Lookup signatures;

    /** For answers without commits (trees, blobs, refs, contents). */
    GitJson(URI apiBase, Repository repository) {
        this(apiBase, repository, null);
    }

    GitJson(URI apiBase, Repository repository, CommitSignatures.Lookup signatures) {
        String base = apiBase.toString();
        this.api = (base.endsWith("/") ? base : base + "/") + "repos/" + repository.fullName();
        this.web = RepositoryJson.web(base.endsWith("/") ? base : base + "/") + repository.fullName();
        this.repository = repository;
        this.signatures = signatures;
    }

    // ---- commits

    Map<String, Object> commit(RepositoryBrowser.Commit commit) {
        Map<String, Object> git = new LinkedHashMap<>();
        git.put("author", person(commit.author()));
        git.put("committer", person(commit.committer()));
        git.put("message", commit.message());
        git.put("tree", Map.of("sha", commit.tree(), "url", api + "/git/trees/" + commit.tree()));
        git.put("url", api + "/git/commits/" + commit.sha());
        git.put("comment_count", 0);
        git.put("verification", verification(commit));

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sha", commit.sha());
        json.put("node_id", nodeId("Commit", commit.sha()));
        json.put("commit", git);
        json.put("url", api + "/commits/" + commit.sha());
        json.put("html_url", web + "/commit/" + commit.sha());
        json.put("comments_url", api + "/commits/" + commit.sha() + "/comments");
        // GitHub users behind the email addresses: not mapped yet.
        json.put("author", null);
        json.put("committer", null);
        List<Map<String, Object>> parents = new ArrayList<>();
        for (String parent : commit.parents()) {
            parents.add(Map.of("sha", parent, "url", api + "/commits/" + parent, "html_url", web + "/commit/" + parent));
        }
        json.put("parents", parents);
        return json;
    }

    private Map<String, Object> verification(RepositoryBrowser.Commit commit) {
        if (signatures == null) {
            throw new IllegalStateException("GitJson was made without signature verification, so it shows no commits");
        }
        SignatureVerification result = signatures.verify(commit.sha(), commit.signed(), commit.committer().email());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("verified", result.verified());
        json.put("reason", result.reason());
        json.put("signature", commit.signed() == null ? null : commit.signed().signature());
        json.put("payload", commit.signed() == null ? null : commit.signed().payloadText());
        json.put("verified_at", result.verifiedAt() == null ? null
                : result.verifiedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        json.put("key_id", result.keyId());
        json.put("signer", result.signer());
        return json;
    }

    Map<String, Object> commit(RepositoryBrowser.CommitDetail detail) {
        Map<String, Object> json = commit(detail.commit());
        Diffs.Changes changes = detail.changes();
        json.put("stats", Map.of("total", changes.additions() + changes.deletions(), "additions", changes.additions(),
                "deletions", changes.deletions()));
        json.put("files", files(changes, detail.commit().sha()));
        return json;
    }

    private static Map<String, Object> person(RepositoryBrowser.Person person) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", person.name());
        json.put("email", person.email());
        json.put("date", person.date().truncatedTo(ChronoUnit.SECONDS).toString());
        return json;
    }

    List<Map<String, Object>> files(Diffs.Changes changes, String commitSha) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Diffs.FileChange file : changes.files()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("sha", file.sha());
            json.put("filename", file.filename());
            json.put("status", file.status());
            json.put("additions", file.additions());
            json.put("deletions", file.deletions());
            json.put("changes", file.changes());
            String path = escape(file.filename(), true);
            json.put("blob_url", web + "/blob/" + commitSha + "/" + path);
            json.put("raw_url", api + "/raw/" + commitSha + "/" + path);
            json.put("contents_url", api + "/contents/" + path + "?ref=" + commitSha);
            if (file.patch() != null) {
                json.put("patch", file.patch());
            }
            if (file.previousFilename() != null) {
                json.put("previous_filename", file.previousFilename());
            }
            out.add(json);
        }
        return out;
    }

    Map<String, Object> comparison(RepositoryBrowser.Comparison comparison, String base, String head) {
        String basehead = escape(base, true) + "..." + escape(head, true);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", api + "/compare/" + basehead);
        json.put("html_url", web + "/compare/" + basehead);
        json.put("permalink_url", web + "/compare/" + repository.owner() + ":" + comparison.base().sha() + "..."
                + repository.owner() + ":" + (comparison.commits().isEmpty() ? comparison.base().sha()
                        : comparison.commits().get(comparison.commits().size() - 1).sha()));
        json.put("diff_url", web + "/compare/" + basehead + ".diff");
        json.put("patch_url", web + "/compare/" + basehead + ".patch");
        json.put("base_commit", commit(comparison.base()));
        json.put("merge_base_commit", commit(comparison.mergeBase()));
        json.put("status", comparison.status());
        json.put("ahead_by", comparison.aheadBy());
        json.put("behind_by", comparison.behindBy());
        json.put("total_commits", comparison.aheadBy());
        json.put("commits", comparison.commits().stream().map(this::commit).toList());
        String headSha = comparison.commits().isEmpty() ? comparison.mergeBase().sha()
                : comparison.commits().get(comparison.commits().size() - 1).sha();
        json.put("files", files(comparison.changes(), headSha));
        return json;
    }

    // ---- refs

    Map<String, Object> branchInList(RepositoryBrowser.Named branch, Optional<BranchProtection> protection) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", branch.name());
        json.put("commit", Map.of("sha", branch.sha(), "url", api + "/commits/" + branch.sha()));
        json.put("protected", protection.isPresent());
        return json;
    }

    Map<String, Object> branch(String name, RepositoryBrowser.Commit head, Optional<BranchProtection> protection) {
        String path = escape(name, true);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("commit", commit(head));
        json.put("_links", Map.of("self", api + "/branches/" + path, "html", web + "/tree/" + path));
        json.put("protected", protection.isPresent());
        json.put("protection", protection.map(ProtectionJson::branchSummary).orElseGet(() -> Map.of("enabled", false,
                "required_status_checks", Map.of("enforcement_level", "off", "contexts", List.of(), "checks", List.of()))));
        json.put("protection_url", api + "/branches/" + path + "/protection");
        return json;
    }

    Map<String, Object> tag(RepositoryBrowser.Named tag) {
        String path = escape(tag.name(), true);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", tag.name());
        json.put("commit", Map.of("sha", tag.sha(), "url", api + "/commits/" + tag.sha()));
        json.put("zipball_url", api + "/zipball/refs/tags/" + path);
        json.put("tarball_url", api + "/tarball/refs/tags/" + path);
        json.put("node_id", nodeId("Ref", "refs/tags/" + tag.name()));
        return json;
    }

    Map<String, Object> ref(RepositoryBrowser.RefEntry ref) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("sha", ref.sha());
        object.put("type", ref.type());
        object.put("url", api + "/git/" + ref.type() + "s/" + ref.sha());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ref", ref.ref());
        json.put("node_id", nodeId("Ref", ref.ref()));
        json.put("url", api + "/git/" + escape(ref.ref(), true));
        json.put("object", object);
        return json;
    }

    // ---- trees, blobs, contents

    Map<String, Object> tree(RepositoryBrowser.Tree tree) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (RepositoryBrowser.TreeEntry entry : tree.entries()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("path", entry.path());
            json.put("mode", entry.mode());
            json.put("type", entry.type());
            json.put("sha", entry.sha());
            if (entry.size() != null) {
                json.put("size", entry.size());
            }
            if (!entry.type().equals("commit")) {
                json.put("url", api + "/git/" + entry.type() + "s/" + entry.sha());
            }
            entries.add(json);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sha", tree.sha());
        json.put("url", api + "/git/trees/" + tree.sha());
        json.put("tree", entries);
        json.put("truncated", tree.truncated());
        return json;
    }

    Map<String, Object> blob(RepositoryBrowser.Blob blob) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sha", blob.sha());
        json.put("node_id", nodeId("Blob", blob.sha()));
        json.put("size", blob.size());
        json.put("url", api + "/git/blobs/" + blob.sha());
        json.put("content", base64(blob.content()));
        json.put("encoding", "base64");
        return json;
    }

    /** A file, symlink or submodule fetched by path; {@code ref} is the ref it was read at. */
    Map<String, Object> file(RepositoryBrowser.File file, String ref) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", file.type());
        if (file.type().equals("file")) {
            json.put("encoding", file.content() == null ? "none" : "base64");
        }
        json.put("size", file.size());
        json.put("name", file.name());
        json.put("path", file.path());
        if (file.type().equals("file")) {
            json.put("content", file.content() == null ? "" : base64(file.content()));
        } else if (file.type().equals("symlink")) {
            json.put("target", file.target());
        } else if (file.type().equals("submodule")) {
            json.put("submodule_git_url", null);
        }
        json.put("sha", file.sha());
        links(json, file, ref);
        return json;
    }

    List<Map<String, Object>> directory(RepositoryBrowser.Directory directory, String ref) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RepositoryBrowser.File entry : directory.entries()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("type", entry.type());
            json.put("size", entry.size());
            json.put("name", entry.name());
            json.put("path", entry.path());
            json.put("sha", entry.sha());
            links(json, entry, ref);
            out.add(json);
        }
        return out;
    }

    private void links(Map<String, Object> json, RepositoryBrowser.File file, String ref) {
        String path = escape(file.path(), true);
        String at = escape(ref, true);
        boolean dir = file.type().equals("dir");
        boolean submodule = file.target() != null && !file.type().equals("symlink");
        String self = api + "/contents/" + path + "?ref=" + escape(ref, false);
        String git = submodule ? null : api + "/git/" + (dir ? "trees/" : "blobs/") + file.sha();
        String html = submodule ? null : web + (dir ? "/tree/" : "/blob/") + at + "/" + path;
        json.put("url", self);
        json.put("git_url", git);
        json.put("html_url", html);
        json.put("download_url", dir || submodule ? null : api + "/raw/" + at + "/" + path);
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("self", self);
        links.put("git", git);
        links.put("html", html);
        json.put("_links", links);
    }

    // ---- encoding

    /** Base64 in lines of 60 characters, each ending with a newline, as GitHub sends file contents. */
    static String base64(byte[] content) {
        String encoded = Base64.getMimeEncoder(60, new byte[] {'\n'}).encodeToString(content);
        return encoded.isEmpty() ? "" : encoded + "\n";
    }

    private String nodeId(String type, String id) {
        return Base64.getEncoder().withoutPadding().encodeToString(
                ("0:" + type + repository.id() + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Percent-encodes all but unreserved characters (and {@code /} when {@code keepSlash}), as UTF-8. */
    static String escape(String value, boolean keepSlash) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~' || keepSlash && c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
