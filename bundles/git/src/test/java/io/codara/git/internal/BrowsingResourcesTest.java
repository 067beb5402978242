package io.codara.git.internal;

import static io.codara.git.internal.BrowsingFixture.ALICE;
import static io.codara.git.internal.BrowsingFixture.BOB;
import static io.codara.git.internal.BrowsingFixture.request;
import static io.codara.git.internal.BrowsingFixture.uri;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.audit.Actor;
import io.codara.api.git.NewRepository;
import io.codara.api.git.RepositoryUpdate;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.security.Principal;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browsing API through its resources, over real repositories (see {@link BrowsingFixture}), read as the JSON a
 * client gets: GitHub's shapes, refs with slashes, tags, trees, contents (JSON and raw), README, history filters and
 * paging, commit files and patches, comparisons, and the refusals (empty, missing, private, escaping, moved).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowsingResourcesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "http://codara.test/api/v3/repos/alice/tools";

    private BrowsingFixture f;
    private BranchesResource branches;
    private TagsResource tags;
    private GitDatabaseResource git;
    private ContentsResource contents;
    private ContentsResource.Readme readme;
    private ContentsResource.Raw raw;
    private CommitsResource commits;
    private CompareResource compare;

    @BeforeAll
    void fixture(@TempDir Path root) throws Exception {
        f = new BrowsingFixture(root, RepositoryBrowser.Limits.DEFAULT);
        branches = new BranchesResource(f.access, f.browser, f.protections, f.signatures);
        tags = new TagsResource(f.access, f.browser);
        git = new GitDatabaseResource(f.access, f.browser, f.branchUpdates());
        contents = new ContentsResource(f.access, f.browser);
        readme = new ContentsResource.Readme(f.access, f.browser);
        raw = new ContentsResource.Raw(f.access, f.browser);
        commits = new CommitsResource(f.access, f.browser, f.accounts, f.signatures);
        compare = new CompareResource(f.access, f.browser, f.signatures);
    }

    private static HttpServletRequest anyone() {
        return request(Principal.ANONYMOUS);
    }

    private static JsonNode json(Object entity) {
        Object value = entity instanceof Page<?> page ? page.items() : entity instanceof Response r ? r.getEntity() : entity;
        return JSON.valueToTree(value);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.at(field).asText()));
        return out;
    }

    /** The HTTP status the call answers with when it fails; fails itself when the call succeeds. */
    private static int status(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e.status();
        } catch (WebApplicationException e) {
            return e.getResponse().getStatus();
        }
        throw new AssertionError("expected a refusal");
    }

    private static String message(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a refusal");
    }

    private static byte[] body(Response response) throws Exception {
        if (response.getEntity() instanceof byte[] bytes) {
            return bytes;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((StreamingOutput) response.getEntity()).write(out);
        return out.toByteArray();
    }

    // ---- every repository the caller may see (GET /repositories)

    @Test
    void writersDeleteBranchesOverTheGitDatabaseApiButNotTheDefaultBranchOrTags() throws Exception {
        try (org.eclipse.jgit.lib.Repository db = f.directories.open(f.tools.id())) {
            org.eclipse.jgit.lib.RefUpdate create = db.updateRef("refs/heads/doomed");
            create.setNewObjectId(org.eclipse.jgit.lib.ObjectId.fromString(f.c1));
            create.update();
        }
        HttpServletRequest bob = request(BrowsingFixture.BOB);
        HttpServletRequest alice = request(BrowsingFixture.ALICE);
        assertThat(failure(() -> git.delete("alice", "tools", "heads/doomed", bob, uri("x"))).status()).isEqualTo(403);
        assertThat(git.delete("alice", "tools", "heads/doomed", alice, uri("x")).getStatus()).isEqualTo(204);
        assertThat(f.browser.refs(f.tools, "heads/doomed")).isEmpty();
        ApiException again = failure(() -> git.delete("alice", "tools", "heads/doomed", alice, uri("x")));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.getMessage()).isEqualTo("Reference does not exist");
        assertThat(failure(() -> git.delete("alice", "tools", "heads/main", alice, uri("x"))).status()).isEqualTo(422);
        assertThat(failure(() -> git.delete("alice", "tools", "tags/v1.0", alice, uri("x"))).status()).isEqualTo(422);
        assertThat(f.browser.refs(f.tools, "tags/v1.0")).hasSize(1);
    }

    private static ApiException failure(Runnable action) {
        try {
            action.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected an ApiException");
    }

    @Test
    void allRepositoriesAreListedByIdWithTheNextPageLinkedAndPrivateOnesOnlyForTheirReaders() {
        RepositoryListing listing = new RepositoryListing(f.repositories, new RepositoryRoles(f.accounts, f.organizations),
                f.accounts, f.permissions);
        JsonNode anonymous = json(listing.all(null, null, anyone(), uri("repositories")).getEntity());
        assertThat(texts(anonymous, "/full_name")).contains("alice/tools", "alice/empty").doesNotContain("alice/secret");
        JsonNode owner = json(listing.all(null, null, request(BrowsingFixture.ALICE), uri("repositories")).getEntity());
        assertThat(texts(owner, "/full_name")).containsSubsequence("alice/tools", "alice/empty", "alice/secret");
        assertThat(owner.get(0).get("id").asLong()).isLessThan(owner.get(1).get("id").asLong());

        Response first = listing.all(f.tools.id() - 1, 1, anyone(), uri("repositories?per_page=1"));
        assertThat(texts(json(first.getEntity()), "/full_name")).containsExactly("alice/tools");
        assertThat(first.getHeaderString("Link")).isEqualTo("<http://codara.test/api/v3/repositories?since="
                + f.tools.id() + "&per_page=1>; rel=\"next\"");
        assertThat(listing.all(Long.MAX_VALUE - 1, 1, anyone(), uri("repositories")).getHeaderString("Link")).isNull();
        assertThat(status(() -> listing.all(-1L, null, anyone(), uri("repositories")))).isEqualTo(422);
    }

    // ---- branches, tags, refs

    @Test
    void branchesAreListedPagedAndFoundWithSlashesInTheirNames() {
        JsonNode all = json(branches.list("alice", "tools", null, null, anyone(), uri("repos/alice/tools/branches")));
        assertThat(texts(all, "/name")).containsExactly("feature/deep/x", "main");
        assertThat(all.get(1).at("/commit/sha").asText()).isEqualTo(f.c3);
        assertThat(all.get(1).at("/commit/url").asText()).isEqualTo(API + "/commits/" + f.c3);
        assertThat(all.get(1).get("protected").asBoolean()).isFalse();

        Page<?> second = branches.list("alice", "tools", 2, 1, anyone(), uri("repos/alice/tools/branches"));
        assertThat(second.total()).isEqualTo(2);
        assertThat(texts(json(second), "/name")).containsExactly("main");

        JsonNode feature = json(branches.get("alice", "tools", "feature/deep/x", anyone(),
                uri("repos/alice/tools/branches/feature/deep/x")));
        assertThat(feature.get("name").asText()).isEqualTo("feature/deep/x");
        assertThat(feature.at("/commit/sha").asText()).isEqualTo(f.c4);
        assertThat(feature.at("/commit/commit/author/name").asText()).isEqualTo("Carol");
        assertThat(feature.at("/_links/self").asText()).isEqualTo(API + "/branches/feature/deep/x");
        assertThat(feature.at("/protection/enabled").asBoolean()).isFalse();

        assertThat(message(() -> branches.get("alice", "tools", "nope", anyone(), uri("x")))).isEqualTo("Branch not found");
        for (String bad : new String[] {"../main", "main/../main", "feature", "refs/heads/main", "a\0b", "main.lock"}) {
            assertThat(status(() -> branches.get("alice", "tools", bad, anyone(), uri("x")))).as(bad).isEqualTo(404);
        }
    }

    @Test
    void tagsPointAtCommitsLightweightOrAnnotatedWithArchiveUrls() {
        JsonNode list = json(tags.list("alice", "tools", null, null, anyone(), uri("repos/alice/tools/tags")));
        assertThat(texts(list, "/name")).containsExactly("v2.0", "v1.0");
        assertThat(list.get(0).at("/commit/sha").asText()).as("annotated, peeled").isEqualTo(f.c2);
        assertThat(list.get(1).at("/commit/sha").asText()).as("lightweight").isEqualTo(f.c1);
        assertThat(list.get(1).get("zipball_url").asText()).isEqualTo(API + "/zipball/refs/tags/v1.0");
        assertThat(list.get(1).get("tarball_url").asText()).isEqualTo(API + "/tarball/refs/tags/v1.0");
        assertThat(json(tags.list("alice", "empty", null, null, anyone(), uri("x")))).isEmpty();
        assertThat(json(branches.list("alice", "empty", null, null, anyone(), uri("x")))).isEmpty();
    }

    @Test
    void refsAreListedMatchedByPrefixAndFoundExactly() {
        JsonNode all = json(git.refs("alice", "tools", anyone(), uri("x")));
        assertThat(texts(all, "/ref")).containsExactly("refs/heads/feature/deep/x", "refs/heads/main", "refs/tags/v1.0",
                "refs/tags/v2.0");
        JsonNode annotated = all.get(3);
        assertThat(annotated.at("/object/type").asText()).isEqualTo("tag");
        assertThat(annotated.at("/object/sha").asText()).isNotEqualTo(f.c2);
        assertThat(annotated.at("/object/url").asText()).startsWith(API + "/git/tags/");
        assertThat(all.get(1).get("url").asText()).isEqualTo(API + "/git/refs/heads/main");
        assertThat(all.get(1).at("/object/type").asText()).isEqualTo("commit");

        JsonNode main = json(git.refsUnder("alice", "tools", "heads/main", anyone(), uri("x")));
        assertThat(main.get("ref").asText()).isEqualTo("refs/heads/main");
        assertThat(main.at("/object/sha").asText()).isEqualTo(f.c3);
        assertThat(texts(json(git.refsUnder("alice", "tools", "heads", anyone(), uri("x"))), "/ref"))
                .containsExactly("refs/heads/feature/deep/x", "refs/heads/main");
        assertThat(json(git.ref("alice", "tools", "tags/v1.0", anyone(), uri("x"))).at("/object/sha").asText())
                .isEqualTo(f.c1);
        assertThat(texts(json(git.matching("alice", "tools", "tags/", anyone(), uri("x"))), "/ref"))
                .containsExactly("refs/tags/v1.0", "refs/tags/v2.0");
        // A prefix is matched against the listed names only: it can name no file.
        assertThat(json(git.matching("alice", "tools", "../../", anyone(), uri("x")))).isEmpty();
        assertThat(status(() -> git.refsUnder("alice", "tools", "heads/nope", anyone(), uri("x")))).isEqualTo(404);
        assertThat(status(() -> git.ref("alice", "tools", "heads", anyone(), uri("x")))).isEqualTo(404);
        assertThat(status(() -> git.refs("alice", "empty", anyone(), uri("x")))).isEqualTo(409);
    }

    // ---- trees and blobs

    @Test
    void treesByRefOrShaAreListedRecursivelyWithModesAndSizes() {
        JsonNode tree = json(git.tree("alice", "tools", "main", "1", anyone(), uri("x")));
        assertThat(tree.get("truncated").asBoolean()).isFalse();
        assertThat(texts(tree.get("tree"), "/path")).containsExactly("README.md", "docs", "docs/manual.md",
                "docs/readme.txt", "link", "logo.png", "src", "src/main.c");
        JsonNode readmeEntry = tree.get("tree").get(0);
        assertThat(readmeEntry.get("mode").asText()).isEqualTo("100644");
        assertThat(readmeEntry.get("type").asText()).isEqualTo("blob");
        assertThat(readmeEntry.get("size").asLong()).isEqualTo("# Tools\n\nSmall tools.\n".length());
        assertThat(readmeEntry.get("url").asText()).isEqualTo(API + "/git/blobs/" + readmeEntry.get("sha").asText());
        JsonNode docs = tree.get("tree").get(1);
        assertThat(docs.get("mode").asText()).isEqualTo("040000");
        assertThat(docs.get("type").asText()).isEqualTo("tree");
        assertThat(docs.has("size")).isFalse();
        assertThat(tree.get("tree").get(4).get("mode").asText()).as("symlink").isEqualTo("120000");

        JsonNode top = json(git.tree("alice", "tools", tree.get("sha").asText(), null, anyone(), uri("x")));
        assertThat(texts(top.get("tree"), "/path")).containsExactly("README.md", "docs", "link", "logo.png", "src");
        JsonNode old = json(git.tree("alice", "tools", "v1.0", "1", anyone(), uri("x")));
        assertThat(texts(old.get("tree"), "/path")).contains("bin/run", "docs/guide.md");
        assertThat(old.get("tree").findValues("mode").stream().map(JsonNode::asText)).contains("100755");
        assertThat(json(git.tree("alice", "tools", f.c4, null, anyone(), uri("x"))).get("tree").toString())
                .contains("feature.txt");

        for (String bad : new String[] {"nope", "main~1", "main^{tree}", "HEAD:src", "0000000", "../HEAD"}) {
            assertThat(status(() -> git.tree("alice", "tools", bad, null, anyone(), uri("x")))).as(bad).isEqualTo(404);
        }
        assertThat(status(() -> git.tree("alice", "empty", "main", null, anyone(), uri("x")))).isEqualTo(409);
    }

    @Test
    void blobsAreBase64OrRaw() throws Exception {
        JsonNode tree = json(git.tree("alice", "tools", "main", "1", anyone(), uri("x")));
        String readmeSha = tree.get("tree").get(0).get("sha").asText();
        String logoSha = tree.get("tree").get(5).get("sha").asText();
        JsonNode blob = json(git.blob("alice", "tools", readmeSha, anyone(), uri("x")));
        assertThat(blob.get("encoding").asText()).isEqualTo("base64");
        assertThat(new String(Base64.getMimeDecoder().decode(blob.get("content").asText()), StandardCharsets.UTF_8))
                .isEqualTo("# Tools\n\nSmall tools.\n");
        assertThat(blob.get("size").asLong()).isEqualTo(22);
        assertThat(blob.get("url").asText()).isEqualTo(API + "/git/blobs/" + readmeSha);

        Response logo = git.blob("alice", "tools", logoSha, request(Principal.ANONYMOUS, "application/vnd.github.raw"),
                uri("x"));
        assertThat(body(logo)).isEqualTo(BrowsingFixture.LOGO);
        assertThat(logo.getMediaType().toString()).isEqualTo("application/octet-stream");

        assertThat(status(() -> git.blob("alice", "tools", f.c1, anyone(), uri("x")))).as("a commit").isEqualTo(404);
        assertThat(status(() -> git.blob("alice", "tools", "zz", anyone(), uri("x")))).isEqualTo(404);
        assertThat(status(() -> git.blob("alice", "tools", "0".repeat(40), anyone(), uri("x")))).isEqualTo(404);
    }

    // ---- contents, README, raw

    @Test
    void filesAreBase64WithGitHubsLinksAndDirectoriesAreArrays() {
        JsonNode file = json(contents.get("alice", "tools", "docs/manual.md", null, anyone(),
                uri("repos/alice/tools/contents/docs/manual.md")));
        assertThat(file.get("type").asText()).isEqualTo("file");
        assertThat(file.get("encoding").asText()).isEqualTo("base64");
        assertThat(file.get("name").asText()).isEqualTo("manual.md");
        assertThat(file.get("path").asText()).isEqualTo("docs/manual.md");
        assertThat(file.get("size").asLong()).isEqualTo(BrowsingFixture.GUIDE.length());
        assertThat(new String(Base64.getMimeDecoder().decode(file.get("content").asText()), StandardCharsets.UTF_8))
                .isEqualTo(BrowsingFixture.GUIDE);
        assertThat(file.get("content").asText()).as("lines of 60, as GitHub's").contains("\n");
        assertThat(file.get("url").asText()).isEqualTo(API + "/contents/docs/manual.md?ref=main");
        assertThat(file.get("git_url").asText()).isEqualTo(API + "/git/blobs/" + file.get("sha").asText());
        assertThat(file.get("html_url").asText()).isEqualTo("http://codara.test/alice/tools/blob/main/docs/manual.md");
        assertThat(file.get("download_url").asText()).isEqualTo(API + "/raw/main/docs/manual.md");
        assertThat(file.at("/_links/self").asText()).isEqualTo(file.get("url").asText());

        JsonNode top = json(contents.root("alice", "tools", null, anyone(), uri("x")));
        assertThat(texts(top, "/name")).containsExactly("README.md", "docs", "link", "logo.png", "src");
        assertThat(texts(top, "/type")).containsExactly("file", "dir", "symlink", "file", "dir");
        assertThat(top.get(1).get("download_url").isNull()).isTrue();
        assertThat(top.get(1).get("git_url").asText()).startsWith(API + "/git/trees/");
        assertThat(top.get(3).get("size").asLong()).isEqualTo(BrowsingFixture.LOGO.length);
        assertThat(json(contents.get("alice", "tools", "src/", null, anyone(), uri("x"))).get(0).get("path").asText())
                .isEqualTo("src/main.c");

        JsonNode old = json(contents.get("alice", "tools", "docs/guide.md", "v1.0", anyone(), uri("x")));
        assertThat(old.get("url").asText()).isEqualTo(API + "/contents/docs/guide.md?ref=v1.0");
        JsonNode link = json(contents.get("alice", "tools", "link", null, anyone(), uri("x")));
        assertThat(link.get("type").asText()).isEqualTo("symlink");
        assertThat(link.get("target").asText()).isEqualTo("src/main.c");
        assertThat(json(contents.get("alice", "tools", "feature.txt", "feature/deep/x", anyone(), uri("x")))
                .get("sha").asText()).isNotEmpty();
    }

    @Test
    void rawFilesAreTheBytesWithASafeType() throws Exception {
        for (String accept : new String[] {"application/vnd.github.raw", "application/vnd.github.v3.raw",
                "application/vnd.github.raw+json", "text/html, application/vnd.github.raw;q=0.9"}) {
            Response text = contents.get("alice", "tools", "src/main.c", null, request(Principal.ANONYMOUS, accept), uri("x"));
            assertThat(text.getMediaType().toString()).as(accept).isEqualTo("text/plain;charset=utf-8");
            assertThat(new String(body(text), StandardCharsets.UTF_8)).contains("puts(\"hi\")");
            assertThat(text.getHeaderString("X-GitHub-Media-Type")).isEqualTo("github.v3; param=raw");
            assertThat(text.getHeaderString("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        Response logo = contents.get("alice", "tools", "logo.png", null,
                request(Principal.ANONYMOUS, "application/vnd.github.raw"), uri("x"));
        assertThat(logo.getMediaType().toString()).isEqualTo("image/png");
        assertThat(body(logo)).isEqualTo(BrowsingFixture.LOGO);
        // JSON stays JSON; a directory is an array even when raw is asked for.
        assertThat(json(contents.get("alice", "tools", "src/main.c", null,
                request(Principal.ANONYMOUS, "application/vnd.github+json"), uri("x"))).get("encoding").asText())
                .isEqualTo("base64");
        assertThat(json(contents.get("alice", "tools", "src", null,
                request(Principal.ANONYMOUS, "application/vnd.github.raw"), uri("x"))).isArray()).isTrue();

        assertThat(new String(body(raw.get("alice", "tools", "main/README.md", anyone(), uri("x"))),
                StandardCharsets.UTF_8)).startsWith("# Tools");
        assertThat(new String(body(raw.get("alice", "tools", "feature/deep/x/feature.txt", anyone(), uri("x"))),
                StandardCharsets.UTF_8)).isEqualTo("A feature.\n");
        assertThat(new String(body(raw.get("alice", "tools", f.c1 + "/docs/guide.md", anyone(), uri("x"))),
                StandardCharsets.UTF_8)).isEqualTo(BrowsingFixture.GUIDE);
        for (String bad : new String[] {"main/nope", "main", "main/", "nope/README.md", "main/../README.md", "main/src"}) {
            assertThat(status(() -> raw.get("alice", "tools", bad, anyone(), uri("x")))).as(bad).isEqualTo(404);
        }
    }

    @Test
    void theReadmeIsFoundWithoutRegardToCaseInTheRootOrADirectory() throws Exception {
        JsonNode top = json(readme.root("alice", "tools", null, anyone(), uri("x")));
        assertThat(top.get("path").asText()).isEqualTo("README.md");
        assertThat(top.get("encoding").asText()).isEqualTo("base64");
        assertThat(json(readme.get("alice", "tools", "docs", null, anyone(), uri("x"))).get("path").asText())
                .isEqualTo("docs/readme.txt");
        Response rawReadme = readme.root("alice", "tools", "v1.0", request(Principal.ANONYMOUS, "application/vnd.github.raw"),
                uri("x"));
        assertThat(new String(body(rawReadme), StandardCharsets.UTF_8)).startsWith("# Tools");
        assertThat(status(() -> readme.get("alice", "tools", "src", null, anyone(), uri("x")))).isEqualTo(404);
        assertThat(status(() -> readme.root("alice", "empty", null, anyone(), uri("x")))).isEqualTo(404);
    }

    @Test
    void pathsThatTryToEscapeOrAreMalformedAreNotFound() {
        for (String bad : new String[] {"..", "../tools", "/etc/passwd", "docs/../../x", "docs/./manual.md", "docs//manual.md",
                "a\0b", "docs\\manual.md", "x".repeat(5000), ".git/config", "nope", "README.md/x"}) {
            assertThat(status(() -> contents.get("alice", "tools", bad, null, anyone(), uri("x")))).as(bad).isEqualTo(404);
        }
        for (String badRef : new String[] {"../../../../etc/passwd", "refs/heads/../../config", "HEAD:README.md", "main~1",
                "main@{0}", "main^", "nope", "ma\0in", "x".repeat(2000)}) {
            assertThat(status(() -> contents.get("alice", "tools", "README.md", badRef, anyone(), uri("x")))).as(badRef)
                    .isEqualTo(404);
        }
        // A blank ref means the default branch, as on GitHub.
        assertThat(json(contents.get("alice", "tools", "README.md", " ", anyone(), uri("x"))).get("url").asText())
                .endsWith("?ref=main");
    }

    // ---- history

    private List<String> shas(String sha, String path, String author, String since, String until, Integer page,
            Integer perPage) {
        return texts(json(commits.list("alice", "tools", sha, path, author, since, until, page, perPage, anyone(),
                uri("x"))), "/sha");
    }

    @Test
    void historyIsFilteredByRefPathAuthorAndTimeAndPaged() {
        assertThat(shas(null, null, null, null, null, null, null)).containsExactly(f.c3, f.c2, f.c1);
        assertThat(shas("feature/deep/x", null, null, null, null, null, null)).containsExactly(f.c4, f.c2, f.c1);
        assertThat(shas("v2.0", null, null, null, null, null, null)).containsExactly(f.c2, f.c1);
        assertThat(shas(f.c2.substring(0, 7), null, null, null, null, null, null)).containsExactly(f.c2, f.c1);
        assertThat(shas(null, "docs", null, null, null, null, null)).containsExactly(f.c3, f.c1);
        assertThat(shas(null, "src/main.c", null, null, null, null, null)).containsExactly(f.c2, f.c1);
        assertThat(shas(null, "logo.png", null, null, null, null, null)).containsExactly(f.c2);
        assertThat(shas(null, "bob", "bob", null, null, null, null)).isEmpty();
        assertThat(shas(null, null, "bob", null, null, null, null)).as("login").containsExactly(f.c2);
        assertThat(shas(null, null, "example.com", null, null, null, null)).as("email part").containsExactly(f.c3, f.c1);
        assertThat(shas(null, null, "ALICE", null, null, null, null)).containsExactly(f.c3, f.c1);
        assertThat(shas("feature/deep/x", null, "carol@", null, null, null, null)).containsExactly(f.c4);
        assertThat(shas(null, null, null, "2024-01-15T00:00:00Z", null, null, null)).containsExactly(f.c3, f.c2);
        assertThat(shas(null, null, null, null, BrowsingFixture.T2.toString(), null, null)).as("inclusive")
                .containsExactly(f.c2, f.c1);
        assertThat(shas(null, null, null, "2024-01-15", "2024-02-15T00:00:00+01:00", null, null)).containsExactly(f.c2);

        Page<?> second = commits.list("alice", "tools", null, null, null, null, null, 2, 1, anyone(), uri("x"));
        assertThat(second.total()).isEqualTo(3);
        assertThat(texts(json(second), "/sha")).containsExactly(f.c2);
        assertThat(shas(null, null, null, null, null, 2, 2)).containsExactly(f.c1);
        assertThat(shas(null, null, null, null, null, 3, 2)).isEmpty();

        JsonNode first = json(commits.list("alice", "tools", null, null, null, null, null, null, null, anyone(), uri("x")))
                .get(2);
        assertThat(first.at("/commit/message").asText()).isEqualTo("First tools\n\nWith a body.");
        assertThat(first.at("/commit/author/email").asText()).isEqualTo("alice@example.com");
        assertThat(first.at("/commit/author/date").asText()).isEqualTo("2024-01-01T10:00:00Z");
        assertThat(first.at("/commit/committer/name").asText()).isEqualTo("Alice");
        assertThat(first.at("/commit/tree/url").asText()).startsWith(API + "/git/trees/");
        assertThat(first.at("/commit/verification/verified").asBoolean()).isFalse();
        assertThat(first.get("author").isNull()).isTrue();
        assertThat(first.get("committer").isNull()).isTrue();
        assertThat(first.get("parents")).isEmpty();
        assertThat(first.get("html_url").asText()).isEqualTo("http://codara.test/alice/tools/commit/" + f.c1);

        assertThat(status(() -> shas(null, null, null, "yesterday", null, null, null))).isEqualTo(422);
        assertThat(status(() -> shas("nope", null, null, null, null, null, null))).isEqualTo(404);
        assertThat(status(() -> shas(null, "../x", null, null, null, null, null))).isEqualTo(404);
        assertThat(status(() -> shas(null, null, null, null, null, 0, null))).isEqualTo(422);
    }

    @Test
    void anEmptyRepositoryAnswers409WhereGitHubsDoes() {
        String empty = "Git Repository is empty.";
        assertThat(message(() -> commits.list("alice", "empty", null, null, null, null, null, null, null, anyone(),
                uri("x")))).isEqualTo(empty);
        assertThat(status(() -> commits.get("alice", "empty", "main", anyone(), uri("x")))).isEqualTo(409);
        assertThat(message(() -> contents.root("alice", "empty", null, anyone(), uri("x")))).isEqualTo(empty);
        assertThat(status(() -> contents.get("alice", "empty", "README.md", null, anyone(), uri("x")))).isEqualTo(409);
        assertThat(status(() -> compare.compare("alice", "empty", "main...main", anyone(), uri("x")))).isEqualTo(409);
    }

    @Test
    void aCommitListsItsFilesWithPatchesStatsRenamesAndBinaries() {
        JsonNode c2 = json(commits.get("alice", "tools", f.c2, anyone(), uri("x")));
        assertThat(c2.get("sha").asText()).isEqualTo(f.c2);
        assertThat(texts(c2.get("parents"), "/sha")).containsExactly(f.c1);
        assertThat(texts(c2.get("files"), "/filename")).containsExactly("logo.png", "src/main.c");
        JsonNode logo = c2.get("files").get(0);
        assertThat(logo.get("status").asText()).isEqualTo("added");
        assertThat(logo.has("patch")).as("binary").isFalse();
        assertThat(logo.get("changes").asInt()).isZero();
        JsonNode main = c2.get("files").get(1);
        assertThat(main.get("status").asText()).isEqualTo("modified");
        assertThat(main.get("additions").asInt()).isEqualTo(3);
        assertThat(main.get("deletions").asInt()).isEqualTo(0);
        assertThat(main.get("changes").asInt()).isEqualTo(3);
        assertThat(main.get("patch").asText()).startsWith("@@ -1,3 +1,6 @@").contains("+#include <stdio.h>")
                .doesNotContain("diff --git").doesNotEndWith("\n");
        assertThat(main.get("raw_url").asText()).isEqualTo(API + "/raw/" + f.c2 + "/src/main.c");
        assertThat(main.get("contents_url").asText()).isEqualTo(API + "/contents/src/main.c?ref=" + f.c2);
        assertThat(c2.at("/stats/additions").asInt()).isEqualTo(3);
        assertThat(c2.at("/stats/total").asInt()).isEqualTo(3);

        JsonNode c3 = json(commits.get("alice", "tools", "main", anyone(), uri("x")));
        assertThat(c3.get("sha").asText()).isEqualTo(f.c3);
        JsonNode renamed = c3.get("files").findParent("previous_filename");
        assertThat(renamed.get("filename").asText()).isEqualTo("docs/manual.md");
        assertThat(renamed.get("previous_filename").asText()).isEqualTo("docs/guide.md");
        assertThat(renamed.get("status").asText()).isEqualTo("renamed");
        assertThat(renamed.get("changes").asInt()).isZero();
        JsonNode removed = c3.get("files").get(0);
        assertThat(removed.get("filename").asText()).isEqualTo("bin/run");
        assertThat(removed.get("status").asText()).isEqualTo("removed");
        assertThat(removed.get("deletions").asInt()).isEqualTo(2);
        assertThat(c3.at("/stats/deletions").asInt()).isEqualTo(2);

        JsonNode root = json(commits.get("alice", "tools", "v1.0", anyone(), uri("x")));
        assertThat(texts(root.get("files"), "/status")).containsOnly("added");
        assertThat(root.get("files")).hasSize(6);

        assertThat(json(commits.get("alice", "tools", f.c4.substring(0, 8), anyone(), uri("x"))).get("sha").asText())
                .isEqualTo(f.c4);
        for (String bad : new String[] {"nope", "main~1", "main^", "HEAD@{1}", "0000000000", "..", "refs/heads/../x"}) {
            assertThat(status(() -> commits.get("alice", "tools", bad, anyone(), uri("x")))).as(bad).isEqualTo(404);
        }
    }

    @Test
    void comparisonsSayAheadBehindDivergedOrIdentical() {
        JsonNode diverged = json(compare.compare("alice", "tools", "main...feature/deep/x", anyone(), uri("x")));
        assertThat(diverged.get("status").asText()).isEqualTo("diverged");
        assertThat(diverged.get("ahead_by").asInt()).isEqualTo(1);
        assertThat(diverged.get("behind_by").asInt()).isEqualTo(1);
        assertThat(diverged.get("total_commits").asInt()).isEqualTo(1);
        assertThat(diverged.at("/merge_base_commit/sha").asText()).isEqualTo(f.c2);
        assertThat(diverged.at("/base_commit/sha").asText()).isEqualTo(f.c3);
        assertThat(texts(diverged.get("commits"), "/sha")).containsExactly(f.c4);
        assertThat(texts(diverged.get("files"), "/filename")).containsExactly("feature.txt");
        assertThat(diverged.get("url").asText()).isEqualTo(API + "/compare/main...feature/deep/x");

        JsonNode ahead = json(compare.compare("alice", "tools", "v1.0...main", anyone(), uri("x")));
        assertThat(ahead.get("status").asText()).isEqualTo("ahead");
        assertThat(ahead.get("ahead_by").asInt()).isEqualTo(2);
        assertThat(ahead.get("behind_by").asInt()).isZero();
        assertThat(texts(ahead.get("commits"), "/sha")).as("oldest first").containsExactly(f.c2, f.c3);
        assertThat(texts(ahead.get("files"), "/filename")).containsExactly("bin/run", "docs/manual.md", "logo.png",
                "src/main.c");

        JsonNode behind = json(compare.compare("alice", "tools", "main...v1.0", anyone(), uri("x")));
        assertThat(behind.get("status").asText()).isEqualTo("behind");
        assertThat(behind.get("behind_by").asInt()).isEqualTo(2);
        assertThat(behind.get("commits")).isEmpty();
        assertThat(behind.get("files")).isEmpty();

        JsonNode same = json(compare.compare("alice", "tools", "main..." + f.c3, anyone(), uri("x")));
        assertThat(same.get("status").asText()).isEqualTo("identical");
        assertThat(same.get("ahead_by").asInt() + same.get("behind_by").asInt()).isZero();
        assertThat(json(compare.compare("alice", "tools", "alice:v1.0...alice:v2.0", anyone(), uri("x")))
                .get("ahead_by").asInt()).isEqualTo(1);

        for (String bad : new String[] {"main..feature/deep/x", "main...", "...main", "nope...main", "main...nope",
                "bob:main...main", "main~1...main"}) {
            assertThat(status(() -> compare.compare("alice", "tools", bad, anyone(), uri("x")))).as(bad).isEqualTo(404);
        }
    }

    // ---- who may read, and where a repository went

    @Test
    void aPrivateRepositoryIsInvisibleToOthersAndReadableByItsOwner() {
        HttpServletRequest owner = request(ALICE);
        assertThat(json(branches.list("alice", "secret", null, null, owner, uri("x")))).hasSize(1);
        assertThat(json(readme.root("alice", "secret", null, owner, uri("x"))).get("name").asText()).isEqualTo("README.md");
        for (HttpServletRequest other : List.of(anyone(), request(BOB))) {
            assertThat(status(() -> branches.list("alice", "secret", null, null, other, uri("x")))).isEqualTo(404);
            assertThat(status(() -> contents.get("alice", "secret", "README.md", null, other, uri("x")))).isEqualTo(404);
            assertThat(status(() -> commits.get("alice", "secret", "main", other, uri("x")))).isEqualTo(404);
            assertThat(status(() -> git.tree("alice", "secret", "main", "1", other, uri("x")))).isEqualTo(404);
        }
        assertThat(status(() -> branches.list("alice", "no-such", null, null, owner, uri("x")))).isEqualTo(404);
    }

    @Test
    void aRenamedRepositoryAnswers301ToTheSamePathUnderItsNewName() {
        Actor alice = new Actor("alice", "10.0.0.1");
        f.repositories.create("alice", new NewRepository("before", null, null, null, true, null, null, null), alice);
        f.repositories.update("alice", "before", new RepositoryUpdate("after", null, null, null, null, null, null, null),
                alice);
        try {
            contents.get("alice", "before", "README.md", "main", anyone(),
                    uri("repos/alice/before/contents/README.md?ref=main"));
            throw new AssertionError("expected a redirect");
        } catch (RepositoryAccess.Moved moved) {
            assertThat(moved.getResponse().getStatus()).isEqualTo(301);
            assertThat(moved.getResponse().getLocation().toString())
                    .isEqualTo("http://codara.test/api/v3/repos/alice/after/contents/README.md?ref=main");
        }
        assertThat(json(contents.get("alice", "after", "README.md", null, anyone(), uri("x"))).get("name").asText())
                .isEqualTo("README.md");
    }
}
