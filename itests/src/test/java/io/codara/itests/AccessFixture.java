package io.codara.itests;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.itests.AccessMatrix.Persona;
import io.codara.itests.AccessMatrix.Reply;
import io.codara.itests.AccessMatrix.Request;

/**
 * The people, organisation, teams and tokens the authorisation matrix runs against, made through the REST API:
 * users {@code outsider}, {@code member}, {@code maintainer}, {@code owner}, {@code suspended} (suspended),
 * {@code leaver} (moved in and out of {@code acme} by the matrix) and {@code throttled} (for the login throttle);
 * organisation {@code acme} owned by {@code owner} with {@code member} and {@code maintainer} as members; closed team
 * {@code core} with {@code maintainer} as its maintainer; secret team {@code hidden} without members; an expired
 * token of {@code member}; two tokens of {@code owner}, one with {@code repo:read} only, one with {@code admin:org}.
 * <p>
 * It also remembers every secret that went over the wire (passwords, Basic credentials, tokens, session cookies,
 * CSRF tokens), for the check that none of them reaches a log.
 */
final class AccessFixture implements AccessMatrix.Transport {

    static final String PASSWORD = "correct horse battery staple 1";
    static final String ADMIN = "admin";
    static final String ORG = "acme";
    static final List<String> USERS = List.of("outsider", "member", "maintainer", "owner", "suspended", "leaver", "throttled");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOKEN = Pattern.compile("cdr_[A-Za-z0-9_]{16,}");
    private static final Pattern CSRF = Pattern.compile("\"csrf_token\"\\s*:\\s*\"([^\"]+)\"");

    private final Http http;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    /** secret -> what it is, for the log check's report. */
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private String adminToken;
    private String expiredToken;
    private String ownerReadToken;
    private String ownerAdminOrgToken;
    private String memberTokenId;
    private String memberKeyId;
    private long reviewComment;
    private long approval;
    private String matrixCommit;
    private long commitComment;
    private String memberGpgKeyId;

    private AccessFixture(Http http, String adminPassword) {
        this.http = http;
        passwords.put(ADMIN, adminPassword);
        secret(adminPassword, "the site admin's password");
    }

    /** Builds the fixture on a fresh distribution whose site admin is {@value #ADMIN} with {@code adminPassword}. */
    static AccessFixture create(Http http, String adminPassword) {
        AccessFixture f = new AccessFixture(http, adminPassword);
        f.build();
        return f;
    }

    private void build() {
        http.await("/api/v3/user", status -> status == 401, Duration.ofSeconds(120));
        // The fixture's own calls use a site admin token: cheaper than a password hash on every call.
        adminToken = createToken(basic(ADMIN), "itest fixture", List.of("admin"), null).path("token").asText();
        for (String login : USERS) {
            passwords.put(login, PASSWORD);
            expect(201, call("token " + adminToken, "POST", "/api/v3/admin/users",
                    json("login", login, "email", login + "@example.com", "password", PASSWORD, "name", "Itest " + login)),
                    "create user " + login);
        }

        // Made first so that it expires while the rest is built; checked to work before it expires.
        Instant expiry = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        expiredToken = createToken(basic("member"), "soon", List.of("repo:read"), expiry).path("token").asText();
        expect(200, call("token " + expiredToken, "GET", "/api/v3/user", null), "use member's token before it expires");

        expect(201, call(basic("owner"), "POST", "/api/v3/orgs", json("login", ORG, "name", "Acme")), "owner creates acme");
        joinOrg("member");
        joinOrg("maintainer");
        createTeam(basic("owner"), "Core", "closed", "core");
        createTeam(basic("owner"), "Hidden", "secret", "hidden");
        // A creator who is a member becomes the team's maintainer; the fixture wants owner in neither team.
        leaveTeam("core", "owner");
        leaveTeam("hidden", "owner");
        expectOk(call(admin(), "PUT", "/api/v3/orgs/acme/teams/core/memberships/maintainer", json("role", "maintainer")),
                "maintainer maintains core");
        expect(204, call(admin(), "PUT", "/api/v3/users/suspended/suspended", null), "suspend suspended");

        // Repositories of acme: widgets public (team core writes it), vault private (members read it through the
        // organisation's base permission), gadgets public for the team-grant rows.
        expect(201, call(basic("owner"), "POST", "/api/v3/orgs/acme/repos",
                json("name", "widgets", "auto_init", true)), "owner creates acme/widgets");
        expect(201, call(basic("owner"), "POST", "/api/v3/orgs/acme/repos",
                json("name", "vault", "private", true)), "owner creates acme/vault");
        expect(201, call(basic("owner"), "POST", "/api/v3/orgs/acme/repos", json("name", "gadgets")),
                "owner creates acme/gadgets");
        expect(204, call(basic("owner"), "PUT", "/api/v3/orgs/acme/teams/core/repos/acme/widgets",
                json("permission", "push")), "core writes widgets");

        openReviewedPullRequest();

        ownerReadToken = createToken(basic("owner"), "repo:read only", List.of("repo:read"), null).path("token").asText();
        ownerAdminOrgToken = createToken(basic("owner"), "admin:org", List.of("admin:org"), null).path("token").asText();
        memberTokenId = createToken(basic("member"), "listed", List.of("repo:read"), null).path("id").asText();
        memberKeyId = newMemberKeyId();
        memberGpgKeyId = newMemberGpgKeyId();

        long wait = Duration.between(Instant.now(), expiry).toMillis() + 1500;
        if (wait > 0) {
            Http.sleep(wait);
        }
        expect(401, call("token " + expiredToken, "GET", "/api/v3/user", null), "member's token after it expired");
    }

    // ---- the matrix's transport

    @Override
    public Reply send(Persona persona, Request request) {
        HttpResponse<String> response = call(authorization(persona), request.method(), request.path(), request.contentType(),
                request.body());
        return new Reply(response.statusCode(), response.body());
    }

    /** The Authorization header a persona sends, or {@code null}. */
    String authorization(Persona persona) {
        return switch (persona) {
            case ANONYMOUS -> null;
            case SITE_ADMIN -> basic(ADMIN);
            case EXPIRED_TOKEN -> "token " + expiredToken;
            case OWNER_TOKEN_NO_SCOPE -> "Bearer " + ownerReadToken;
            // What git clients send: the token as the password of Basic authentication.
            case OWNER_TOKEN_ADMIN_ORG -> basic("owner", ownerAdminOrgToken);
            default -> basic(login(persona));
        };
    }

    /** The user a persona acts as, or {@code null} for anonymous. */
    static String login(Persona persona) {
        return switch (persona) {
            case ANONYMOUS -> null;
            case SITE_ADMIN -> ADMIN;
            case EXPIRED_TOKEN -> "member";
            case OWNER_TOKEN_NO_SCOPE, OWNER_TOKEN_ADMIN_ORG -> "owner";
            default -> persona.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    // ---- credentials and secrets

    String password(String login) {
        return passwords.get(login);
    }

    /** The password of a persona's user, or a placeholder for anonymous. */
    String currentPassword(Persona persona) {
        String login = login(persona);
        return login == null ? "no password at all" : password(login);
    }

    /** The password a persona's user changes to in the matrix's password row. */
    String nextPassword(Persona persona) {
        String login = login(persona);
        return login == null ? "never used" : password(login) + " then changed";
    }

    /** After the password row: remembers the new password when the change went through. */
    void passwordChanged(Persona persona, Reply reply) {
        if (reply.status() == 204 && login(persona) != null) {
            String changed = nextPassword(persona);
            passwords.put(login(persona), changed);
            secret(changed, "the changed password of " + login(persona));
        }
    }

    String basic(String login) {
        return basic(login, password(login));
    }

    String basic(String login, String secret) {
        String encoded = Base64.getEncoder().encodeToString((login + ":" + secret).getBytes(StandardCharsets.UTF_8));
        secret(secret, "the password or token " + login + " signs in with");
        secret(encoded, "Basic credentials of " + login);
        return "Basic " + encoded;
    }

    String admin() {
        return "token " + adminToken;
    }

    /** {@code {"login":...,"password":...}} with the user's current password. */
    String credentials(String login) {
        return json("login", login, "password", password(login));
    }

    /** Every secret seen so far, with what it is. */
    Map<String, String> secrets() {
        return Map.copyOf(secrets);
    }

    void secret(String value, String what) {
        // Short values would match by accident; none of the secrets here is short.
        if (value != null && value.length() >= 8) {
            secrets.putIfAbsent(value, what);
        }
    }

    // ---- throwaway targets for the matrix's destructive rows

    String newMemberKeyId() {
        return expect(201, call(basic("member"), "POST", "/api/v3/user/keys", json("title", "throwaway", "key", newSshKey())),
                "member adds a key").path("id").asText();
    }

    String newMemberGpgKeyId() {
        return expect(201, call(basic("member"), "POST", "/api/v3/user/gpg_keys", json("name", "throwaway",
                "armored_public_key", newGpgKey())), "member adds a GPG key").path("id").asText();
    }

    String newMemberTokenId() {
        return createToken(basic("member"), "throwaway", List.of("repo:read"), null).path("id").asText();
    }

    /** Signs {@code member} in once more and answers the new session's id (the one that was not listed before). */
    String newMemberSessionId() {
        Set<String> before = sessionIds("member");
        expect(201, call(null, "POST", "/api/v3/session", credentials("member")), "member signs in");
        Set<String> after = sessionIds("member");
        after.removeAll(before);
        if (after.size() != 1) {
            throw new AssertionError("expected one new session of member, found " + after);
        }
        return after.iterator().next();
    }

    /** A closed team of acme with {@code maintainer} as its maintainer; answers the slug. */
    String newTeam(String name) {
        String slug = expect(201, call(admin(), "POST", "/api/v3/orgs/acme/teams", json("name", name, "privacy", "closed")),
                "create team " + name).path("slug").asText();
        expectOk(call(admin(), "PUT", "/api/v3/orgs/acme/teams/" + slug + "/memberships/maintainer", json("role", "maintainer")),
                "maintainer maintains " + slug);
        return slug;
    }

    /** An organisation owned by {@code owner}. */
    String newOrg(String login) {
        expect(201, call(basic("owner"), "POST", "/api/v3/orgs", json("login", login)), "owner creates " + login);
        return login;
    }

    void joinOrg(String login) {
        expectOk(call(admin(), "PUT", "/api/v3/orgs/acme/memberships/" + login, json("role", "member")), login + " joins acme");
    }

    void leaveOrg(String login) {
        expectOneOf(call(admin(), "DELETE", "/api/v3/orgs/acme/memberships/" + login, null), login + " leaves acme", 204, 404);
    }

    void joinTeam(String slug, String login) {
        expectOk(call(admin(), "PUT", "/api/v3/orgs/acme/teams/" + slug + "/memberships/" + login, json("role", "member")),
                login + " joins " + slug);
    }

    void leaveTeam(String slug, String login) {
        expectOneOf(call(admin(), "DELETE", "/api/v3/orgs/acme/teams/" + slug + "/memberships/" + login, null),
                login + " leaves " + slug, 204, 404);
    }

    String memberTokenId() {
        return memberTokenId;
    }

    String memberKeyId() {
        return memberKeyId;
    }

    String memberGpgKeyId() {
        return memberGpgKeyId;
    }

    // ---- HTTP

    /** One request; collects the secrets in the answer (tokens, session cookies, CSRF tokens). */
    HttpResponse<String> call(String authorization, String method, String path, String json) {
        return call(authorization, method, path, json == null ? null : "application/json",
                json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> call(String authorization, String method, String path, String contentType, byte[] body,
            String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(http.base() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = http.send(builder);
        harvest(response);
        return response;
    }

    private void harvest(HttpResponse<String> response) {
        for (String cookie : response.headers().allValues("Set-Cookie")) {
            int eq = cookie.indexOf('=');
            int end = cookie.indexOf(';');
            if (eq > 0) {
                secret(cookie.substring(eq + 1, end < 0 ? cookie.length() : end).strip(), "session cookie " + cookie.substring(0, eq));
            }
        }
        String body = response.body() == null ? "" : response.body();
        Matcher token = TOKEN.matcher(body);
        while (token.find()) {
            secret(token.group(), "a token answered by " + response.request().method() + " " + response.uri().getPath());
        }
        Matcher csrf = CSRF.matcher(body);
        while (csrf.find()) {
            secret(csrf.group(1), "a CSRF token");
        }
    }

    private Set<String> sessionIds(String login) {
        Set<String> ids = new HashSet<>();
        for (JsonNode session : expect(200, call(basic(login), "GET", "/api/v3/user/sessions?per_page=100", null),
                "list sessions of " + login)) {
            ids.add(session.path("id").asText());
        }
        return ids;
    }

    JsonNode createToken(String authorization, String name, List<String> scopes, Instant expiresAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("scopes", scopes);
        if (expiresAt != null) {
            body.put("expires_at", expiresAt.toString());
        }
        JsonNode token = expect(201, call(authorization, "POST", "/api/v3/user/tokens", write(body)), "create token " + name);
        if (!token.path("token").asText().startsWith("cdr_")) {
            throw new AssertionError("a created token is answered once, prefixed cdr_: " + token);
        }
        return token;
    }

    private void createTeam(String authorization, String name, String privacy, String slug) {
        JsonNode team = expect(201, call(authorization, "POST", "/api/v3/orgs/acme/teams", json("name", name, "privacy", privacy)),
                "create team " + name);
        if (!slug.equals(team.path("slug").asText())) {
            throw new AssertionError("team " + name + " should have slug " + slug + ": " + team);
        }
    }

    static JsonNode expect(int status, HttpResponse<String> response, String what) {
        return expectOneOf(response, what, status);
    }

    static JsonNode expectOk(HttpResponse<String> response, String what) {
        return expectOneOf(response, what, 200, 201, 204);
    }

    static JsonNode expectOneOf(HttpResponse<String> response, String what, int... statuses) {
        if (Arrays.stream(statuses).noneMatch(s -> s == response.statusCode())) {
            throw new AssertionError("Fixture: " + what + " (" + response.request().method() + " " + response.uri().getPath()
                    + ") answered " + response.statusCode() + ", expected " + Arrays.toString(statuses) + ": " + response.body());
        }
        String body = response.body();
        return body == null || body.isBlank() ? JSON.createObjectNode() : Http.json(response);
    }

    /**
     * acme/reviewed (public, team core writes it) with pull request 1 by owner, adding {@code matrix.txt}; outsider
     * commented on its line 1 (without a suggestion) and approved it.
     */
    private void openReviewedPullRequest() {
        expect(201, call(basic("owner"), "POST", "/api/v3/orgs/acme/repos", json("name", "reviewed", "auto_init", true)),
                "owner creates acme/reviewed");
        expect(204, call(basic("owner"), "PUT", "/api/v3/orgs/acme/teams/core/repos/acme/reviewed",
                json("permission", "push")), "core writes reviewed");
        String token = createToken(basic("owner"), "matrix git", List.of("repo:write"), null).path("token").asText();
        secret(token, "owner's git token");
        java.nio.file.Path work;
        try {
            work = java.nio.file.Files.createTempDirectory("access-matrix-reviewed");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        GitCli git = new GitCli(work.resolve("home"));
        java.nio.file.Path clone = work.resolve("reviewed");
        git.run(work, "clone", "-q", GitCli.url(http, token, "acme/reviewed"), clone.toString()).ok();
        git.run(clone, "checkout", "-q", "-b", "matrix").ok();
        git.commit(clone, "matrix.txt", "one\ntwo\n");
        git.run(clone, "push", "-q", "origin", "matrix").ok();
        expect(201, call(basic("owner"), "POST", "/api/v3/repos/acme/reviewed/pulls",
                json("title", "Matrix", "head", "matrix", "base", "main")), "owner opens acme/reviewed#1");
        reviewComment = expect(201, call(basic("outsider"), "POST", "/api/v3/repos/acme/reviewed/pulls/1/comments",
                json("path", "matrix.txt", "line", 1, "body", "one?")), "outsider comments").path("id").asLong();
        approval = expectOk(call(basic("outsider"), "POST", "/api/v3/repos/acme/reviewed/pulls/1/reviews",
                json("event", "APPROVE")), "outsider approves").path("id").asLong();
        matrixCommit = expectOk(call(admin(), "GET", "/api/v3/repos/acme/reviewed/commits/matrix", null),
                "head of matrix").path("sha").asText();
        commitComment = Long.parseLong(newCommitComment());
    }

    /** The commit that adds {@code matrix.txt} to acme/reviewed (the head of pull request 1). */
    String matrixCommit() {
        return matrixCommit;
    }

    /** The commit comment of outsider on line 1 of matrix.txt in {@link #matrixCommit()}. */
    String commitComment() {
        return Long.toString(commitComment);
    }

    /** A new commit comment of outsider on {@link #matrixCommit()}, for a row that deletes it. */
    String newCommitComment() {
        return expect(201, call(basic("outsider"), "POST", "/api/v3/repos/acme/reviewed/commits/" + matrixCommit
                + "/comments", json("path", "matrix.txt", "line", 1, "body", "one?")), "outsider comments on the commit")
                .path("id").asText();
    }

    /** The review comment of acme/reviewed#1 (by outsider). */
    String reviewComment() {
        return Long.toString(reviewComment);
    }

    /** The approving review of acme/reviewed#1 (by outsider). */
    String approval() {
        return Long.toString(approval);
    }

    /** The SHA of the head of {@code main} of one of acme's repositories, as the site admin reads it. */
    String head(String repository) {
        return expectOk(call(admin(), "GET", "/api/v3/repos/acme/" + repository + "/commits/main", null),
                "head of acme/" + repository).path("sha").asText();
    }

    /** Gives a team of acme a role on one of acme's repositories, as the owner. */
    void grant(String team, String repository, String permission) {
        expect(204, call(basic("owner"), "PUT", "/api/v3/orgs/acme/teams/" + team + "/repos/acme/" + repository,
                json("permission", permission)), "grant " + team + " " + permission + " on " + repository);
    }

    /** A JSON object from name, value pairs. */
    static String json(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return write(body);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- test data

    /** A new Ed25519 public key in OpenSSH form ({@code ssh-ed25519 AAAA...}); keys are unique per site. */
    static String newSshKey() {
        try {
            byte[] x509 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
            byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
            byte[] type = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
            ByteBuffer blob = ByteBuffer.allocate(4 + type.length + 4 + raw.length);
            blob.putInt(type.length).put(type).putInt(raw.length).put(raw);
            return "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    /** A new OpenPGP public key made by the real {@code gpg} in a throw-away home, ASCII-armored. */
    static String newGpgKey() {
        try {
            java.nio.file.Path home = java.nio.file.Files.createTempDirectory("matrix-gnupg");
            try {
                gpg(home, "--batch", "--passphrase", "", "--quick-gen-key", "Matrix <matrix@example.com>", "ed25519",
                        "sign", "never");
                return gpg(home, "--armor", "--export", "matrix@example.com");
            } finally {
                new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent")
                        .redirectErrorStream(true).start().waitFor();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String gpg(java.nio.file.Path home, String... args) throws java.io.IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--quiet"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(command + " failed");
        }
        return out;
    }

    /** A square PNG of one colour, written by hand so the test needs no imaging library inside OSGi. */
    static byte[] png(int size, int rgb) {
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        for (int y = 0; y < size; y++) {
            pixels.write(0); // filter: none
            for (int x = 0; x < size; x++) {
                pixels.write(rgb >> 16 & 0xff);
                pixels.write(rgb >> 8 & 0xff);
                pixels.write(rgb & 0xff);
            }
        }
        Deflater deflater = new Deflater();
        deflater.setInput(pixels.toByteArray());
        deflater.finish();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(size).putInt(size).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(out, "IDAT", compressed.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
