package io.codara.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The browsing extras of issue 8 end to end, run by {@link DistributionIT}: a user {@code browser} pushes a small
 * history with the real git CLI, then tarball and zipball (302, then unpacked by the real {@code tar} and
 * {@code unzip}), blame, languages, the multi-branch comparison with a real conflict, size analytics and the
 * contributions the push earned (counted from the push event, so awaited), the activity events it gave and
 * repository search. Built once per boot.
 */
final class BrowseExtras {

    private static BrowseExtras instance;
    private static Throwable failure;

    private final Http http;
    private final String token;
    private final Path work;
    private final String head;

    private BrowseExtras(Http http, String admin) {
        this.http = http;
        expect(201, http.send("POST", "/api/v3/admin/users", "application/json", "{\"login\":\"browser\",\"email\":"
                + "\"browser@example.com\",\"password\":\"browser password 12345\",\"name\":\"Browser\"}",
                "Authorization", admin), "create browser");
        String basic = java.util.Base64.getEncoder().encodeToString("browser:browser password 12345".getBytes(StandardCharsets.UTF_8));
        token = expect(201, http.send("POST", "/api/v3/user/tokens", "application/json",
                "{\"name\":\"git\",\"scopes\":[\"repo:write\"]}", "Authorization", "Basic " + basic), "token").path("token").asText();
        expect(201, http.send("POST", "/api/v3/user/repos", "application/json", "{\"name\":\"extras\"}",
                "Authorization", "token " + token), "create extras");
        expect(201, http.send("POST", "/api/v3/user/repos", "application/json", "{\"name\":\"hidden\",\"private\":true,"
                + "\"auto_init\":true}", "Authorization", "token " + token), "create hidden");
        try {
            work = Files.createTempDirectory("browse-extras");
            Files.createDirectories(work.resolve("home"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path clone = work.resolve("extras");
        git(work, "clone", http.base().replace("http://", "http://x-access-token:" + token + "@") + "/browser/extras.git",
                clone.toString());
        write(clone, "src/App.java", "class App {\n    int one() { return 1; }\n}\n");
        write(clone, "tool.py", "print('tool')\n");
        write(clone, "README.md", "# Extras\n");
        git(clone, "add", "-A");
        git(clone, "commit", "-q", "-m", "First");
        git(clone, "checkout", "-q", "-b", "side");
        write(clone, "tool.py", "print('side')\n");
        git(clone, "commit", "-q", "-am", "Side change");
        git(clone, "checkout", "-q", "main");
        write(clone, "tool.py", "print('main')\n");
        write(clone, "src/App.java", "class App {\n    int one() { return 1; }\n    int two() { return 2; }\n}\n");
        git(clone, "commit", "-q", "-am", "Main change");
        git(clone, "push", "-q", "origin", "main", "side");
        head = git(clone, "rev-parse", "HEAD").strip();
    }

    static synchronized BrowseExtras on(Http http, IdentityAndAccess identity) {
        if (failure != null) {
            throw new AssertionError("The browse fixture could not be built (see the first test that failed)", failure);
        }
        if (instance == null) {
            try {
                instance = new BrowseExtras(http, identity.siteAdmin());
            } catch (RuntimeException | AssertionError e) {
                failure = e;
                throw e;
            }
        }
        return instance;
    }

    /** tarball and zipball redirect to the commit's archive, which tar and unzip unpack under owner-repo-sha/. */
    void archivesUnpackWithRealTools() throws Exception {
        String top = "browser-extras-" + head.substring(0, 7);
        HttpResponse<byte[]> redirect = bytes("/api/v3/repos/browser/extras/tarball", "token " + token);
        assertEquals(302, redirect.statusCode());
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertTrue(location, location.endsWith("/api/v3/repos/browser/extras/archive/" + head + ".tar.gz"));
        HttpResponse<byte[]> tar = bytes(location.substring(location.indexOf("/api/v3")), null);
        assertEquals(200, tar.statusCode());
        assertEquals("attachment; filename=" + top + ".tar.gz", tar.headers().firstValue("Content-Disposition").orElse(""));
        Path tgz = work.resolve("extras.tar.gz");
        Files.write(tgz, tar.body());
        Path untar = Files.createDirectories(work.resolve("untar"));
        run(untar, "tar", "xzf", tgz.toString());
        assertEquals("print('main')\n", Files.readString(untar.resolve(top + "/tool.py")));

        HttpResponse<byte[]> zipRedirect = bytes("/api/v3/repos/browser/extras/zipball/side", null);
        assertEquals(302, zipRedirect.statusCode());
        String zipLocation = zipRedirect.headers().firstValue("Location").orElseThrow();
        HttpResponse<byte[]> zip = bytes(zipLocation.substring(zipLocation.indexOf("/api/v3")), null);
        assertEquals(200, zip.statusCode());
        Path zipFile = work.resolve("extras.zip");
        Files.write(zipFile, zip.body());
        Path unzipped = Files.createDirectories(work.resolve("unzip"));
        run(unzipped, "unzip", "-q", zipFile.toString());
        try (var dirs = Files.list(unzipped)) {
            Path only = dirs.findFirst().orElseThrow();
            assertTrue(only.getFileName().toString(), only.getFileName().toString().startsWith("browser-extras-"));
            assertEquals("print('side')\n", Files.readString(only.resolve("tool.py")));
        }
        assertEquals(404, bytes("/api/v3/repos/browser/hidden/tarball", null).statusCode());
        assertEquals(302, bytes("/api/v3/repos/browser/hidden/tarball", "token " + token).statusCode());
    }

    /** Blame, languages, the multi-branch comparison and the size report of the pushed history. */
    void blameLanguagesComparisonAndSize() {
        JsonNode blame = expect(200, http.get("/api/v3/repos/browser/extras/blame/main/src/App.java"), "blame");
        assertEquals(4, blame.path("lines").asInt());
        List<String> shas = blame.path("ranges").findValuesAsText("sha");
        assertTrue(blame.toString(), shas.contains(head));
        assertEquals(blame.toString(), 3, blame.path("ranges").size());

        JsonNode languages = expect(200, http.get("/api/v3/repos/browser/extras/languages"), "languages");
        assertEquals(languages.toString(), 2, languages.size());
        assertEquals(70, languages.path("Java").asLong());
        assertEquals(14, languages.path("Python").asLong());
        assertEquals(languages, expect(200, http.get("/api/v3/repos/browser/extras/stats/languages"), "stats"));

        JsonNode compared = expect(200, http.get("/api/v3/repos/browser/extras/compare-branches?base=main"), "compare");
        JsonNode side = compared.path("branches").path(0);
        assertEquals("side", side.path("name").asText());
        assertEquals(1, side.path("ahead_by").asInt());
        assertEquals(1, side.path("behind_by").asInt());
        assertFalse(side.path("mergeable").asBoolean(true));
        assertEquals("[\"tool.py\"]", side.path("conflicting_paths").toString());

        JsonNode size = expect(200, http.get("/api/v3/repos/browser/extras/size"), "size");
        assertEquals(3, size.path("objects").path("commits").asLong());
        assertTrue(size.toString(), size.path("disk").path("total_bytes").asLong() > 0);
        assertEquals("src/App.java", size.path("largest_blobs").path(0).path("path").asText());
        assertEquals(2, size.path("largest_blobs").path(0).path("history").size());
        JsonNode sampled = await("/api/v3/repos/browser/extras/size", body -> body.path("growth").size() > 0);
        assertTrue(sampled.toString(), sampled.path("growth").path(0).path("total_bytes").asLong() > 0);
    }

    /** The push credited browser with its three commits, on today's date (UTC), visible to anyone (public repo). */
    void contributionsAfterARealPush() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonNode contributions = await("/api/v3/users/browser/contributions",
                body -> body.path("total").asInt() >= 3);
        assertEquals(contributions.toString(), 3, contributions.path("total").asInt());
        assertEquals(today, contributions.path("days").path(0).path("date").asText());
        assertEquals(422, http.get("/api/v3/users/browser/contributions?from=tomorrow").statusCode());
        assertEquals(404, http.get("/api/v3/users/nobody-here/contributions").statusCode());
    }

    /**
     * The push became a PushEvent (through the outbox and the job queue) in the feed of what browser watches (its
     * own new repository, watched from its creation), and the repository is found by search; the private
     * repository's events and search hit only for browser itself.
     */
    void activityAndSearchAfterARealPush() {
        String auth = "token " + token;
        JsonNode received = await("/api/v3/users/browser/received_events?per_page=100",
                body -> find(body, "PushEvent", "browser/extras", "refs/heads/main") != null);
        JsonNode push = find(received, "PushEvent", "browser/extras", "refs/heads/main");
        assertEquals(push.toString(), head, push.at("/payload/head").asText());
        assertEquals(push.toString(), "browser", push.at("/actor/login").asText());
        assertTrue(push.toString(), push.get("id").isTextual() && push.get("public").asBoolean());
        List<String> messages = new ArrayList<>();
        push.at("/payload/commits").forEach(c -> messages.add(c.path("message").asText()));
        assertEquals(push.toString(), List.of("First", "Main change"), messages);
        assertTrue(received.toString(), find(received, "CreateEvent", "browser/extras", "side") != null);
        for (JsonNode event : received) {
            assertFalse("the private repository's events are browser's alone: " + event,
                    event.at("/repo/name").asText().equals("browser/hidden"));
        }
        JsonNode own = await("/api/v3/users/browser/received_events?per_page=100", auth,
                body -> find(body, "CreateEvent", "browser/hidden", null) != null);
        assertTrue(own.toString(), find(own, "PushEvent", "browser/extras", "refs/heads/main") != null);
        assertEquals(200, http.send("GET", "/api/v3/repos/browser/extras/subscription", null, null,
                "Authorization", auth).statusCode());

        JsonNode found = expect(200, http.get("/api/v3/search/repositories?q=EXTRAS+user%3Abrowser"), "search");
        assertEquals(found.toString(), 1, found.path("total_count").asInt());
        assertEquals(found.toString(), "browser/extras", found.at("/items/0/full_name").asText());
        assertEquals(0, expect(200, http.get("/api/v3/search/repositories?q=user%3Abrowser+is%3Aprivate"),
                "anonymous search").path("total_count").asInt());
        assertEquals("browser/hidden", expect(200, http.send("GET", "/api/v3/search/repositories?q=user%3Abrowser"
                + "+is%3Aprivate", null, null, "Authorization", auth), "browser's search").at("/items/0/full_name")
                .asText());
        assertEquals(422, http.get("/api/v3/search/repositories?q=").statusCode());
    }

    /** The first event of a type in a repository (with a payload ref, when given) in a feed; null when none. */
    private static JsonNode find(JsonNode events, String type, String repository, String ref) {
        for (JsonNode event : events) {
            if (event.path("type").asText().equals(type) && event.at("/repo/name").asText().equals(repository)
                    && (ref == null || event.at("/payload/ref").asText().equals(ref))) {
                return event;
            }
        }
        return null;
    }

    private JsonNode await(String path, Predicate<JsonNode> done) {
        return await(path, null, done);
    }

    private JsonNode await(String path, String authorization, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = authorization == null ? http.get(path)
                    : http.send("GET", path, null, null, "Authorization", authorization);
            if (response.statusCode() == 200) {
                last = Http.json(response);
                if (done.test(last)) {
                    return last;
                }
            }
            Http.sleep(250);
        }
        throw new AssertionError("not reached in 30 s: " + path + " " + last);
    }

    private HttpResponse<byte[]> bytes(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.base() + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonNode expect(int status, HttpResponse<String> response, String what) {
        assertEquals(what + ": " + response.body(), status, response.statusCode());
        return Http.json(response);
    }

    private static void write(Path dir, String file, String content) {
        try {
            Files.createDirectories(dir.resolve(file).getParent());
            Files.writeString(dir.resolve(file), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(out, 0, p.waitFor());
    }

    /** The real git as browser (author email browser@example.com), isolated from the machine's configuration. */
    private String git(Path directory, String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Browser", "-c",
                "user.email=browser@example.com", "-c", "init.defaultBranch=main"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().put("HOME", work.resolve("home").toString());
        builder.environment().put("XDG_CONFIG_HOME", work.resolve("home").toString());
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        builder.environment().put("LC_ALL", "C");
        builder.environment().remove("GIT_ASKPASS");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
                try (var in = process.getErrorStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("git " + arguments[0] + " did not finish");
            }
            assertEquals("git " + List.of(arguments) + " failed: " + err.join() + out, 0, process.exitValue());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
