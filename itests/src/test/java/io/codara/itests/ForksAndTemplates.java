package io.codara.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Forks, templates, transfers and pins end to end, run by {@link DistributionIT} in the booted distribution with
 * the real git CLI: {@code fkowner} owns the upstream repositories, {@code forker} forks them, pushes to the
 * fork, syncs it with {@code merge-upstream}, generates from a template, receives a transfer (the old git URL
 * keeps cloning) and pins repositories to the profile. Both use tokens, as git users do. Built once per boot.
 */
final class ForksAndTemplates {

    private static ForksAndTemplates instance;
    private static Throwable failure;

    private final Http http;
    private final IdentityAndAccess identity;
    private final String ownerToken;
    private final String forkerToken;
    private final Path work;

    private ForksAndTemplates(Http http, IdentityAndAccess identity) {
        this.http = http;
        this.identity = identity;
        // Asked each time: the authorisation matrix changes every persona's password.
        String admin = identity.siteAdmin();
        for (String login : List.of("fkowner", "forker")) {
            expect(201, http.send("POST", "/api/v3/admin/users", "application/json", "{\"login\":\"" + login
                    + "\",\"email\":\"" + login + "@example.com\",\"password\":\"" + login + " password 12345\"}",
                    "Authorization", admin), "create " + login);
        }
        ownerToken = token("fkowner");
        forkerToken = token("forker");
        try {
            work = Files.createTempDirectory("forks-and-templates");
            Files.createDirectories(work.resolve("home"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized ForksAndTemplates on(Http http, IdentityAndAccess identity) {
        if (failure != null) {
            throw new AssertionError("The forks fixture could not be built (see the first test that failed)", failure);
        }
        if (instance == null) {
            try {
                instance = new ForksAndTemplates(http, identity);
            } catch (RuntimeException | AssertionError e) {
                failure = e;
                throw e;
            }
        }
        return instance;
    }

    /** Fork, push to the fork with git, then fast-forward the fork's main to the upstream's with merge-upstream. */
    void forkPushToTheForkAndMergeUpstream() {
        expect(201, send(ownerToken, "POST", "/api/v3/user/repos", "{\"name\":\"upstream\",\"auto_init\":true}"),
                "create upstream");
        HttpResponse<String> forked = send(forkerToken, "POST", "/api/v3/repos/fkowner/upstream/forks", "{}");
        JsonNode fork = expect(202, forked, "fork");
        assertEquals("forker/upstream", fork.path("full_name").asText());
        assertTrue(forked.body(), fork.path("fork").asBoolean());
        assertEquals("fkowner/upstream", fork.path("parent").path("full_name").asText());
        assertEquals("fkowner/upstream", fork.path("source").path("full_name").asText());

        Path mine = work.resolve("fork");
        git(work, "clone", url(forkerToken, "forker/upstream"), mine.toString()).ok();
        git(mine, "checkout", "-q", "-b", "topic").ok();
        String topic = commit(mine, "topic.txt", "the fork's own work\n");
        git(mine, "push", "origin", "topic").ok();
        assertTrue(git(work, "ls-remote", url(forkerToken, "forker/upstream"), "refs/heads/topic").ok().out()
                .startsWith(topic));

        Path theirs = work.resolve("upstream");
        git(work, "clone", url(ownerToken, "fkowner/upstream"), theirs.toString()).ok();
        String ahead = commit(theirs, "news.txt", "upstream moved on\n");
        git(theirs, "push", "origin", "main").ok();

        JsonNode sync = expect(200, send(forkerToken, "POST", "/api/v3/repos/forker/upstream/merge-upstream",
                "{\"branch\":\"main\"}"), "merge-upstream");
        assertEquals("fast-forward", sync.path("merge_type").asText());
        assertEquals("fkowner:main", sync.path("base_branch").asText());
        assertTrue(git(work, "ls-remote", url(forkerToken, "forker/upstream"), "refs/heads/main").ok().out()
                .startsWith(ahead));
        assertEquals("none", expect(200, send(forkerToken, "POST", "/api/v3/repos/forker/upstream/merge-upstream",
                "{\"branch\":\"main\"}"), "merge-upstream again").path("merge_type").asText());
        Path fresh = work.resolve("fork-fresh");
        git(work, "clone", url(forkerToken, "forker/upstream"), fresh.toString()).ok();
        git(fresh, "fsck", "--strict").ok();
        assertEquals(ahead, git(fresh, "rev-parse", "HEAD").ok().out().strip());

        JsonNode forks = expect(200, send(null, "GET", "/api/v3/repos/fkowner/upstream/forks", null), "forks");
        assertEquals("forker/upstream", forks.path(0).path("full_name").asText());
        JsonNode tree = expect(200, send(null, "GET", "/api/v3/repos/forker/upstream/forks/tree?depth=2", null), "tree");
        assertEquals("fkowner/upstream", tree.path("repository").path("full_name").asText());
        assertEquals("forker/upstream", tree.path("forks").path(0).path("repository").path("full_name").asText());
    }

    /** A template's tree, fresh history: one root commit. */
    void generateFromATemplate() {
        expect(201, send(ownerToken, "POST", "/api/v3/user/repos", "{\"name\":\"starter\",\"auto_init\":true}"),
                "create starter");
        assertTrue(expect(200, send(ownerToken, "PATCH", "/api/v3/repos/fkowner/starter", "{\"is_template\":true}"),
                "mark template").path("is_template").asBoolean());
        JsonNode generated = expect(201, send(forkerToken, "POST", "/api/v3/repos/fkowner/starter/generate",
                "{\"name\":\"from-starter\",\"private\":true}"), "generate");
        assertEquals("forker/from-starter", generated.path("full_name").asText());
        assertEquals("fkowner/starter", generated.path("template_repository").path("full_name").asText());
        assertTrue(generated.path("private").asBoolean());
        Path clone = work.resolve("generated");
        git(work, "clone", url(forkerToken, "forker/from-starter"), clone.toString()).ok();
        assertEquals("1", git(clone, "rev-list", "--count", "HEAD").ok().out().strip());
        assertTrue(Files.exists(clone.resolve("README.md")));
    }

    /** A transfer answers 202; the old API URL answers 301 and the old git URL still clones. */
    void transferWithTheOldGitUrlRedirecting() {
        expect(201, send(ownerToken, "POST", "/api/v3/user/repos", "{\"name\":\"moving\",\"auto_init\":true}"),
                "create moving");
        assertEquals(403, send(ownerToken, "POST", "/api/v3/repos/fkowner/moving/transfer",
                "{\"new_owner\":\"forker\"}").statusCode());
        JsonNode moved = expect(202, http.send("POST", "/api/v3/repos/fkowner/moving/transfer", "application/json",
                "{\"new_owner\":\"forker\",\"new_name\":\"moved\"}", "Authorization", identity.siteAdmin()), "transfer");
        assertEquals("forker/moved", moved.path("full_name").asText());
        assertEquals(301, send(forkerToken, "GET", "/api/v3/repos/fkowner/moving", null).statusCode());
        Path clone = work.resolve("moved");
        git(work, "clone", url(forkerToken, "fkowner/moving"), clone.toString()).ok();
        assertTrue(Files.exists(clone.resolve("README.md")));
    }

    /** At most six, in order, shown to anyone who may see them. */
    void pinsOnTheProfile() {
        expect(201, send(forkerToken, "POST", "/api/v3/user/repos", "{\"name\":\"pinned\",\"auto_init\":true}"),
                "create pinned");
        expect(201, send(forkerToken, "POST", "/api/v3/user/repos", "{\"name\":\"hidden-pin\",\"private\":true}"),
                "create hidden-pin");
        assertEquals(422, send(forkerToken, "PUT", "/api/v3/user/pinned_repositories", "{\"repositories\":[\"forker/a\","
                + "\"forker/b\",\"forker/c\",\"forker/d\",\"forker/e\",\"forker/f\",\"forker/g\"]}").statusCode());
        JsonNode pins = expect(200, send(forkerToken, "PUT", "/api/v3/user/pinned_repositories",
                "{\"repositories\":[\"forker/hidden-pin\",\"forker/pinned\"]}"), "pin");
        assertEquals(2, pins.size());
        JsonNode shown = expect(200, send(null, "GET", "/api/v3/users/forker/pinned_repositories", null), "pins");
        assertEquals(1, shown.size());
        assertEquals("forker/pinned", shown.path(0).path("full_name").asText());
    }

    // ---- fixture

    private HttpResponse<String> send(String token, String method, String path, String body) {
        return token == null ? http.send(method, path, body == null ? null : "application/json", body)
                : http.send(method, path, body == null ? null : "application/json", body, "Authorization", "token " + token);
    }

    private String token(String login) {
        String basic = java.util.Base64.getEncoder().encodeToString((login + ":" + login + " password 12345")
                .getBytes(StandardCharsets.UTF_8));
        return expect(201, http.send("POST", "/api/v3/user/tokens", "application/json",
                "{\"name\":\"forks\",\"scopes\":[\"repo:write\",\"user\"]}", "Authorization", "Basic " + basic),
                "token of " + login).path("token").asText();
    }

    private String url(String token, String fullName) {
        return http.base().replace("http://", "http://x-access-token:" + token + "@") + "/" + fullName + ".git";
    }

    private String commit(Path workTree, String file, String content) {
        return new GitCli(work.resolve("home")).commit(workTree, file, content);
    }

    private static JsonNode expect(int status, HttpResponse<String> response, String what) {
        assertEquals(what + ": " + response.body(), status, response.statusCode());
        return response.body() == null || response.body().isBlank() ? null : Http.json(response);
    }

    /** The real git, isolated from the machine's configuration (see {@link GitCli}). */
    private GitCli.Result git(Path directory, String... arguments) {
        return new GitCli(work.resolve("home")).run(directory, arguments);
    }

}
