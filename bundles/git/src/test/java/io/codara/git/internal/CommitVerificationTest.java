package io.codara.git.internal;

import static io.codara.git.internal.BrowsingFixture.request;
import static io.codara.git.internal.BrowsingFixture.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.codara.api.audit.Actor;
import io.codara.api.auth.GpgKey;
import io.codara.api.rest.Page;

/**
 * {@code commit.verification} in the commits and compare answers, for commits signed by the real {@code gpg} and
 * pushed with the real {@code git}: unsigned, unknown key, valid once the key is registered (the cached result is
 * dropped when the keys change), unknown again once it is deleted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommitVerificationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Actor ALICE = new Actor("alice", "10.0.0.1");

    private BrowsingFixture f;
    private CommitsResource commits;
    private CompareResource compare;
    private Path home;
    private String keyId;
    private String unsigned;
    private String signed;

    @BeforeAll
    void push(@TempDir Path root) throws Exception {
        f = new BrowsingFixture(root, RepositoryBrowser.Limits.DEFAULT);
        commits = new CommitsResource(f.access, f.browser, f.accounts, f.signatures);
        compare = new CompareResource(f.access, f.browser, f.signatures);
        var alice = f.accounts.find("alice");
        when(f.accounts.findByEmail("alice@example.com", false)).thenReturn(alice);
        f.authDatabase.execute("INSERT INTO auth.accounts (login, type) VALUES ('alice', 'User')");

        home = Files.createDirectories(root.resolve("gnupg"));
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        GitCli git = new GitCli(Files.createDirectories(root.resolve("home")));
        Map<String, String> env = Map.of("GNUPGHOME", home.toString());
        gpg("--batch", "--passphrase", "", "--quick-gen-key", "Alice <alice@example.com>", "ed25519", "sign", "never");
        keyId = Arrays.stream(gpg("--with-colons", "--list-keys").split("\n")).filter(l -> l.startsWith("pub:"))
                .findFirst().orElseThrow().split(":")[4];

        Path work = Files.createDirectories(root.resolve("signed-work"));
        git.run(work, "init", "-q", "-b", "main").ok();
        GitCli.write(work.resolve("a.txt"), "a\n");
        git.run(work, "add", "-A").ok();
        git.run(work, "-c", "user.name=Alice", "-c", "user.email=alice@example.com", "commit", "-q", "-m", "unsigned")
                .ok();
        unsigned = git.run(work, "rev-parse", "HEAD").out().strip();
        GitCli.write(work.resolve("b.txt"), "b\n");
        git.run(work, "add", "-A").ok();
        git.run(work, env, "-c", "user.name=Alice", "-c", "user.email=alice@example.com", "-c", "gpg.program=gpg",
                "-c", "user.signingkey=" + keyId, "commit", "-q", "-S", "-m", "signed").ok();
        signed = git.run(work, "rev-parse", "HEAD").out().strip();
        git.run(work, "push", "-q", f.directories.directory(f.empty.id()).toString(), "main").ok();
    }

    @AfterAll
    void stopAgent() throws Exception {
        new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent").start().waitFor();
    }

    @Test
    void verificationFollowsTheRegisteredKeys() throws Exception {
        JsonNode before = verification(signed);
        assertThat(before.get("verified").asBoolean()).isFalse();
        assertThat(before.get("reason").asText()).isEqualTo("unknown_key");
        assertThat(before.get("key_id").asText()).isEqualTo(keyId);
        assertThat(before.get("signature").asText()).startsWith("-----BEGIN PGP SIGNATURE-----");
        assertThat(before.get("payload").asText()).startsWith("tree ").doesNotContain("gpgsig").endsWith("signed\n");

        GpgKey key = f.gpgKeys.add("alice", "laptop", gpg("--armor", "--export", keyId), ALICE);
        JsonNode valid = verification(signed);
        assertThat(valid.get("verified").asBoolean()).isTrue();
        assertThat(valid.get("reason").asText()).isEqualTo("valid");
        assertThat(valid.get("signer").asText()).isEqualTo("alice");
        assertThat(valid.get("verified_at").isNull()).isFalse();

        JsonNode plain = verification(unsigned);
        assertThat(plain.get("verified").asBoolean()).isFalse();
        assertThat(plain.get("reason").asText()).isEqualTo("unsigned");
        assertThat(plain.get("signature").isNull()).isTrue();
        assertThat(plain.get("payload").isNull()).isTrue();

        // The list and the comparison show the same.
        JsonNode list = JSON.valueToTree(((Page<?>) commits.list("alice", "empty", null, null, null, null, null, null,
                null, request(BrowsingFixture.ALICE), uri("x"))).items());
        assertThat(list.get(0).at("/commit/verification/reason").asText()).isEqualTo("valid");
        assertThat(list.get(1).at("/commit/verification/reason").asText()).isEqualTo("unsigned");
        JsonNode comparison = JSON.valueToTree(compare.compare("alice", "empty", unsigned + "..." + signed,
                request(BrowsingFixture.ALICE), uri("x")));
        assertThat(comparison.at("/commits/0/commit/verification/reason").asText()).isEqualTo("valid");

        f.gpgKeys.delete("alice", key.id(), ALICE);
        assertThat(verification(signed).get("reason").asText()).isEqualTo("unknown_key");
    }

    private JsonNode verification(String sha) {
        return JSON.valueToTree(commits.get("alice", "empty", sha, request(BrowsingFixture.ALICE), uri("x")))
                .at("/commit/verification");
    }

    private String gpg(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--quiet"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
        return out;
    }
}
