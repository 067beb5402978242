package io.codara.itests;

import static org.junit.Assert.assertArrayEquals;
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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Git LFS end to end, run by {@link DistributionIT} in the booted distribution with the real {@code git} and
 * {@code git-lfs} clients: a private repository made through the REST API, files tracked by LFS pushed, stored under
 * {@code mnt/lfs/}, and cloned elsewhere as their real content; the batch API hides the repository from those who
 * may not see it; locks through {@code git lfs lock}. Users {@code lfsowner} and {@code lfsreader} (no role)
 * authenticate with tokens in the URL, as git users do.
 */
final class LfsOverHttp {

    private final Http http;
    private final String ownerToken;
    private final String readerToken;
    private final Path work;

    LfsOverHttp(Http http, String admin) {
        this.http = http;
        for (String login : List.of("lfsowner", "lfsreader")) {
            expect(201, http.send("POST", "/api/v3/admin/users", "application/json", "{\"login\":\"" + login
                    + "\",\"email\":\"" + login + "@example.com\",\"password\":\"" + login + " password 12345\"}",
                    "Authorization", admin), "create " + login);
        }
        ownerToken = token("lfsowner");
        readerToken = token("lfsreader");
        JsonNode repo = expect(201, http.send("POST", "/api/v3/user/repos", "application/json",
                "{\"name\":\"assets\",\"private\":true}", "Authorization", "token " + ownerToken), "create lfsowner/assets");
        assertEquals("lfsowner/assets", repo.path("full_name").asText());
        try {
            work = Files.createTempDirectory("lfs-over-http");
            Files.createDirectories(work.resolve("home"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git(work, "lfs", "install", "--skip-repo").ok();
    }

    /** Push LFS-tracked files, clone elsewhere: the files come back as their content, the objects are in mnt/lfs. */
    void pushAndCloneWithGitLfs() {
        Path first = work.resolve("first");
        git(work, "clone", url(ownerToken), first.toString()).ok();
        git(first, "lfs", "track", "*.bin").ok();
        byte[] big = random(3 * 1024 * 1024, 1);
        byte[] small = random(100, 2);
        write(first.resolve("data/big.bin"), big);
        write(first.resolve("small.bin"), small);
        write(first.resolve("README.md"), "# assets\n".getBytes(StandardCharsets.UTF_8));
        git(first, "add", "-A").ok();
        git(first, "commit", "-q", "-m", "assets").ok();
        git(first, "push", "origin", "main").ok();

        String oid = sha256(big);
        Path stored = Path.of(System.getProperty("karaf.data"), "codara", "mnt", "lfs", oid.substring(0, 2), oid.substring(2, 4), oid);
        try {
            assertArrayEquals("the object is stored content-addressed under mnt/lfs", big, Files.readAllBytes(stored));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        Path second = work.resolve("second");
        git(work, "clone", url(ownerToken), second.toString()).ok();
        try {
            assertArrayEquals(big, Files.readAllBytes(second.resolve("data/big.bin")));
            assertArrayEquals(small, Files.readAllBytes(second.resolve("small.bin")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String files = git(second, "lfs", "ls-files").ok().out();
        assertTrue(files, files.contains("data/big.bin") && files.contains("small.bin"));

        // Locks: taken by the owner, seen from the other clone, verified on push, released.
        git(first, "lfs", "lock", "data/big.bin").ok();
        String locks = git(second, "lfs", "locks").ok().out();
        assertTrue(locks, locks.contains("data/big.bin") && locks.contains("lfsowner"));
        write(first.resolve("data/big.bin"), random(1024, 3));
        git(first, "commit", "-q", "-am", "smaller").ok();
        git(first, "push", "origin", "main").ok();
        git(first, "lfs", "unlock", "data/big.bin").ok();
        assertFalse(git(second, "lfs", "locks").ok().out().contains("data/big.bin"));
        git(second, "pull", "-q", "--ff-only").ok();
        try {
            assertArrayEquals(random(1024, 3), Files.readAllBytes(second.resolve("data/big.bin")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        // Whoever may not see the repository learns nothing about its objects.
        String batch = "{\"operation\":\"download\",\"transfers\":[\"basic\"],\"objects\":[{\"oid\":\"" + oid + "\",\"size\":"
                + big.length + "}]}";
        HttpResponse<String> anonymous = http.send("POST", "/lfsowner/assets.git/info/lfs/objects/batch",
                "application/vnd.git-lfs+json", batch);
        assertEquals(anonymous.body(), 401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("LFS-Authenticate").orElse("").startsWith("Basic"));
        assertFalse(Http.json(anonymous).path("message").asText().isEmpty());
        HttpResponse<String> reader = http.send("POST", "/lfsowner/assets.git/info/lfs/objects/batch",
                "application/vnd.git-lfs+json", batch, "Authorization", "token " + readerToken);
        assertEquals(reader.body(), 404, reader.statusCode());
        assertEquals(404, http.send("GET", "/lfsowner/assets.git/info/lfs/objects/" + oid, null, null,
                "Authorization", "token " + readerToken).statusCode());
        GitCli.Result clone = git(work, "clone", url(readerToken), work.resolve("reader").toString());
        assertNotEquals(0, clone.exit());
        HttpResponse<String> owner = http.send("POST", "/lfsowner/assets.git/info/lfs/objects/batch",
                "application/vnd.git-lfs+json", batch, "Authorization", "token " + ownerToken);
        assertEquals(owner.body(), 200, owner.statusCode());
        assertTrue(owner.body(), Http.json(owner).path("objects").get(0).path("actions").path("download").has("href"));
    }

    // ---- fixture

    private String token(String login) {
        String basic = java.util.Base64.getEncoder().encodeToString((login + ":" + login + " password 12345").getBytes(StandardCharsets.UTF_8));
        return expect(201, http.send("POST", "/api/v3/user/tokens", "application/json",
                "{\"name\":\"lfs\",\"scopes\":[\"repo:write\"]}", "Authorization", "Basic " + basic), "token of " + login)
                .path("token").asText();
    }

    private String url(String token) {
        return http.base().replace("http://", "http://x-access-token:" + token + "@") + "/lfsowner/assets.git";
    }

    private static JsonNode expect(int status, HttpResponse<String> response, String what) {
        assertEquals(what + ": " + response.body(), status, response.statusCode());
        return Http.json(response);
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The real git, isolated from the machine's configuration (see {@link GitCli}). */
    private GitCli.Result git(Path directory, String... arguments) {
        return new GitCli(work.resolve("home")).run(directory, arguments);
    }

}
