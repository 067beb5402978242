package io.codara.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import io.codara.itests.AccessMatrix.Persona;

import org.slf4j.LoggerFactory;

/**
 * Identity and access end to end, run by {@link DistributionIT} inside the booted distribution so that one boot
 * serves every end-to-end test: the authorisation matrix, session cookies and CSRF, the login throttle, rate-limit
 * headers, the audit log, and no secret in the log. The fixture is built once per boot and the matrix run once,
 * whichever test asks first; test order does not matter.
 */
final class IdentityAndAccess {

    /** Rate limits the test distribution is configured with (etc/io.codara.auth.ratelimit.cfg). */
    static final int RATE_LIMIT = 100_000;

    // One per boot: the fixture is made on the distribution's database and cannot be made twice.
    private static IdentityAndAccess instance;
    private static Throwable failure;

    private final Http http;
    private final AccessFixture fixture;
    private AccessMatrix.Report matrix;

    private IdentityAndAccess(Http http, AccessFixture fixture) {
        this.http = http;
        this.fixture = fixture;
    }

    static synchronized IdentityAndAccess on(Http http, String adminPassword) {
        if (failure != null) {
            throw new AssertionError("The identity fixture could not be built (see the first test that failed)", failure);
        }
        if (instance == null) {
            try {
                instance = new IdentityAndAccess(http, AccessFixture.create(http, adminPassword));
            } catch (RuntimeException | AssertionError e) {
                failure = e;
                throw e;
            }
        }
        // Another test may have just restarted a bundle (DistributionIT's hot swap): wait for the API to answer.
        http.await("/api/v3/user", status -> status == 401, Duration.ofSeconds(60));
        return instance;
    }

    private String noteWriter;

    /** A token that may write content (for the example plugin's notes), made once. */
    synchronized String contentWriter() {
        if (noteWriter == null) {
            String token = fixture.createToken(fixture.basic("member"), "content writer", List.of("repo:write"), null)
                    .path("token").asText();
            fixture.secret(token, "member's content-writing token");
            noteWriter = "token " + token;
        }
        return noteWriter;
    }

    /** How the site administrator authenticates now (the matrix may have changed passwords). */
    String siteAdmin() {
        return fixture.authorization(Persona.SITE_ADMIN);
    }

    /** The site administrator's password now. */
    String siteAdminPassword() {
        return fixture.password(AccessFixture.ADMIN);
    }

    /** The matrix, run once. */
    synchronized AccessMatrix.Report matrix() {
        if (matrix == null) {
            matrix = AccessMatrix.run(AuthorizationMatrix.rows(fixture), fixture);
        }
        return matrix;
    }

    /**
     * GitHub's own client, octokit (Node), reads and writes the identity API as a GitHub script would: the
     * authenticated user, an organisation, memberships, paginated members and teams (following {@code Link}
     * headers), team creation, the rate limit, and errors as octokit's RequestError with GitHub's status.
     */
    void octokit(Path scripts) {
        String token = fixture.createToken(fixture.basic("owner"), "octokit", List.of("read:org", "admin:org", "user"), null)
                .path("token").asText();
        fixture.secret(token, "the token octokit uses");
        OctokitScript.Result result = OctokitScript.run(scripts, "identity.mjs", Map.of("CODARA_API", http.base() + "/api/v3",
                "CODARA_TOKEN", token, "CODARA_ORG", AccessFixture.ORG));
        String out = result.output();
        JsonNode seen = result.seen();
        assertEquals(out, "owner", seen.path("login").asText());
        assertEquals(out, "User", seen.path("type").asText());
        assertEquals(out, "admin:org, read:org, user", seen.path("scopes").asText());
        assertEquals(out, "owner", seen.path("userByName").asText());
        assertEquals(out, AccessFixture.ORG, seen.path("org").asText());
        assertEquals(out, "admin", seen.path("membershipRole").asText());
        List<String> members = new ArrayList<>();
        seen.path("members").forEach(m -> members.add(m.asText()));
        assertTrue(out, members.containsAll(List.of("maintainer", "member", "owner")));
        List<String> teams = new ArrayList<>();
        seen.path("teams").forEach(t -> teams.add(t.asText()));
        assertTrue(out, teams.containsAll(List.of("core", "hidden")));
        assertTrue(out, seen.path("myOrgs").toString().contains(AccessFixture.ORG));
        assertEquals(out, "octo-team", seen.path("createdTeam").path("slug").asText());
        assertEquals(out, 201, seen.path("createdTeam").path("status").asInt());
        assertEquals(out, 404, seen.path("missingUser").path("status").asInt());
        assertEquals(out, "Not Found", seen.path("missingUser").path("message").asText());
        assertEquals(out, 401, seen.path("anonymousMe").asInt());
        assertTrue(out, seen.path("rate").asInt() > 0);
    }

    /** Suspended users are told so; wrong passwords and dead tokens get 401, all as JSON errors. */
    void refusalsSayWhy() {
        HttpResponse<String> suspended = fixture.call(fixture.authorization(Persona.SUSPENDED), "GET", "/api/v3/user", null);
        assertEquals(suspended.body(), 403, suspended.statusCode());
        assertTrue(suspended.body(), Http.json(suspended).path("message").asText().toLowerCase(Locale.ROOT).contains("suspend"));

        HttpResponse<String> expired = fixture.call(fixture.authorization(Persona.EXPIRED_TOKEN), "GET", "/api/v3/user", null);
        assertEquals(expired.body(), 401, expired.statusCode());
        assertFalse(expired.body(), Http.json(expired).path("message").asText().isEmpty());

        String forged = "cdr_" + "0".repeat(36);
        assertEquals(401, fixture.call("Bearer " + forged, "GET", "/api/v3/user", null).statusCode());
        assertEquals(401, fixture.call(fixture.basic("leaver", "not the password of leaver"), "GET", "/api/v3/user", null).statusCode());
    }

    /** POST /session sets an HttpOnly, SameSite=Lax cookie; writes with it need the CSRF token; sign-out ends it. */
    void sessionCookie() {
        Set<String> before = sessionIds();
        HttpResponse<String> signIn = fixture.call(null, "POST", "/api/v3/session", fixture.credentials("member"));
        assertEquals(signIn.body(), 201, signIn.statusCode());
        String setCookie = signIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("codara_session="))
                .findFirst().orElseThrow(() -> new AssertionError("no codara_session cookie: " + signIn.headers().map()));
        String attributes = setCookie.toLowerCase(Locale.ROOT);
        assertTrue(setCookie, Pattern.compile(";\\s*httponly\\s*(;|$)").matcher(attributes).find());
        assertTrue(setCookie, Pattern.compile(";\\s*samesite=lax\\s*(;|$)").matcher(attributes).find());
        String cookie = setCookie.split(";", 2)[0].strip();
        assertTrue(setCookie, cookie.length() >= "codara_session=".length() + 16);
        JsonNode body = Http.json(signIn);
        String csrf = body.path("csrf_token").asText();
        assertFalse(signIn.body(), csrf.isEmpty());
        assertEquals("member", body.path("user").path("login").asText());

        HttpResponse<String> me = withCookie(cookie, "GET", "/api/v3/user", null);
        assertEquals(me.body(), 200, me.statusCode());
        assertEquals("member", Http.json(me).path("login").asText());
        assertEquals(200, withCookie(cookie, "GET", "/api/v3/session", null).statusCode());

        String bio = "{\"bio\":\"written from a browser\"}";
        assertEquals("a cookie write without the CSRF token", 403, withCookie(cookie, "PATCH", "/api/v3/user", bio).statusCode());
        assertEquals("a cookie write with a wrong CSRF token", 403,
                withCookie(cookie, "PATCH", "/api/v3/user", bio, "X-CSRF-Token", "not-" + csrf).statusCode());
        HttpResponse<String> patched = withCookie(cookie, "PATCH", "/api/v3/user", bio, "X-CSRF-Token", csrf);
        assertEquals(patched.body(), 200, patched.statusCode());
        assertEquals("written from a browser", Http.json(patched).path("bio").asText());

        HttpResponse<String> listed = withCookie(cookie, "GET", "/api/v3/user/sessions?per_page=100", null);
        assertEquals(listed.body(), 200, listed.statusCode());
        Set<String> now = new HashSet<>();
        Http.json(listed).forEach(s -> now.add(s.path("id").asText()));
        now.removeAll(before);
        assertEquals("the new session is listed: " + listed.body(), 1, now.size());

        assertEquals("sign-out without the CSRF token", 403, withCookie(cookie, "DELETE", "/api/v3/session", null).statusCode());
        assertEquals(204, withCookie(cookie, "DELETE", "/api/v3/session", null, "X-CSRF-Token", csrf).statusCode());
        assertEquals("the cookie is dead after sign-out", 401, withCookie(cookie, "GET", "/api/v3/user", null).statusCode());

        assertEquals(403, fixture.call(null, "POST", "/api/v3/session", fixture.credentials("suspended")).statusCode());
        String wrong = "not the password of leaver either";
        fixture.secret(wrong, "a wrong password tried for leaver");
        assertEquals(401, fixture.call(null, "POST", "/api/v3/session", AccessFixture.json("login", "leaver", "password", wrong)).statusCode());
    }

    /** Ten wrong passwords for one account, then even the right one answers 429 with Retry-After; others may sign in. */
    void loginThrottle() {
        // From 127.0.0.2, so that these failures do not count against the address every other test comes from.
        String address = "127.0.0.2";
        for (int attempt = 1; attempt <= 10; attempt++) {
            String wrong = "wrong password number " + attempt + " for throttled";
            fixture.secret(wrong, "a wrong password tried for throttled");
            Http.Raw refused = http.sendFrom(address, "POST", "/api/v3/session", "application/json",
                    AccessFixture.json("login", "throttled", "password", wrong));
            assertEquals("attempt " + attempt + ": " + refused.body(), 401, refused.status());
        }
        Http.Raw eleventh = http.sendFrom(address, "POST", "/api/v3/session", "application/json", fixture.credentials("throttled"));
        assertEquals(eleventh.body(), 429, eleventh.status());
        long retryAfter = seconds(eleventh.header("Retry-After")
                .orElseThrow(() -> new AssertionError("429 without Retry-After: " + eleventh.headers())));
        assertTrue("Retry-After " + retryAfter, retryAfter > 0 && retryAfter <= 15 * 60);

        assertEquals("the account is throttled from every address", 429,
                fixture.call(null, "POST", "/api/v3/session", fixture.credentials("throttled")).statusCode());
        assertEquals("other accounts are not", 201,
                fixture.call(null, "POST", "/api/v3/session", fixture.credentials("outsider")).statusCode());
    }

    /** GitHub's X-RateLimit-* headers, counting down per caller, and GET /rate_limit agreeing. */
    void rateLimitHeaders() {
        String member = fixture.basic("member");
        RateLimit first = RateLimit.of(fixture.call(member, "GET", "/api/v3/user", null));
        RateLimit second = RateLimit.of(fixture.call(member, "GET", "/api/v3/user", null));
        for (RateLimit limit : List.of(first, second)) {
            assertEquals(limit.toString(), RATE_LIMIT, limit.limit());
            assertEquals(limit.toString(), limit.limit(), limit.remaining() + limit.used());
            assertEquals("core", limit.resource());
            long now = Instant.now().getEpochSecond();
            assertTrue("X-RateLimit-Reset is in epoch seconds, within the hour: " + limit, limit.reset() >= now - 5 && limit.reset() <= now + 3605);
        }
        assertTrue(first + " then " + second, second.remaining() < first.remaining());
        assertTrue(first + " then " + second, second.used() > first.used());

        RateLimit anonymous = RateLimit.of(fixture.call(null, "GET", "/api/v3/users/member", null));
        assertEquals(RATE_LIMIT, anonymous.limit());
        assertEquals("core", anonymous.resource());

        JsonNode status = AccessFixture.expect(200, fixture.call(member, "GET", "/api/v3/rate_limit", null), "rate_limit");
        assertEquals(status.toString(), RATE_LIMIT, status.path("resources").path("core").path("limit").asInt());
        assertEquals(status.toString(), RATE_LIMIT, status.path("rate").path("limit").asInt());
        assertTrue(status.toString(), status.path("resources").path("core").path("remaining").asLong() <= second.remaining());
    }

    /** The site admin finds what the fixture did, by actor and by target. */
    void auditLog() {
        JsonNode byAdmin = AccessFixture.expect(200, fixture.call(fixture.admin(), "GET", "/api/v3/audit-log?actor=admin&per_page=100", null),
                "audit log by actor");
        assertTrue(byAdmin.toString(), byAdmin.isArray() && byAdmin.size() > 0);
        byAdmin.forEach(entry -> assertEquals(entry.toString(), "admin", entry.path("actor").asText()));

        JsonNode onSuspended = AccessFixture.expect(200, fixture.call(fixture.admin(), "GET", "/api/v3/audit-log?target=suspended&per_page=100", null),
                "audit log by target");
        boolean suspension = false;
        for (JsonNode entry : onSuspended) {
            suspension |= entry.path("action").asText().contains("suspend");
        }
        assertTrue("the suspension is audited: " + onSuspended, suspension);
    }

    /**
     * After the matrix and a browser session of its own: no password, Basic credentials, token, session cookie or
     * CSRF token appears in any file of the log directory. A planted canary proves the scan reads the live log.
     */
    void secretsNotLogged() {
        matrix();
        HttpResponse<String> signIn = fixture.call(null, "POST", "/api/v3/session", fixture.credentials("outsider"));
        assertEquals(signIn.body(), 201, signIn.statusCode());
        String cookie = signIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("codara_session="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + signIn.headers().map())).split(";", 2)[0];
        String csrf = Http.json(signIn).path("csrf_token").asText();
        assertEquals(200, withCookie(cookie, "GET", "/api/v3/user", null).statusCode());
        assertEquals(204, withCookie(cookie, "DELETE", "/api/v3/session", null, "X-CSRF-Token", csrf).statusCode());

        Map<String, String> secrets = fixture.secrets();
        for (String kind : List.of("password", "Basic credentials", "token answered", "session cookie", "CSRF token")) {
            assertTrue("the run collected at least one " + kind, secrets.values().stream().anyMatch(what -> what.contains(kind)));
        }

        Path logs = logDirectory();
        String canary = "cdr_itestcanary" + UUID.randomUUID().toString().replace("-", "");
        LoggerFactory.getLogger(IdentityAndAccess.class).warn("Log scan canary, not a real token: {}", canary);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (scan(logs, Map.of(canary, "the canary")).isEmpty()) {
            assertTrue("the scan never saw the canary it logged: " + logs + " is not the live log", System.nanoTime() < deadline);
            Http.sleep(200);
        }
        long lines;
        try (Stream<String> karafLog = Files.lines(logs.resolve("karaf.log"), StandardCharsets.ISO_8859_1)) {
            lines = karafLog.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue("karaf.log has only " + lines + " lines", lines > 50);

        List<String> leaks = scan(logs, withEncodings(secrets));
        assertTrue(leaks.size() + " secrets in " + logs + ":\n" + String.join("\n", leaks), leaks.isEmpty());
    }

    private HttpResponse<String> withCookie(String cookie, String method, String path, String json, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Cookie";
        all[1] = cookie;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return fixture.call(null, method, path, json == null ? null : "application/json",
                json == null ? null : json.getBytes(StandardCharsets.UTF_8), all);
    }

    private Set<String> sessionIds() {
        Set<String> ids = new HashSet<>();
        AccessFixture.expect(200, fixture.call(fixture.basic("member"), "GET", "/api/v3/user/sessions?per_page=100", null),
                "member's sessions").forEach(s -> ids.add(s.path("id").asText()));
        return ids;
    }

    /** Passwords with spaces also as a form or URL would encode them. */
    private static Map<String, String> withEncodings(Map<String, String> secrets) {
        Map<String, String> out = new HashMap<>(secrets);
        secrets.forEach((secret, what) -> {
            if (secret.contains(" ")) {
                out.putIfAbsent(secret.replace(" ", "+"), what + " (form-encoded)");
                out.putIfAbsent(secret.replace(" ", "%20"), what + " (URL-encoded)");
            }
        });
        return out;
    }

    /** Where each secret occurs in the files under {@code directory}: file, what, and the line. */
    static List<String> scan(Path directory, Map<String, String> secrets) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                secrets.forEach((secret, what) -> {
                    int at = text.indexOf(secret);
                    if (at >= 0) {
                        int start = text.lastIndexOf('\n', at) + 1;
                        int end = text.indexOf('\n', at);
                        String line = text.substring(start, end < 0 ? text.length() : end);
                        found.add(file.getFileName() + ": " + what + ": " + (line.length() > 300 ? line.substring(0, 300) + "..." : line));
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** The distribution's log directory, as seen from inside it. */
    static Path logDirectory() {
        List<String> candidates = new ArrayList<>();
        candidates.add(System.getProperty("karaf.log"));
        candidates.add(System.getProperty("karaf.data") == null ? null : System.getProperty("karaf.data") + "/log");
        candidates.add(System.getProperty("karaf.home") == null ? null : System.getProperty("karaf.home") + "/data/log");
        for (String candidate : candidates) {
            if (candidate != null && Files.isRegularFile(Path.of(candidate, "karaf.log"))) {
                return Path.of(candidate);
            }
        }
        throw new AssertionError("No karaf.log in any of " + candidates);
    }

    private static long seconds(String retryAfter) {
        try {
            return Long.parseLong(retryAfter.strip());
        } catch (NumberFormatException notSeconds) {
            ZonedDateTime at = ZonedDateTime.parse(retryAfter.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
            return Duration.between(Instant.now(), at.toInstant()).toSeconds();
        }
    }

    /** GitHub's rate-limit headers of one answer. */
    private record RateLimit(long limit, long remaining, long reset, long used, String resource) {

        static RateLimit of(HttpResponse<String> response) {
            assertEquals(response.body(), 200, response.statusCode());
            return new RateLimit(number(response, "X-RateLimit-Limit"), number(response, "X-RateLimit-Remaining"),
                    number(response, "X-RateLimit-Reset"), number(response, "X-RateLimit-Used"),
                    response.headers().firstValue("X-RateLimit-Resource").orElse(null));
        }

        private static long number(HttpResponse<String> response, String header) {
            String value = response.headers().firstValue(header)
                    .orElseThrow(() -> new AssertionError("no " + header + " in " + response.headers().map()));
            return Long.parseLong(value.strip());
        }
    }
}
