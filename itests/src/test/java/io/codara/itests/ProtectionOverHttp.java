package io.codara.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Branch and tag protection end to end, run by {@link DistributionIT} in the booted distribution: rules set through
 * GitHub's REST shape ({@code PUT .../branches/{branch}/protection}, {@code POST .../tags/protection}), then the
 * real git CLI gets each refusal with the {@code remote:} line that names the rule, while allowed pushes still land.
 * The organisation {@code protorg} owns {@code guarded}; {@code protowner} owns the organisation (an admin of the
 * repository), {@code protwriter} writes to it through the team {@code writers}. Built once per boot.
 */
final class ProtectionOverHttp {

    private static final String PASSWORD = " password 12345";
    private static ProtectionOverHttp instance;
    private static Throwable failure;

    private final Http http;
    private final String ownerToken;
    private final String writerToken;
    private final Path work;
    private int clones;

    private ProtectionOverHttp(Http http, String admin) {
        this.http = http;
        for (String login : List.of("protowner", "protwriter")) {
            expect(201, http.send("POST", "/api/v3/admin/users", "application/json", "{\"login\":\"" + login
                    + "\",\"email\":\"" + login + "@example.com\",\"password\":\"" + login + PASSWORD + "\"}",
                    "Authorization", admin), "create " + login);
        }
        expect(201, owner("POST", "/api/v3/orgs", "{\"login\":\"protorg\"}"), "create protorg");
        expect(200, owner("PUT", "/api/v3/orgs/protorg/memberships/protwriter", "{\"role\":\"member\"}"), "protwriter joins");
        expect(201, owner("POST", "/api/v3/orgs/protorg/teams", "{\"name\":\"Writers\",\"privacy\":\"closed\"}"), "team writers");
        expect(200, owner("PUT", "/api/v3/orgs/protorg/teams/writers/memberships/protwriter", "{\"role\":\"member\"}"),
                "protwriter in writers");
        expect(201, owner("POST", "/api/v3/orgs/protorg/repos", "{\"name\":\"guarded\",\"auto_init\":true}"), "create guarded");
        expect(204, owner("PUT", "/api/v3/orgs/protorg/teams/writers/repos/protorg/guarded", "{\"permission\":\"push\"}"),
                "writers push to guarded");
        ownerToken = token("protowner");
        writerToken = token("protwriter");
        try {
            work = Files.createTempDirectory("protection-over-http");
            Files.createDirectories(work.resolve("home"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized ProtectionOverHttp on(Http http, IdentityAndAccess identity) {
        if (failure != null) {
            throw new AssertionError("The protection fixture could not be built (see the first test that failed)", failure);
        }
        if (instance == null) {
            try {
                instance = new ProtectionOverHttp(http, identity.siteAdmin());
            } catch (RuntimeException | AssertionError e) {
                failure = e;
                throw e;
            }
        }
        return instance;
    }

    /** main protected (admins included): force push, deletion and merge commits refused; fast-forwards land. */
    void forcePushesDeletionsAndMergesAreRefusedWithTheRule() {
        JsonNode rule = expect(200, owner("PUT", "/api/v3/repos/protorg/guarded/branches/main/protection",
                "{\"required_status_checks\":{\"strict\":true,\"contexts\":[\"ci\"]},\"enforce_admins\":true,"
                        + "\"required_pull_request_reviews\":null,\"restrictions\":null,\"required_linear_history\":true}"),
                "protect main");
        assertEquals(http.base() + "/api/v3/repos/protorg/guarded/branches/main/protection", rule.path("url").asText());
        assertTrue(rule.path("required_linear_history").path("enabled").asBoolean());
        assertEquals(rule, expect(200, owner("GET", "/api/v3/repos/protorg/guarded/branches/main/protection", null), "read"));
        assertEquals(403, writer("GET", "/api/v3/repos/protorg/guarded/branches/main/protection", null).statusCode());
        assertTrue(expect(200, writer("GET", "/api/v3/repos/protorg/guarded/branches/main", null), "branch")
                .path("protected").asBoolean());

        Path clone = cloneAs(writerToken);
        String base = head(clone);
        String forward = commit(clone, "forward.txt", "fast forward\n");
        git(clone, "push", "origin", "main").ok();

        git(clone, "reset", "-q", "--hard", base).ok();
        commit(clone, "rewrite.txt", "rewritten\n");
        GitCli.Result force = git(clone, "push", "--force", "origin", "main");
        assertNotEquals(0, force.exit());
        assertTrue(force.err(), force.err().contains(
                "remote: refs/heads/main is protected: force pushes are not allowed (rule \"main\")"));
        assertTrue(force.err(), force.err().contains("[remote rejected] main -> main (protected branch: force push not allowed)"));

        GitCli.Result delete = git(clone, "push", "origin", ":main");
        assertTrue(delete.err(), delete.err().contains("remote: refs/heads/main is protected: deletions are not allowed (rule \"main\")"));

        git(clone, "reset", "-q", "--hard", forward).ok();
        git(clone, "checkout", "-q", "-b", "side").ok();
        commit(clone, "side.txt", "side\n");
        git(clone, "checkout", "-q", "main").ok();
        commit(clone, "main.txt", "main\n");
        git(clone, "merge", "-q", "--no-ff", "-m", "Merge side", "side").ok();
        String merge = head(clone);
        GitCli.Result merged = git(clone, "push", "origin", "main");
        assertTrue(merged.err(), merged.err().contains("remote: refs/heads/main is protected: merge commits are not allowed, "
                + merge.substring(0, 7) + " is a merge commit (rule \"main\")"));
        assertTrue(remoteHead(clone, "main").startsWith(forward));

        // The admin is bound too (enforce_admins), until the rule is gone.
        Path admin = cloneAs(ownerToken);
        git(admin, "reset", "-q", "--hard", base).ok();
        commit(admin, "admin.txt", "admin rewrite\n");
        assertTrue(git(admin, "push", "--force", "origin", "main").err().contains("force pushes are not allowed"));
        expect(204, owner("DELETE", "/api/v3/repos/protorg/guarded/branches/main/protection", null), "unprotect main");
        assertEquals(404, owner("GET", "/api/v3/repos/protorg/guarded/branches/main/protection", null).statusCode());
        git(admin, "push", "--force", "origin", "main").ok();
        assertEquals(head(admin), remoteHead(admin, "main"));
    }

    /** A pattern rule restricting pushers, and one requiring signatures verified against the account's SSH key. */
    void restrictedAndSignedBranchesTakeOnlyWhatTheirRuleAllows() {
        expect(200, owner("PUT", "/api/v3/repos/protorg/guarded/branches/release%2F*/protection",
                "{\"required_status_checks\":null,\"enforce_admins\":false,\"required_pull_request_reviews\":null,"
                        + "\"restrictions\":{\"users\":[\"protowner\"],\"teams\":[]}}"), "protect release/*");
        JsonNode signed = expect(200, owner("PUT", "/api/v3/repos/protorg/guarded/branches/signed%2F**/protection",
                "{\"required_status_checks\":null,\"enforce_admins\":true,\"required_pull_request_reviews\":null,"
                        + "\"restrictions\":null,\"required_signatures\":true}"), "protect signed/**");
        assertTrue(signed.path("required_signatures").path("enabled").asBoolean());

        Path clone = cloneAs(writerToken);
        GitCli.Result restricted = git(clone, "push", "origin", "main:release/1.0");
        assertNotEquals(0, restricted.exit());
        assertTrue(restricted.err(), restricted.err().contains(
                "remote: refs/heads/release/1.0 is protected: you are not allowed to push to this branch (rule \"release/*\")"));
        git(clone, "push", "origin", "main:feature/free").ok();
        Path admin = cloneAs(ownerToken);
        git(admin, "push", "origin", "main:release/1.0").ok();

        git(clone, "checkout", "-q", "-b", "signed/one").ok();
        String unsigned = commit(clone, "unsigned.txt", "unsigned\n");
        GitCli.Result refused = git(clone, "push", "origin", "signed/one");
        assertTrue(refused.err(), refused.err().contains("remote: refs/heads/signed/one is protected: commits must have"
                + " verified signatures, " + unsigned.substring(0, 7) + " is not verified (unsigned): it is not signed"
                + " (rule \"signed/**\")"));

        // Signed with an SSH key that protwriter registered, by the email of protwriter's account: verified.
        git(clone, "reset", "-q", "--hard", "HEAD~1").ok();
        Path key = work.resolve("protwriter-key");
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "protwriter", "-f", key.toString()));
        String publicKey;
        try {
            publicKey = Files.readString(Path.of(key + ".pub")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path unregistered = work.resolve("stranger-key");
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "stranger", "-f", unregistered.toString()));
        String stranger = signedCommit(clone, unregistered, "stranger.txt");
        GitCli.Result unknown = git(clone, "push", "origin", "signed/one");
        assertTrue(unknown.err(), unknown.err().contains(stranger.substring(0, 7)
                + " is not verified (unknown_key): its signing key SHA256:"));
        assertTrue(unknown.err(), unknown.err().contains("is not registered with any Codara account"));
        git(clone, "reset", "-q", "--hard", "HEAD~1").ok();

        expect(201, http.send("POST", "/api/v3/user/keys", "application/json",
                "{\"title\":\"signing\",\"key\":\"" + publicKey + "\"}", "Authorization", basic("protwriter")), "add key");
        String good = signedCommit(clone, key, "signed.txt");
        git(clone, "push", "origin", "signed/one").ok();
        assertEquals(good, remoteHead(clone, "signed/one"));
    }

    /**
     * GPG: a key made by the real {@code gpg} and registered over REST ({@code /user/gpg_keys}) by protwriter, whose
     * account has the key's email; a commit signed with it by the real git is accepted by required signatures and
     * shown as {@code verified}/{@code valid} by the commits endpoints, an unsigned one as {@code unsigned}.
     */
    void gpgSignedCommitsAreVerifiedAndPassRequiredSignatures() {
        expect(200, owner("PUT", "/api/v3/repos/protorg/guarded/branches/gpg%2F**/protection",
                "{\"required_status_checks\":null,\"enforce_admins\":true,\"required_pull_request_reviews\":null,"
                        + "\"restrictions\":null,\"required_signatures\":true}"), "protect gpg/**");
        Path home = work.resolve("gnupg");
        Path program = work.resolve("gpg-for-git");
        try {
            Files.createDirectories(home);
            Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            // git runs gpg.program with its own environment: this wrapper points gpg at the test's key ring.
            Files.writeString(program, "#!/bin/sh\nexec gpg --homedir '" + home + "' \"$@\"\n");
            program.toFile().setExecutable(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            run(List.of("gpg", "--homedir", home.toString(), "--batch", "--passphrase", "", "--quick-gen-key",
                    "Prot Writer <protwriter@example.com>", "ed25519", "sign", "never"));
            String keyId = java.util.Arrays.stream(output(List.of("gpg", "--homedir", home.toString(), "--with-colons",
                    "--list-keys")).split("\n")).filter(line -> line.startsWith("pub:")).findFirst().orElseThrow()
                    .split(":")[4];
            String armored = output(List.of("gpg", "--homedir", home.toString(), "--armor", "--export", keyId));
            String body = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("name", "laptop").put("armored_public_key", armored)
                    .toString();

            JsonNode key = expect(201, writer("POST", "/api/v3/user/gpg_keys", body), "add GPG key");
            assertEquals(keyId, key.path("key_id").asText());
            assertTrue(key.toString(), key.path("can_sign").asBoolean());
            assertEquals("protwriter@example.com", key.path("emails").path(0).path("email").asText());
            assertTrue(key.path("raw_key").asText().startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----"));
            assertEquals(422, writer("POST", "/api/v3/user/gpg_keys", body).statusCode());
            assertEquals(422, writer("POST", "/api/v3/user/gpg_keys", "{\"armored_public_key\":\"garbage\"}")
                    .statusCode());
            JsonNode own = expect(200, writer("GET", "/api/v3/user/gpg_keys/" + key.path("id").asLong(), null), "get");
            assertEquals(keyId, own.path("key_id").asText());
            JsonNode everyone = expect(200, http.send("GET", "/api/v3/users/protwriter/gpg_keys", null, null),
                    "public GPG keys");
            assertEquals(keyId, everyone.path(0).path("key_id").asText());

            Path clone = cloneAs(writerToken);
            git(clone, "checkout", "-q", "-b", "gpg/one").ok();
            String unsigned = commit(clone, "gpg-unsigned.txt", "unsigned\n");
            GitCli.Result refused = git(clone, "push", "origin", "gpg/one");
            assertTrue(refused.err(), refused.err().contains(unsigned.substring(0, 7)
                    + " is not verified (unsigned): it is not signed (rule \"gpg/**\")"));
            git(clone, "push", "origin", "gpg/one:free/unsigned").ok();
            git(clone, "reset", "-q", "--hard", "HEAD~1").ok();

            try {
                Files.writeString(clone.resolve("gpg-signed.txt"), "signed\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            git(clone, "add", "-A").ok();
            git(clone, "-c", "user.email=protwriter@example.com", "-c", "gpg.program=" + program, "-c",
                    "user.signingkey=" + keyId, "commit", "-q", "-S", "-m", "signed with gpg").ok();
            String signed = head(clone);
            git(clone, "push", "origin", "gpg/one").ok();
            assertEquals(signed, remoteHead(clone, "gpg/one"));

            JsonNode verification = expect(200, writer("GET", "/api/v3/repos/protorg/guarded/commits/" + signed, null),
                    "signed commit").path("commit").path("verification");
            assertTrue(verification.toString(), verification.path("verified").asBoolean());
            assertEquals("valid", verification.path("reason").asText());
            assertEquals(keyId, verification.path("key_id").asText());
            assertTrue(verification.path("signature").asText().startsWith("-----BEGIN PGP SIGNATURE-----"));
            assertTrue(verification.path("payload").asText().startsWith("tree "));
            JsonNode list = expect(200, writer("GET", "/api/v3/repos/protorg/guarded/commits?sha=gpg/one", null), "list");
            assertEquals("valid", list.path(0).path("commit").path("verification").path("reason").asText());
            JsonNode plain = expect(200, writer("GET", "/api/v3/repos/protorg/guarded/commits/" + unsigned, null),
                    "unsigned commit").path("commit").path("verification");
            assertFalse(plain.path("verified").asBoolean());
            assertEquals("unsigned", plain.path("reason").asText());

            // Deleting the key makes the same commit unverifiable.
            expect(204, writer("DELETE", "/api/v3/user/gpg_keys/" + key.path("id").asLong(), null), "delete key");
            assertEquals("unknown_key", expect(200, writer("GET", "/api/v3/repos/protorg/guarded/commits/" + signed,
                    null), "after delete").path("commit").path("verification").path("reason").asText());
        } finally {
            run(List.of("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent"));
        }
    }

    /** Tags matching a protected pattern: writers are refused, admins create them; other tags are free. */
    void protectedTagsAreForMaintainersAndAdmins() {
        JsonNode made = expect(201, owner("POST", "/api/v3/repos/protorg/guarded/tags/protection", "{\"pattern\":\"v*\"}"),
                "protect v*");
        assertEquals("v*", made.path("pattern").asText());
        JsonNode list = expect(200, owner("GET", "/api/v3/repos/protorg/guarded/tags/protection", null), "list");
        assertEquals(1, list.size());
        assertEquals(403, writer("GET", "/api/v3/repos/protorg/guarded/tags/protection", null).statusCode());

        Path clone = cloneAs(writerToken);
        git(clone, "tag", "v1.0").ok();
        git(clone, "tag", "nightly").ok();
        GitCli.Result refused = git(clone, "push", "origin", "v1.0", "nightly");
        assertNotEquals(0, refused.exit());
        assertTrue(refused.err(), refused.err().contains("remote: refs/tags/v1.0 is protected: only users with the maintain"
                + " or admin role may create, update or delete it (tag protection \"v*\")"));
        assertTrue(refused.err(), refused.err().contains("[new tag]"));
        assertTrue(git(clone, "ls-remote", "origin", "refs/tags/v1.0").ok().out().isBlank());

        Path admin = cloneAs(ownerToken);
        git(admin, "tag", "v1.0").ok();
        git(admin, "push", "origin", "v1.0").ok();
        assertFalse(git(clone, "ls-remote", "origin", "refs/tags/v1.0").ok().out().isBlank());

        expect(204, owner("DELETE", "/api/v3/repos/protorg/guarded/tags/protection/" + made.path("id").asLong(), null), "unprotect");
        git(clone, "tag", "v2.0").ok();
        git(clone, "push", "origin", "v2.0").ok();
    }

    // ---- fixture

    private HttpResponse<String> owner(String method, String path, String body) {
        return http.send(method, path, body == null ? null : "application/json", body, "Authorization", basic("protowner"));
    }

    private HttpResponse<String> writer(String method, String path, String body) {
        return http.send(method, path, body == null ? null : "application/json", body, "Authorization", basic("protwriter"));
    }

    private static String basic(String login) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + login + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private String token(String login) {
        return expect(201, http.send("POST", "/api/v3/user/tokens", "application/json",
                "{\"name\":\"git\",\"scopes\":[\"repo:write\"]}", "Authorization", basic(login)), "token of " + login)
                .path("token").asText();
    }

    private synchronized Path cloneAs(String token) {
        Path clone = work.resolve("clone-" + (++clones));
        git(work, "clone", http.base().replace("http://", "http://x-access-token:" + token + "@") + "/protorg/guarded.git",
                clone.toString()).ok();
        return clone;
    }

    private String commit(Path workTree, String file, String content) {
        return new GitCli(work.resolve("home")).commit(workTree, file, content);
    }

    private String signedCommit(Path workTree, Path key, String file) {
        try {
            Files.writeString(workTree.resolve(file), file + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git(workTree, "add", "-A").ok();
        git(workTree, "-c", "user.email=protwriter@example.com", "-c", "gpg.format=ssh", "-c", "user.signingkey=" + key,
                "commit", "-q", "-S", "-m", "signed " + file).ok();
        return head(workTree);
    }

    private String head(Path workTree) {
        return git(workTree, "rev-parse", "HEAD").ok().out().strip();
    }

    private String remoteHead(Path workTree, String branch) {
        return git(workTree, "ls-remote", "origin", "refs/heads/" + branch).ok().out().split("\\s")[0];
    }

    private static JsonNode expect(int status, HttpResponse<String> response, String what) {
        assertEquals(what + ": " + response.body(), status, response.statusCode());
        return response.body() == null || response.body().isBlank() ? null : Http.json(response);
    }

    /** The real git, isolated from the machine's configuration (see {@link GitCli}). */
    private GitCli.Result git(Path directory, String... arguments) {
        return new GitCli(work.resolve("home")).run(directory, arguments);
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = read(process.getInputStream());
            assertEquals(command + ": " + out, 0, process.waitFor());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String output(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = read(process.getInputStream());
            assertEquals(String.valueOf(command), 0, process.waitFor());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
