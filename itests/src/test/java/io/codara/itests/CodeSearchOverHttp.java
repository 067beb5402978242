package io.codara.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Code search end to end (issue 5): the real git CLI pushes a small multi-language repository, and the search API
 * answers once the push is indexed, with known answers per kind of query; a second push and a force-push show in the
 * next answers; a private repository never shows to another user. One fixture per boot.
 */
final class CodeSearchOverHttp {

    private static final String JAVA = """
            package org.acme.billing;

            import java.time.LocalDate;

            /** Computes what a customer owes. */
            public final class InvoiceCalculator {

                public static final int MAX_LINES = 500;

                public long totalInCents(List<Long> lineAmounts) {
                    return lineAmounts.stream().mapToLong(Long::longValue).sum();
                }

                static LocalDate parseDueDate(String text) {
                    return LocalDate.parse(text);
                }
            }
            """;
    private static final String PYTHON = """
            import hashlib


            def verify_password(stored_hash, candidate):
                \"\"\"Checks a login attempt against the stored hash.\"\"\"
                return hashlib.sha256(candidate.encode()).hexdigest() == stored_hash


            class SessionStore:
                def open_session(self, user_id):
                    return {"user": user_id}
            """;
    private static final String GO = """
            package shipping

            // RateTable holds shipping rates per zone.
            type RateTable struct {
            	Zones map[string]int
            }

            func (t *RateTable) RateFor(zone string) int {
            	return t.Zones[zone]
            }
            """;
    private static final String TYPESCRIPT = """
            export interface CartItem { sku: string; quantity: number }

            export function cartTotalQuantity(items: CartItem[]): number {
              return items.reduce((sum, item) => sum + item.quantity, 0);
            }
            """;

    private static CodeSearchOverHttp instance;
    private static Throwable failure;

    private final Http http;
    private final String token;
    private final String otherToken;
    private final Path work;
    private final GitCli git;
    private final Path clone;

    private CodeSearchOverHttp(Http http, String admin) {
        this.http = http;
        token = user(admin, "seeker");
        otherToken = user(admin, "bystander");
        try {
            work = Files.createTempDirectory("code-search");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git = new GitCli(work.resolve("home"));
        expect(201, http.send("POST", "/api/v3/user/repos", "application/json", "{\"name\":\"polyglot\"}",
                "Authorization", "token " + token), "create polyglot");
        expect(201, http.send("POST", "/api/v3/user/repos", "application/json", "{\"name\":\"vault\",\"private\":true}",
                "Authorization", "token " + token), "create vault");
        clone = work.resolve("polyglot");
        git.run(work, "clone", "-q", GitCli.url(http, token, "seeker/polyglot"), clone.toString()).ok();
        write(clone, "src/main/java/org/acme/billing/InvoiceCalculator.java", JAVA);
        write(clone, "src/test/java/org/acme/billing/InvoiceCalculatorTest.java",
                "class InvoiceCalculatorTest { void sumsTheLines() { new InvoiceCalculator().totalInCents(null); } }\n");
        write(clone, "auth/passwords.py", PYTHON);
        write(clone, "shipping/rates.go", GO);
        write(clone, "web/cart.ts", TYPESCRIPT);
        write(clone, "README.md", "# Polyglot\n\nInvoices, passwords, rates and carts.\n");
        write(clone, "web/package.json", "{\n  \"name\": \"cart\",\n  \"dependencies\": {\n    \"lodash\": \"4.17.20\"\n  },\n"
                + "  \"devDependencies\": {\n    \"vitest\": \"^3.2.0\"\n  }\n}\n");
        write(clone, "requirements.txt", "requests>=2.31,<3\n");
        git.run(clone, "add", "-A").ok();
        git.run(clone, "commit", "-q", "-m", "First").ok();
        git.run(clone, "push", "-q", "origin", "main").ok();

        Path vault = work.resolve("vault");
        git.run(work, "clone", "-q", GitCli.url(http, token, "seeker/vault"), vault.toString()).ok();
        write(vault, "secret.py", "def quarterlyVaultFigures():\n    return 42\n");
        git.run(vault, "add", "-A").ok();
        git.run(vault, "commit", "-q", "-m", "Secret").ok();
        git.run(vault, "push", "-q", "origin", "main").ok();

        awaitLines("cartTotalQuantity repo:seeker/polyglot", token, n -> n > 0);
        awaitLines("quarterlyVaultFigures", token, n -> n > 0);
    }

    static synchronized CodeSearchOverHttp on(Http http, IdentityAndAccess identity) {
        if (failure != null) {
            throw new AssertionError("The code search fixture could not be built (see the first test that failed)", failure);
        }
        if (instance == null) {
            try {
                instance = new CodeSearchOverHttp(http, identity.siteAdmin());
            } catch (RuntimeException | AssertionError e) {
                failure = e;
                throw e;
            }
        }
        return instance;
    }

    /** Known answers for identifiers, their parts, phrases, regular expressions and each filter. */
    void queriesHaveKnownAnswers() {
        // An identifier's part finds it (camelCase), case-insensitively; the line and its highlight come back.
        JsonNode calc = lines("calculator repo:seeker/polyglot");
        assertEquals(calc.toString(), "src/main/java/org/acme/billing/InvoiceCalculator.java", calc.path("items").get(0).path("path").asText());
        // snake_case parts too
        assertEquals(List.of("auth/passwords.py"), paths(lines("password repo:seeker/polyglot lang:python")));
        // The definition ranks before the test that only uses it.
        List<String> total = paths(lines("totalInCents repo:seeker/polyglot"));
        assertEquals(total.toString(), List.of("src/main/java/org/acme/billing/InvoiceCalculator.java",
                "src/test/java/org/acme/billing/InvoiceCalculatorTest.java"), total);
        JsonNode line = lines("totalInCents repo:seeker/polyglot").path("items").get(0).path("lines").get(0);
        assertEquals(10, line.path("line").asInt());
        assertEquals("    public long totalInCents(List<Long> lineAmounts) {", line.path("text").asText());
        assertEquals("[[16,28]]", line.path("highlights").toString());
        // A phrase, a regular expression, a symbol, a path and a language filter.
        assertEquals(List.of("shipping/rates.go"), paths(lines("\"t.Zones[zone]\" repo:seeker/polyglot")));
        assertEquals(List.of("web/cart.ts"), paths(lines("/sum \\+ item\\.\\w+/ repo:seeker/polyglot")));
        assertEquals(List.of("shipping/rates.go"), paths(lines("symbol:RateFor repo:seeker/polyglot")));
        assertEquals(List.of("src/test/java/org/acme/billing/InvoiceCalculatorTest.java"),
                paths(lines("totalInCents path:src/test repo:seeker/polyglot")));
        assertEquals(List.of(), paths(lines("TOTALINCENTS case:yes repo:seeker/polyglot")));
        // GitHub's shape, with text matches on request.
        HttpResponse<String> github = http.send("GET", "/api/v3/search/code?q=" + encode("RateTable repo:seeker/polyglot"),
                null, null, "Authorization", "token " + token, "Accept", "application/vnd.github.text-match+json");
        JsonNode body = expect(200, github, "GitHub code search");
        assertEquals(1, body.path("total_count").asInt());
        JsonNode item = body.path("items").get(0);
        assertEquals("rates.go", item.path("name").asText());
        assertEquals("seeker/polyglot", item.path("repository").path("full_name").asText());
        assertTrue(item.toString(), item.path("text_matches").get(0).path("fragment").asText().contains("RateTable"));
        // Bad input: a clear 422, nothing else.
        HttpResponse<String> bad = http.send("GET", "/api/v3/search/code/lines?q=" + encode("/unclosed(/"), null, null,
                "Authorization", "token " + token);
        assertEquals(bad.body(), 422, bad.statusCode());
        assertTrue(bad.body(), Http.json(bad).path("message").asText().toLowerCase().contains("regular expression"));
    }

    /** Symbols by name and initials, definitions and references in a repository, semantic search and experts. */
    void symbolsSemanticSearchAndExperts() {
        JsonNode symbols = get("/api/v3/search/symbols?q=" + encode("RateFor repo:seeker/polyglot"));
        JsonNode rate = symbols.path("items").get(0);
        assertEquals(symbols.toString(), "RateFor|method|shipping/rates.go|8", rate.path("name").asText() + "|"
                + rate.path("kind").asText() + "|" + rate.path("path").asText() + "|" + rate.path("line").asInt());
        assertEquals("InvoiceCalculator", get("/api/v3/search/symbols?q=" + encode("IC kind:class repo:seeker/polyglot"))
                .path("items").get(0).path("name").asText());
        JsonNode definitions = get("/api/v3/repos/seeker/polyglot/symbols/totalInCents/definitions");
        assertEquals(definitions.toString(), "src/main/java/org/acme/billing/InvoiceCalculator.java",
                definitions.get(0).path("path").asText());
        JsonNode references = get("/api/v3/repos/seeker/polyglot/symbols/totalInCents/references");
        assertEquals(references.toString(), "src/test/java/org/acme/billing/InvoiceCalculatorTest.java",
                references.path("files").get(0).path("path").asText());
        JsonNode semantic = get("/api/v3/search/semantic?q=" + encode("where do we check passwords") + "&repo=seeker/polyglot");
        assertEquals(semantic.toString(), "auth/passwords.py", semantic.path("items").get(0).path("path").asText());
        JsonNode experts = get("/api/v3/search/experts?q=" + encode("path:shipping repo:seeker/polyglot"));
        assertEquals(experts.toString(), "itest@example.com", experts.path("items").get(0).path("email").asText());
        HttpResponse<String> hidden = http.send("GET", "/api/v3/repos/seeker/vault/symbols/quarterlyVaultFigures/definitions",
                null, null, "Authorization", "token " + otherToken);
        assertEquals(hidden.body(), 404, hidden.statusCode());
        assertEquals(0, expect(200, http.send("GET", "/api/v3/search/symbols?q=quarterlyVaultFigures", null, null,
                "Authorization", "token " + otherToken), "symbols as another user").path("total_count").asInt());
    }

    private JsonNode get(String path) {
        return expect(200, http.send("GET", path, null, null, "Authorization", "token " + token), path);
    }

    /** The manifests of the push are read: a repository's list, and who depends on a package at a version range. */
    void dependenciesAreReadFromThePush() {
        JsonNode list = expect(200, http.send("GET", "/api/v3/repos/seeker/polyglot/dependencies", null, null,
                "Authorization", "token " + token), "dependencies");
        List<String> names = new ArrayList<>();
        list.path("dependencies").forEach(d -> names.add(d.path("ecosystem").asText() + ":" + d.path("name").asText()
                + "@" + d.path("requirement").asText() + "/" + d.path("scope").asText() + " " + d.path("manifest").asText()
                + ":" + d.path("line").asInt()));
        assertTrue(names.toString(), names.contains("npm:lodash@4.17.20/runtime web/package.json:4"));
        assertTrue(names.toString(), names.contains("npm:vitest@^3.2.0/development web/package.json:7"));
        assertTrue(names.toString(), names.stream().anyMatch(n -> n.startsWith("pypi:requests@>=2.31,<3")));
        assertEquals(1, dependents("lodash", "npm", "<4.17.21").path("total_count").asInt());
        assertEquals(0, dependents("lodash", "npm", ">=4.17.21").path("total_count").asInt());
        assertEquals(1, dependents("requests", "pypi", ">=2.32").path("total_count").asInt());
        HttpResponse<String> bad = http.send("GET", "/api/v3/search/dependencies?q=lodash&ecosystem=npm&range="
                + encode("<<4"), null, null, "Authorization", "token " + token);
        assertEquals(bad.body(), 422, bad.statusCode());
    }

    /** A pasted Java stack trace leads to the file and line of each application frame, with an excerpt. */
    void stackTracesLeadToTheirLines() {
        String trace = """
                2026-11-30 10:15:02.123 ERROR 4242 --- [nio-8080-exec-1] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : failed
                java.time.format.DateTimeParseException: Text 'tomorrow' could not be parsed at index 0
                \tat java.base/java.time.format.DateTimeFormatter.createError(DateTimeFormatter.java:2052)
                \tat java.base/java.time.LocalDate.parse(LocalDate.java:430)
                \tat org.acme.billing.InvoiceCalculator.parseDueDate(InvoiceCalculator.java:15)
                \tat org.acme.billing.InvoiceCalculatorTest.sumsTheLines(InvoiceCalculatorTest.java:1)
                """;
        JsonNode answer = expect(200, http.send("POST", "/api/v3/search/stacktrace", "application/json",
                "{\"trace\":" + quote(trace) + "}", "Authorization", "token " + token), "stack trace");
        assertEquals(answer.toString(), "java.time.format.DateTimeParseException", answer.path("traces").get(0).path("exception").asText());
        JsonNode first = answer.path("items").get(0);
        assertEquals(first.toString(), "src/main/java/org/acme/billing/InvoiceCalculator.java", first.path("path").asText());
        assertEquals(15, first.path("line").asInt());
        assertEquals("seeker/polyglot", first.path("repository").asText());
        boolean marked = false;
        for (JsonNode line : first.path("excerpt")) {
            marked |= line.path("marked").asBoolean() && line.path("text").asText().contains("LocalDate.parse(text)");
        }
        assertTrue(first.toString(), marked);
        // The same trace, asked by someone who cannot read the repository, finds nothing of it.
        JsonNode other = expect(200, http.send("POST", "/api/v3/search/stacktrace", "text/plain", trace,
                "Authorization", "token " + otherToken), "stack trace as another user");
        other.path("items").forEach(i -> assertFalse(i.toString(), i.path("repository").asText().equals("seeker/vault")));
        HttpResponse<String> empty = http.send("POST", "/api/v3/search/stacktrace", "application/json", "{\"trace\":\"\"}",
                "Authorization", "token " + token);
        assertEquals(empty.body(), 400, empty.statusCode());
    }

    private JsonNode dependents(String name, String ecosystem, String range) {
        return expect(200, http.send("GET", "/api/v3/search/dependencies?q=" + encode(name) + "&ecosystem=" + ecosystem
                + "&range=" + encode(range), null, null, "Authorization", "token " + token), "dependents of " + name);
    }

    /** Another user sees neither the private repository's files nor a count of them; the owner does. */
    void privateCodeNeverShowsToOthers() {
        assertEquals(1, lines("quarterlyVaultFigures", token).path("total_count").asInt());
        assertEquals(0, lines("quarterlyVaultFigures", otherToken).path("total_count").asInt());
        HttpResponse<String> named = http.send("GET", "/api/v3/search/code?q=" + encode("quarterlyVaultFigures repo:seeker/vault"),
                null, null, "Authorization", "token " + otherToken);
        assertEquals(named.body(), 0, expect(200, named, "named private repo").path("total_count").asInt());
        HttpResponse<String> anonymous = http.send("GET", "/api/v3/search/code?q=quarterlyVaultFigures", null, null);
        assertEquals(anonymous.body(), 0, expect(200, anonymous, "anonymous").path("total_count").asInt());
    }

    /** A new push shows in the next answers; a force-push removes what it dropped (deleted branches: CodeIndexerTest). */
    void pushesAndForcePushesShowInTheNextAnswer() {
        String before = git.run(clone, "rev-parse", "HEAD").ok().out().strip();
        git.commit(clone, "shipping/customs.go", "package shipping\n\nfunc customsDutyFor(value int) int { return value / 10 }\n");
        git.run(clone, "push", "-q", "origin", "main").ok();
        awaitLines("customsDutyFor repo:seeker/polyglot", token, n -> n == 1);

        git.run(clone, "reset", "-q", "--hard", before).ok();
        git.run(clone, "push", "-q", "--force", "origin", "main").ok();
        awaitLines("customsDutyFor repo:seeker/polyglot", token, n -> n == 0);
        assertEquals(1, lines("RateFor repo:seeker/polyglot").path("total_count").asInt());

        // Another branch is not indexed until it becomes the default branch; then the old one is dropped. Searches
        // look at the new default branch at once: they find its files as soon as it is indexed.
        git.run(clone, "checkout", "-q", "-b", "next").ok();
        git.commit(clone, "shipping/tariff.go", "package shipping\n\nfunc tariffBandOf(code string) int { return len(code) }\n");
        git.run(clone, "push", "-q", "origin", "next").ok();
        git.run(clone, "checkout", "-q", "main").ok();
        assertEquals(0, lines("tariffBandOf repo:seeker/polyglot").path("total_count").asInt());
        defaultBranch("next");
        awaitLines("tariffBandOf repo:seeker/polyglot", token, n -> n == 1);
        defaultBranch("main");
        // Searches look at the default branch at once, so wait for what only the re-indexed main holds.
        awaitLines("RateFor repo:seeker/polyglot", token, n -> n == 1);
        assertEquals(0, lines("tariffBandOf repo:seeker/polyglot").path("total_count").asInt());

        // GitHub's object answer, paged by the web bundle's Link header.
        HttpResponse<String> paged = http.send("GET", "/api/v3/search/code?per_page=1&q="
                + encode("InvoiceCalculator repo:seeker/polyglot"), null, null, "Authorization", "token " + token);
        JsonNode first = expect(200, paged, "paged search");
        assertTrue(paged.body(), first.path("total_count").asInt() >= 2 && first.path("items").size() == 1);
        String link = paged.headers().firstValue("Link").orElse("");
        assertTrue(link, link.contains("page=2") && link.contains("rel=\"next\"") && link.contains("rel=\"last\""));
    }

    private void defaultBranch(String branch) {
        expect(200, http.send("PATCH", "/api/v3/repos/seeker/polyglot", "application/json",
                "{\"default_branch\":\"" + branch + "\"}", "Authorization", "token " + token), "default branch " + branch);
    }

    private JsonNode lines(String q) {
        return lines(q, token);
    }

    private JsonNode lines(String q, String as) {
        return expect(200, http.send("GET", "/api/v3/search/code/lines?q=" + encode(q), null, null,
                "Authorization", "token " + as), "search " + q);
    }

    /** Polls until the number of files {@code q} finds for {@code as} satisfies {@code wanted} (indexing is queued). */
    private void awaitLines(String q, String as, Predicate<Integer> wanted) {
        long deadline = System.nanoTime() + 90_000_000_000L;
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = lines(q, as).path("total_count").asInt();
            if (wanted.test(last)) {
                return;
            }
            Http.sleep(250);
        }
        throw new AssertionError("the index never answered " + q + " as wanted; last count " + last);
    }

    private static List<String> paths(JsonNode answer) {
        List<String> paths = new ArrayList<>();
        answer.path("items").forEach(i -> paths.add(i.path("path").asText()));
        return paths;
    }

    private String user(String admin, String login) {
        expect(201, http.send("POST", "/api/v3/admin/users", "application/json", "{\"login\":\"" + login
                + "\",\"email\":\"" + login + "@example.com\",\"password\":\"" + login + " password 12345\"}",
                "Authorization", admin), "create " + login);
        String basic = Base64.getEncoder().encodeToString((login + ":" + login + " password 12345").getBytes(StandardCharsets.UTF_8));
        return expect(201, http.send("POST", "/api/v3/user/tokens", "application/json",
                "{\"name\":\"search\",\"scopes\":[\"repo:write\"]}", "Authorization", "Basic " + basic), "token")
                .path("token").asText();
    }

    private static String quote(String text) {
        try {
            return new ObjectMapper().writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String q) {
        return URLEncoder.encode(q, StandardCharsets.UTF_8);
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
}
