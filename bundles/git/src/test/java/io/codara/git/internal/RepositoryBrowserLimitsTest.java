package io.codara.git.internal;

import static io.codara.git.internal.BrowsingFixture.request;
import static io.codara.git.internal.BrowsingFixture.uri;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.rest.ApiException;
import io.codara.api.security.Principal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one request may read is bounded: long trees are truncated, big files are not inlined, long patches left out. */
class RepositoryBrowserLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    @Test
    void largeTreesFilesBlobsAndPatchesAreCutAsGitHubCutsThem() throws Exception {
        // 3 tree entries, files inline up to 40 bytes, blobs up to 100, patches up to 200 bytes, 1 file per diff.
        BrowsingFixture f = new BrowsingFixture(root, new RepositoryBrowser.Limits(3, 40, 100, 1 << 20, 1, 200, 1 << 20,
                250, 10_000));
        GitDatabaseResource git = new GitDatabaseResource(f.access, f.browser, f.branchUpdates());
        ContentsResource contents = new ContentsResource(f.access, f.browser);
        CommitsResource commits = new CommitsResource(f.access, f.browser, f.accounts, f.signatures);

        JsonNode tree = JSON.valueToTree(git.tree("alice", "tools", "main", "1", request(Principal.ANONYMOUS), uri("x")));
        assertThat(tree.get("truncated").asBoolean()).isTrue();
        assertThat(tree.get("tree")).hasSize(3);

        JsonNode big = JSON.valueToTree(contents.get("alice", "tools", "docs/manual.md", null,
                request(Principal.ANONYMOUS), uri("x")).getEntity());
        assertThat(big.get("encoding").asText()).isEqualTo("none");
        assertThat(big.get("content").asText()).isEmpty();
        assertThat(big.get("size").asInt()).isEqualTo(BrowsingFixture.GUIDE.length());
        Response raw = contents.get("alice", "tools", "docs/manual.md", null,
                request(Principal.ANONYMOUS, "application/vnd.github.raw"), uri("x"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((StreamingOutput) raw.getEntity()).write(out);
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(BrowsingFixture.GUIDE);

        String guideSha = big.get("sha").asText();
        try {
            git.blob("alice", "tools", guideSha, request(Principal.ANONYMOUS), uri("x"));
            throw new AssertionError("a blob over the limit is refused as JSON");
        } catch (ApiException e) {
            assertThat(e.status()).isEqualTo(403);
        }

        // c1 adds six files: one is listed, the totals count all; the guide's patch is over 200 bytes.
        JsonNode root = JSON.valueToTree(commits.get("alice", "tools", f.c1, request(Principal.ANONYMOUS), uri("x")));
        assertThat(root.get("files")).hasSize(1);
        assertThat(root.at("/stats/additions").asInt()).isEqualTo(1 + 3 + 22 + 1 + 2 + 3);
        JsonNode c3 = JSON.valueToTree(commits.get("alice", "tools", f.c3, request(Principal.ANONYMOUS), uri("x")));
        assertThat(c3.get("files")).hasSize(1);
    }

    @Test
    void aLongPatchIsLeftOutButCounted() throws Exception {
        BrowsingFixture f = new BrowsingFixture(root, new RepositoryBrowser.Limits(100, 1 << 20, 1 << 20, 1 << 20, 300,
                200, 1 << 20, 250, 10_000));
        CommitsResource commits = new CommitsResource(f.access, f.browser, f.accounts, f.signatures);
        JsonNode c1 = JSON.valueToTree(commits.get("alice", "tools", f.c1, request(Principal.ANONYMOUS), uri("x")));
        JsonNode guide = c1.get("files").findParents("filename").stream()
                .filter(n -> n.get("filename").asText().equals("docs/guide.md")).findFirst().orElseThrow();
        assertThat(guide.has("patch")).isFalse();
        assertThat(guide.get("additions").asInt()).isEqualTo(22);
        JsonNode readme = c1.get("files").findParents("filename").stream()
                .filter(n -> n.get("filename").asText().equals("README.md")).findFirst().orElseThrow();
        assertThat(readme.get("patch").asText()).isEqualTo("@@ -0,0 +1,3 @@\n+# Tools\n+\n+Small tools.");
    }
}
