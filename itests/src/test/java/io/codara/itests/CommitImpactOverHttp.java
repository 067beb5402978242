package io.codara.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Impact analysis of a commit over HTTP in the booted distribution, run by {@link DistributionIT}: {@code impactor}
 * pushes a small multi-module Maven repository with the real git CLI, changes a class of module {@code core} and
 * asks {@code GET /repos/impactor/impact-app/commits/{sha}/impact} what that reaches.
 */
final class CommitImpactOverHttp {

    private static final String PASSWORD = "impactor password 12345";

    private final Http http;
    private final Path work;
    private final String token;

    CommitImpactOverHttp(Http http, IdentityAndAccess identity) {
        this.http = http;
        expect(201, http.send("POST", "/api/v3/admin/users", "application/json", "{\"login\":\"impactor\","
                + "\"email\":\"impactor@example.com\",\"password\":\"" + PASSWORD + "\"}", "Authorization",
                identity.siteAdmin()), "create impactor");
        expect(201, send("POST", "/api/v3/user/repos", "{\"name\":\"impact-app\",\"private\":true}"), "create repo");
        token = expect(201, send("POST", "/api/v3/user/tokens", "{\"name\":\"git\",\"scopes\":[\"repo:write\"]}"),
                "token").path("token").asText();
        try {
            work = Files.createTempDirectory("commit-impact-over-http");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The known answer for a change to {@code core}'s {@code Money}: api depends on core, web on api. */
    void multiModuleMavenCommit() {
        Path clone = work.resolve("clone");
        GitCli cli = new GitCli(work.resolve("home"));
        cli.run(work, "init", "-q", "-b", "main", clone.toString()).ok();
        write(clone, "pom.xml", pom("shop", "<packaging>pom</packaging>\n<modules><module>core</module>"
                + "<module>api</module><module>web</module></modules>\n"));
        write(clone, "core/pom.xml", pom("core", ""));
        write(clone, "api/pom.xml", pom("api", dependency("core")));
        write(clone, "web/pom.xml", pom("web", dependency("api")));
        write(clone, "core/src/main/java/shop/core/Money.java",
                "package shop.core;\n\npublic record Money(long cents) {\n}\n");
        write(clone, "core/src/test/java/shop/core/MoneyTest.java",
                "package shop.core;\n\nclass MoneyTest {\n}\n");
        write(clone, "api/src/main/java/shop/api/Prices.java",
                "package shop.api;\n\nimport shop.core.Money;\n\nclass Prices {\n    Money price;\n}\n");
        write(clone, "web/src/main/java/shop/web/Page.java", "package shop.web;\n\nclass Page {\n}\n");
        write(clone, "CODEOWNERS", "* @impactor\ncore/ @impactor money@example.com\n");
        cli.run(clone, "add", "-A").ok();
        cli.run(clone, "commit", "-q", "-m", "A shop in three modules").ok();
        write(clone, "core/src/main/java/shop/core/Money.java",
                "package shop.core;\n\npublic record Money(long cents, String currency) {\n}\n");
        cli.run(clone, "commit", "-q", "-am", "Money has a currency").ok();
        String sha = cli.run(clone, "rev-parse", "HEAD").ok().out().strip();
        cli.run(clone, "push", "-q", GitCli.url(http, token, "impactor/impact-app"), "main").ok();

        JsonNode impact = expect(200, send("GET", "/api/v3/repos/impactor/impact-app/commits/" + sha + "/impact",
                null), "impact");
        assertEquals(sha, impact.path("sha").asText());
        assertEquals("core/src/main/java/shop/core/Money.java modified +1 -1 core",
                line(impact.path("files").path(0), "filename", "status") + " +"
                        + impact.path("files").path(0).path("additions").asInt() + " -"
                        + impact.path("files").path(0).path("deletions").asInt() + " "
                        + impact.path("files").path(0).path("module").asText());
        assertEquals(List.of("core maven core/pom.xml"), names(impact.path("modules"), "name", "kind", "build_file"));
        assertEquals(List.of("shop 1 aggregates", "api 1 depends", "web 2 depends"),
                names(impact.path("dependents").path("modules"), "name", "depth", "relation"));
        JsonNode prices = impact.path("dependents").path("files").path(0);
        assertEquals("api/src/main/java/shop/api/Prices.java", prices.path("filename").asText());
        assertEquals("import shop.core.Money; 3", line(prices.path("reasons").path(0), "text", "line"));
        assertEquals(1, impact.path("dependents").path("files").size());
        assertEquals(List.of("core/src/test/java/shop/core/MoneyTest.java"), names(impact.path("tests"), "filename"));
        assertEquals(List.of("@impactor user", "money@example.com email"),
                names(impact.path("owners").path("total"), "owner", "type"));
        assertFalse(impact.path("truncated").asBoolean(true));

        // The repository is private: a stranger gets a 404, as for anything else in it.
        assertEquals(404, http.send("GET", "/api/v3/repos/impactor/impact-app/commits/" + sha + "/impact", null, null)
                .statusCode());
        assertEquals(404, send("GET", "/api/v3/repos/impactor/impact-app/commits/no-such-ref/impact", null)
                .statusCode());
    }

    private static String pom(String artifactId, String body) {
        return "<project>\n<modelVersion>4.0.0</modelVersion>\n<groupId>shop</groupId>\n<artifactId>" + artifactId
                + "</artifactId>\n<version>1</version>\n" + body + "</project>\n";
    }

    private static String dependency(String artifactId) {
        return "<dependencies>\n<dependency>\n<groupId>shop</groupId>\n<artifactId>" + artifactId
                + "</artifactId>\n<version>1</version>\n</dependency>\n</dependencies>\n";
    }

    private static void write(Path dir, String file, String text) {
        try {
            Files.createDirectories(dir.resolve(file).getParent());
            Files.writeString(dir.resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String line(JsonNode node, String... fields) {
        List<String> parts = new ArrayList<>();
        for (String field : fields) {
            parts.add(node.path(field).asText());
        }
        return String.join(" ", parts);
    }

    private static List<String> names(JsonNode array, String... fields) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(line(node, fields)));
        return out;
    }

    private HttpResponse<String> send(String method, String path, String body) {
        return http.send(method, path, body == null ? null : "application/json", body, "Authorization",
                "Basic " + Base64.getEncoder().encodeToString(("impactor:" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode expect(int status, HttpResponse<String> response, String what) {
        assertEquals(what + ": " + response.body(), status, response.statusCode());
        return response.body() == null || response.body().isBlank() ? null : Http.json(response);
    }
}
