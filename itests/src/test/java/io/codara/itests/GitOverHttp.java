package io.codara.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import io.codara.api.event.Topics;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Git over smart HTTP end to end, run by {@link DistributionIT} in the booted distribution with the real git CLI:
 * repositories made through GitHub's REST shape ({@code POST /user/repos}), then clone, push and fetch over
 * protocols v0 and v2, shallow and partial clones, anonymous reads of public repositories only, refused pushes
 * (no write, archived) with the message git shows, rename redirects, and one {@code codara/git/push} event per
 * push. Users {@code gitowner} (owns the repositories) and {@code gitreader} (no role) authenticate with tokens
 * in the URL, as git users do. Built once per boot.
 */
final class GitOverHttp {

    private static final String ZERO = "0000000000000000000000000000000000000000";

    // One per boot: the users and repositories are made on the distribution's database once.
    private static GitOverHttp instance;
    private static Throwable failure;

    private final Http http;
    private final String ownerToken;
    private final String readerToken;
    private final Path work;
    private boolean seeded;

    private GitOverHttp(Http http, String admin) {
        this.http = http;
        for (String login : List.of("gitowner", "gitreader")) {
            expect(201, http.send("POST", "/api/v3/admin/users", "application/json", "{\"login\":\"" + login
                    + "\",\"email\":\"" + login + "@example.com\",\"password\":\"" + login + " password 12345\",\"name\":\"Git " + login + "\"}",
                    "Authorization", admin), "create " + login);
        }
        ownerToken = token("gitowner");
        readerToken = token("gitreader");
        expectRepository(create("{\"name\":\"widgets\"}"), "gitowner/widgets", false);
        // Its own repository, empty until that test pushes: the tests run in any order.
        expectRepository(create("{\"name\":\"protocols\"}"), "gitowner/protocols", false);
        expectRepository(create("{\"name\":\"secrets\",\"private\":true}"), "gitowner/secrets", true);
        expectRepository(create("{\"name\":\"attic\"}"), "gitowner/attic", false);
        expectRepository(create("{\"name\":\"old-name\"}"), "gitowner/old-name", false);
        try {
            work = Files.createTempDirectory("git-over-http");
            Files.createDirectories(work.resolve("home"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized GitOverHttp on(Http http, IdentityAndAccess identity) {
        if (failure != null) {
            throw new AssertionError("The git fixture could not be built (see the first test that failed)", failure);
        }
        if (instance == null) {
            try {
                instance = new GitOverHttp(http, identity.siteAdmin());
            } catch (RuntimeException | AssertionError e) {
                failure = e;
                throw e;
            }
        }
        return instance;
    }

    /** Clone the empty repository, push over v0 then v2, clone over v2 (checked in the packet trace), fetch. */
    void cloneAndPushOverProtocolsV0AndV2() {
        Path first = work.resolve("first");
        assertTrue(git(work, "-c", "protocol.version=0", "clone", url(ownerToken, "gitowner/protocols"), first.toString()).ok().err()
                .contains("empty repository"));
        String one = commit(first, "README.md", "one\n");
        git(first, "-c", "protocol.version=0", "push", "origin", "main").ok();
        String two = commit(first, "README.md", "two\n");
        git(first, "-c", "protocol.version=2", "push", "origin", "main").ok();
        assertTrue(git(first, "ls-remote", "origin", "refs/heads/main").ok().out().startsWith(two));

        Path second = work.resolve("second");
        Result traced = git(work, Map.of("GIT_TRACE_PACKET", "1"), "-c", "protocol.version=2", "clone",
                url(ownerToken, "gitowner/protocols"), second.toString()).ok();
        assertTrue("the server speaks protocol v2", traced.err().contains("< version 2"));
        assertEquals(two, head(second));
        String three = commit(second, "src/Main.java", "class Main {}\n");
        git(second, "push", "origin", "main").ok();
        git(first, "fetch", "origin").ok();
        assertEquals(three, git(first, "rev-parse", "origin/main").ok().out().strip());
        assertNotEquals(one, three);
        git(first, "merge", "--ff-only", "origin/main").ok();
        git(first, "fsck", "--strict").ok();
        git(second, "fsck", "--strict").ok();
    }

    /** {@code --depth 1} and {@code --filter=blob:none} clones. */
    void shallowAndPartialClones() {
        String tip = seeded();
        Path shallow = work.resolve("shallow");
        git(work, "clone", "--depth", "1", url(ownerToken, "gitowner/widgets"), shallow.toString()).ok();
        assertEquals("1", git(shallow, "rev-list", "--count", "HEAD").ok().out().strip());
        assertTrue(Files.exists(shallow.resolve(".git/shallow")));
        assertEquals(tip, head(shallow));

        Path partial = work.resolve("partial");
        git(work, "clone", "--filter=blob:none", url(ownerToken, "gitowner/widgets"), partial.toString()).ok();
        assertEquals("true", git(partial, "config", "remote.origin.promisor").ok().out().strip());
        assertEquals(tip, head(partial));
        assertTrue(Files.exists(partial.resolve("README.md")));
        git(partial, "fsck", "--strict").ok();
    }

    /** Anonymous callers clone public repositories; for private ones (and to outsiders) they do not exist. */
    void anonymousReadsPublicRepositoriesOnly() {
        seeded();
        git(work, "clone", http.base() + "/gitowner/widgets.git", work.resolve("anonymous-public").toString()).ok();

        Result anonymous = git(work, "clone", http.base() + "/gitowner/secrets.git", work.resolve("anonymous-private").toString());
        assertNotEquals(0, anonymous.exit());
        assertTrue(anonymous.err(), anonymous.err().contains("could not read Username") || anonymous.err().contains("Authentication failed"));
        HttpResponse<String> challenge = http.get("/gitowner/secrets.git/info/refs?service=git-upload-pack");
        assertEquals(401, challenge.statusCode());
        assertTrue(challenge.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm=\"Codara\""));

        Result outsider = git(work, "clone", url(readerToken, "gitowner/secrets"), work.resolve("reader-private").toString());
        assertNotEquals(0, outsider.exit());
        assertTrue(outsider.err(), outsider.err().contains("Repository not found"));
        git(work, "clone", url(ownerToken, "gitowner/secrets"), work.resolve("owner-private").toString()).ok();

        // git's dumb protocol and escaping paths are not served; pages that are not git's are the web UI's.
        for (String path : List.of("/gitowner/widgets.git/HEAD", "/gitowner/..%2fsecrets.git/info/refs")) {
            HttpResponse<String> response = http.get(path);
            assertTrue(path + " " + response.statusCode(), response.statusCode() == 404 || response.statusCode() == 400);
            assertFalse(path, response.body().contains("service=git"));
        }
        for (String path : List.of("/", "/gitowner", "/gitowner/widgets")) {
            HttpResponse<String> page = http.get(path);
            assertEquals(path, 200, page.statusCode());
            assertTrue(path, page.body().contains("<div id=\"root\">"));
        }
    }

    /** Pushes need write; an archived repository refuses them with GitHub's message. */
    void pushesAreRefusedWithAMessageGitShows() {
        String tip = seeded();
        Path reader = work.resolve("reader");
        git(work, "clone", url(readerToken, "gitowner/widgets"), reader.toString()).ok();
        commit(reader, "reader.txt", "not mine to push\n");
        Result refused = git(reader, "push", "origin", "main");
        assertNotEquals(0, refused.exit());
        assertTrue(refused.err(), refused.err().contains("remote: Permission to gitowner/widgets.git denied to gitreader."));
        assertTrue(git(reader, "ls-remote", "origin", "refs/heads/main").ok().out().startsWith(tip));

        Path attic = work.resolve("attic");
        git(work, "clone", url(ownerToken, "gitowner/attic"), attic.toString()).ok();
        commit(attic, "README.md", "before archiving\n");
        git(attic, "push", "origin", "main").ok();
        expect(200, http.send("PATCH", "/api/v3/repos/gitowner/attic", "application/json", "{\"archived\":true}",
                "Authorization", "token " + ownerToken), "archive attic");
        commit(attic, "README.md", "after archiving\n");
        Result archived = git(attic, "push", "origin", "main");
        assertNotEquals(0, archived.exit());
        assertTrue(archived.err(), archived.err().contains("remote: This repository was archived so it is read-only."));
    }

    /** After a rename the old URL keeps working: git follows the advertisement's redirect. */
    void renamedRepositoriesRedirect() {
        Path before = work.resolve("before-rename");
        git(work, "clone", url(ownerToken, "gitowner/old-name"), before.toString()).ok();
        String tip = commit(before, "README.md", "renamed soon\n");
        git(before, "push", "origin", "main").ok();
        expect(200, http.send("PATCH", "/api/v3/repos/gitowner/old-name", "application/json", "{\"name\":\"new-name\"}",
                "Authorization", "token " + ownerToken), "rename old-name");
        HttpResponse<String> redirect = http.send("GET", "/gitowner/old-name.git/info/refs?service=git-upload-pack", null, null,
                "Authorization", "token " + ownerToken);
        assertEquals(301, redirect.statusCode());
        assertTrue(redirect.headers().firstValue("Location").orElse("").endsWith("/gitowner/new-name.git/info/refs?service=git-upload-pack"));
        Path after = work.resolve("after-rename");
        git(work, "clone", url(ownerToken, "gitowner/old-name"), after.toString()).ok();
        assertEquals(tip, head(after));
    }

    /** Every accepted push is delivered once as a {@code codara/git/push} event with its ref updates. */
    void pushesArePublishedAsEvents(BundleContext context) throws InterruptedException {
        seeded();
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, Topics.GIT_PUSH);
        ServiceRegistration<EventHandler> handler = context.registerService(EventHandler.class, events::add, props);
        try {
            Path clone = work.resolve("events");
            git(work, "clone", url(ownerToken, "gitowner/widgets"), clone.toString()).ok();
            git(clone, "checkout", "-q", "-b", "topic/events").ok();
            String pushed = commit(clone, "events.txt", "an event\n");
            git(clone, "push", "origin", "topic/events").ok();
            Event event = null;
            for (Event e = events.poll(30, TimeUnit.SECONDS); e != null; e = events.poll(5, TimeUnit.SECONDS)) {
                if (String.valueOf(e.getProperty("ref_updates")).contains("refs/heads/topic/events")) {
                    event = e;
                    break;
                }
            }
            assertNotNull("the push event arrives", event);
            assertEquals("gitowner/widgets", event.getProperty("repository"));
            assertEquals("gitowner", event.getProperty("pusher"));
            assertTrue(event.getProperty("repository_id") instanceof Number);
            List<?> updates = (List<?>) event.getProperty("ref_updates");
            assertEquals(1, updates.size());
            Map<?, ?> update = (Map<?, ?>) updates.get(0);
            assertEquals("refs/heads/topic/events", update.get("ref"));
            assertEquals(ZERO, update.get("before"));
            assertEquals(pushed, update.get("after"));
            HttpResponse<String> repo = http.send("GET", "/api/v3/repos/gitowner/widgets", null, null,
                    "Authorization", "token " + ownerToken);
            assertFalse(repo.body(), Http.json(repo).path("pushed_at").isNull());

            // The push scheduled background maintenance (a second later here): the repository gets a bitmap index.
            long id = Http.json(repo).path("id").asLong();
            Path packs = Path.of(System.getProperty("karaf.data"), "codara", "mnt", "repos",
                    String.format("%02x", id & 0xff), id + ".git", "objects", "pack");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            boolean bitmap = false;
            while (!bitmap && System.nanoTime() < deadline) {
                try (java.util.stream.Stream<Path> files = Files.list(packs)) {
                    bitmap = files.anyMatch(f -> f.getFileName().toString().endsWith(".bitmap"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                Http.sleep(500);
            }
            assertTrue("maintenance wrote a bitmap index in " + packs, bitmap);
        } finally {
            handler.unregister();
        }
    }

    // ---- fixture

    /** The public repository with commits (pushed once, whichever test asks first); answers its tip now. */
    private synchronized String seeded() {
        if (!seeded) {
            Path seed = work.resolve("seed");
            git(work, "clone", url(ownerToken, "gitowner/widgets"), seed.toString()).ok();
            if (git(seed, "rev-parse", "--verify", "-q", "HEAD").exit() != 0) {
                commit(seed, "README.md", "seed one\n");
            }
            commit(seed, "SEED.md", "seed two\n");
            git(seed, "push", "origin", "main").ok();
            seeded = true;
        }
        return git(work, "ls-remote", url(ownerToken, "gitowner/widgets"), "refs/heads/main").ok().out().split("\\s")[0];
    }

    private String token(String login) {
        String basic = java.util.Base64.getEncoder().encodeToString((login + ":" + login + " password 12345").getBytes(StandardCharsets.UTF_8));
        JsonNode token = expect(201, http.send("POST", "/api/v3/user/tokens", "application/json",
                "{\"name\":\"git\",\"scopes\":[\"repo:write\"]}", "Authorization", "Basic " + basic), "token of " + login);
        return token.path("token").asText();
    }

    private HttpResponse<String> create(String body) {
        return http.send("POST", "/api/v3/user/repos", "application/json", body, "Authorization", "token " + ownerToken);
    }

    private static void expectRepository(HttpResponse<String> response, String fullName, boolean isPrivate) {
        JsonNode repo = expect(201, response, "create " + fullName);
        assertEquals(response.body(), fullName, repo.path("full_name").asText());
        assertEquals(response.body(), isPrivate, repo.path("private").asBoolean());
    }

    private String url(String token, String fullName) {
        return http.base().replace("http://", "http://x-access-token:" + token + "@") + "/" + fullName + ".git";
    }

    private String commit(Path workTree, String file, String content) {
        try {
            Files.createDirectories(workTree.resolve(file).getParent());
            Files.writeString(workTree.resolve(file), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git(workTree, "add", "-A").ok();
        git(workTree, "commit", "-q", "-m", "change " + file).ok();
        return head(workTree);
    }

    private String head(Path workTree) {
        return git(workTree, "rev-parse", "HEAD").ok().out().strip();
    }

    private static JsonNode expect(int status, HttpResponse<String> response, String what) {
        assertEquals(what + ": " + response.body(), status, response.statusCode());
        return response.body() == null || response.body().isBlank() ? null : Http.json(response);
    }

    // ---- the git command line

    /** What one git command did. */
    record Result(int exit, String out, String err) {

        Result ok() {
            assertEquals("git failed: " + err + out, 0, exit);
            return this;
        }
    }

    private Result git(Path directory, String... arguments) {
        return git(directory, Map.of(), arguments);
    }

    /** The real git, isolated from the machine's configuration and never prompting; arguments as a list, no shell. */
    private Result git(Path directory, Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Codara Itest", "-c", "user.email=itest@example.com",
                "-c", "init.defaultBranch=main"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().put("HOME", work.resolve("home").toString());
        builder.environment().put("XDG_CONFIG_HOME", work.resolve("home").toString());
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        builder.environment().put("LC_ALL", "C");
        builder.environment().remove("GIT_ASKPASS");
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String out = read(process.getInputStream());
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("git " + arguments[0] + " did not finish");
            }
            return new Result(process.exitValue(), out, err.join());
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
