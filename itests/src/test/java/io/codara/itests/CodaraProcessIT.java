package io.codara.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The operability contract, end to end: {@code bin/codara} with the documented environment variables, the
 * generated admin password, SSH into the Karaf shell with Codara credentials, a plugin installed from the
 * shell, data (and every acknowledged git push, see {@link PushStream}) surviving SIGKILL and restart, a clean SIGTERM stop, and the external-PostgreSQL mode.
 */
class CodaraProcessIT {

    private static final Duration BOOT = Duration.ofSeconds(180);

    @Test
    void embeddedLifecycleSurvivesKillAndStopsCleanly() throws Exception {
        Path work = Path.of("target", "process-it", "embedded-" + UUID.randomUUID()).toAbsolutePath();
        Path root = work.resolve("root");
        try (CodaraProcess codara = CodaraProcess.unpack(work, Map.of("CODARA_ROOT", root.toString()))) {
            codara.start().awaitReady(BOOT);

            Path passwordFile = root.resolve("admin-password");
            assertThat(passwordFile).exists();
            assertThat(codara.console()).as("bin/codara says where Codara answers and where the password is")
                    .contains("http://localhost:" + codara.http().base().replaceAll(".*:", "") + "/", passwordFile.toString());
            assertThat(Files.getPosixFilePermissions(passwordFile))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            String password = Files.readString(passwordFile).strip();
            assertThat(root.resolve("postgres")).isDirectory();
            assertThat(root.resolve("mnt/repos")).isDirectory();

            CodaraProcess.Result status = codara.ssh("admin", password, "codara:status");
            assertThat(status.exit()).as(status.output()).isZero();
            assertThat(status.output()).contains("storage", "web", "auth", "shell", "ACTIVE", "embedded", root.toString());
            assertThat(status.output()).doesNotContain("RESOLVED", "INSTALLED");

            CodaraProcess.Result refused = codara.ssh("admin", "not-the-password", "codara:status");
            assertThat(refused.exit()).isNotZero();
            assertThat(refused.output()).doesNotContain("ACTIVE");

            shellManagesIdentity(codara, password);

            String plugin = Path.of(System.getProperty("codara.example.plugin")).toUri().toString();
            CodaraProcess.Result install = codara.ssh("admin", password, "bundle:install -s " + plugin);
            assertThat(install.exit()).as(install.output()).isZero();
            Http http = codara.http();
            http.await("/api/v3/example/notes", s -> s == 200, Duration.ofSeconds(60));
            HttpResponse<String> created = http.send("POST", "/api/v3/example/notes", "application/json", "{\"text\":\"before the crash\"}",
                    "Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + password)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(created.statusCode()).isEqualTo(201);
            long id = Http.json(created).path("id").asLong();

            // SIGKILL in the middle of a stream of git pushes: what git saw acknowledged must survive it.
            try (PushStream pushes = PushStream.start(http, password, work.resolve("pushes"))) {
                pushes.awaitAcknowledged(5, Duration.ofSeconds(180));
                long postmaster = postmasterPid(root);
                codara.kill();
                List<String> acknowledged = pushes.stop();
                assertThat(pushes.failures()).as("pushes after the kill failed").isNotEmpty();
                // The embedded PostgreSQL is not the JVM's child: it outlives the kill, and the restart stops it.
                assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).as("orphaned postmaster").contains(true);
                codara.start().awaitReady(BOOT);
                assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false))
                        .as("the orphaned postmaster was stopped").isFalse();
                assertThat(postmasterPid(root)).as("a new postmaster").isNotEqualTo(postmaster);
                System.out.println("Push stream: " + acknowledged.size() + " pushes acknowledged before the kill");
                pushes.verifySurvived(root);
            }
            HttpResponse<String> after = http.await("/api/v3/example/notes/" + id, s -> s == 200, Duration.ofSeconds(60));
            assertThat(Http.json(after).path("text").asText()).isEqualTo("before the crash");
            assertThat(Files.readString(passwordFile).strip()).as("the password is generated once").isEqualTo(password);

            assertThat(codara.stop(Duration.ofSeconds(90))).isIn(0, 143);
            assertThat(root.resolve("postgres/postmaster.pid")).as("embedded PostgreSQL stopped with Codara").doesNotExist();
        }
    }

    private static long postmasterPid(Path root) throws java.io.IOException {
        return Long.parseLong(Files.readAllLines(root.resolve("postgres/postmaster.pid")).get(0).strip());
    }

    /**
     * The identity commands over the real SSH console, as an administrator uses them, and their effect over HTTP: a
     * user and an organisation made in the shell, a token minted there working with the REST API until the user is
     * suspended in the shell, the audit log showing it all, and a non-administrator refused at the SSH door.
     */
    private static void shellManagesIdentity(CodaraProcess codara, String password) throws Exception {
        CodaraProcess.Result added = codara.ssh("admin", password, "codara:user-add --no-password carol carol@example.com");
        assertThat(added.exit()).as(added.output()).isZero();
        CodaraProcess.Result duplicate = codara.ssh("admin", password, "codara:user-add --no-password CAROL c2@example.com");
        assertThat(duplicate.exit()).as(duplicate.output()).isNotZero();
        assertThat(duplicate.output()).contains("login").doesNotContain("Exception");
        CodaraProcess.Result org = codara.ssh("admin", password, "codara:org-add --owner carol acme");
        assertThat(org.exit()).as(org.output()).isZero();

        CodaraProcess.Result minted = codara.ssh("admin", password, "codara:token-create --scope read:org carol deploy");
        assertThat(minted.exit()).as(minted.output()).isZero();
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("cdr_[0-9A-Za-z]{36}").matcher(minted.output());
        assertThat(token.find()).as(minted.output()).isTrue();
        Http http = codara.http();
        java.util.function.Function<String, HttpResponse<String>> asCarol = path -> {
            try {
                return http.send("GET", path, null, null, "Authorization", "token " + token.group());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        HttpResponse<String> me = asCarol.apply("/api/v3/user");
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(Http.json(me).path("login").asText()).isEqualTo("carol");
        HttpResponse<String> membership = asCarol.apply("/api/v3/user/memberships/orgs/acme");
        assertThat(Http.json(membership).path("role").asText()).as(membership.body()).isEqualTo("admin");

        CodaraProcess.Result suspended = codara.ssh("admin", password, "codara:user-suspend carol");
        assertThat(suspended.exit()).as(suspended.output()).isZero();
        assertThat(asCarol.apply("/api/v3/user").statusCode()).isEqualTo(401);
        CodaraProcess.Result list = codara.ssh("admin", password, "codara:user-list --suspended");
        assertThat(list.output()).contains("carol", "admin");
        CodaraProcess.Result audit = codara.ssh("admin", password, "codara:audit --action user. --limit 20");
        assertThat(audit.output()).contains("user.create", "user.suspend", "carol");
        assertThat(audit.output()).doesNotContain(token.group());

        HttpResponse<String> dora = http.send("POST", "/api/v3/admin/users", "application/json",
                "{\"login\":\"dora\",\"email\":\"dora@example.com\",\"password\":\"dora-password-1\"}",
                "Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + password)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(dora.statusCode()).as(dora.body()).isEqualTo(201);
        CodaraProcess.Result notAdmin = codara.ssh("dora", "dora-password-1", "codara:status");
        assertThat(notAdmin.exit()).as("only site administrators get a console").isNotZero();
        assertThat(notAdmin.output()).doesNotContain("ACTIVE");
    }

    /**
     * SIGKILL while a CI job runs: after the restart the job's lease runs out, the job starts again (it is never
     * stuck in progress), the job that needs it follows, and the run ends in a definite state.
     */
    @Test
    void aCiRunSurvivesAKillOfTheServerAndEndsInADefiniteState() throws Exception {
        Path work = Path.of("target", "process-it", "ci-" + UUID.randomUUID()).toAbsolutePath();
        String password = "ci-kill-password-1";
        try (CodaraProcess codara = CodaraProcess.unpack(work, Map.of("CODARA_ROOT", work.resolve("root").toString(),
                "CODARA_ADMIN_PASSWORD", password))) {
            // A short lease, so that the killed node's job is taken over within seconds, not half a minute.
            Files.writeString(codara.home().resolve("etc/io.codara.ci.internal.engine.JobDispatcher.cfg"),
                    "lease_seconds = 4\npoll_interval_ms = 200\n");
            codara.start().awaitReady(BOOT);
            Http http = codara.http();
            String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + password)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            HttpResponse<String> minted = http.send("POST", "/api/v3/user/tokens", "application/json",
                    "{\"name\":\"ci\",\"scopes\":[\"repo:write\"]}", "Authorization", basic);
            assertThat(minted.statusCode()).as(minted.body()).isEqualTo(201);
            String token = Http.json(minted).path("token").asText();
            String auth = "token " + token;
            assertThat(http.send("POST", "/api/v3/user/repos", "application/json", "{\"name\":\"survivor\"}",
                    "Authorization", auth).statusCode()).isEqualTo(201);
            GitCli git = new GitCli(Files.createDirectories(work.resolve("git-home")));
            Path clone = work.resolve("clone");
            git.run(work, "clone", "-q", GitCli.url(http, token, "admin/survivor"), clone.toString()).ok();
            String sha = git.commit(clone, ".codara/workflows/ci.yml", """
                    name: Survivor
                    on: push
                    jobs:
                      slow:
                        runs-on: shell
                        steps:
                          - run: echo "slow job started"; sleep 6; echo "slow job finished"
                      after:
                        needs: slow
                        runs-on: shell
                        steps:
                          - run: echo "after the slow job"
                    """);
            git.run(clone, "push", "-q", "origin", "main").ok();

            String runs = "/api/v3/repos/admin/survivor/actions/runs";
            long run = awaitJson(http, runs + "?head_sha=" + sha, auth, j -> j.path("total_count").asInt() == 1)
                    .path("workflow_runs").get(0).path("id").asLong();
            JsonNode jobs = awaitJson(http, runs + "/" + run + "/jobs", auth, j -> j.path("jobs").size() == 2
                    && j.path("jobs").get(0).path("status").asText().equals("in_progress"));
            long slow = jobs.path("jobs").get(0).path("id").asLong();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!http.send("GET", "/api/v3/repos/admin/survivor/actions/jobs/" + slow + "/logs", null, null,
                    "Authorization", auth).body().contains("slow job started")) {
                assertThat(System.nanoTime()).as("the slow job's first line").isLessThan(deadline);
                Thread.sleep(100);
            }

            java.time.Instant killed = java.time.Instant.now();
            codara.kill();
            codara.start().awaitReady(BOOT);

            JsonNode done = awaitJson(http, runs + "/" + run, auth,
                    j -> j.path("status").asText().equals("completed"));
            assertThat(done.path("conclusion").asText()).as(done.toString()).isEqualTo("success");
            JsonNode finalJobs = Http.json(http.send("GET", runs + "/" + run + "/jobs", null, null, "Authorization", auth));
            assertThat(finalJobs.path("jobs")).hasSize(2).allSatisfy(j -> {
                assertThat(j.path("status").asText()).isEqualTo("completed");
                assertThat(j.path("conclusion").asText()).as(j.toString()).isEqualTo("success");
            });
            assertThat(java.time.Instant.parse(finalJobs.path("jobs").get(1).path("started_at").asText()))
                    .as("the dependent job started only after the slow one, run again, had completed")
                    .isAfterOrEqualTo(java.time.Instant.parse(finalJobs.path("jobs").get(0).path("completed_at").asText()));
            String log = http.send("GET", "/api/v3/repos/admin/survivor/actions/jobs/" + slow + "/logs", null, null,
                    "Authorization", auth).body();
            java.util.regex.Matcher started = java.util.regex.Pattern.compile("(?m)^(\\S+) slow job started$").matcher(log);
            assertThat(started.find()).as(log).isTrue();
            assertThat(java.time.Instant.parse(started.group(1))).as("the log is the run after the kill's").isAfter(killed);
            assertThat(log).contains("slow job finished");
            assertThat(codara.stop(Duration.ofSeconds(90))).isIn(0, 143);
        }
    }

    private static JsonNode awaitJson(Http http, String path, String auth,
            java.util.function.Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = http.send("GET", path, null, null, "Authorization", auth);
            if (answer.statusCode() == 200) {
                last = Http.json(answer);
                if (wanted.test(last)) {
                    return last;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " never answered as wanted; last answer " + last);
    }

    @Test
    void badSettingsAreRefusedBeforeAnythingStarts() throws Exception {
        Path work = Path.of("target", "process-it", "bad-" + UUID.randomUUID()).toAbsolutePath();
        try (CodaraProcess codara = CodaraProcess.unpack(work, Map.of("CODARA_HTTP_PORT", "80a"))) {
            Process process = codara.start().process();
            assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(2);
            assertThat(codara.console()).contains("CODARA_HTTP_PORT must be a port number (1-65535), not '80a'");
            assertThat(codara.home().resolve("data/codara")).as("nothing started").doesNotExist();
        }
    }

    @Test
    void externalPostgresModeStartsNothingEmbedded() throws Exception {
        String admin = "jdbc:postgresql://127.0.0.1:5432/postgres";
        String database = "codara_it_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(admin, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            System.out.println("SKIPPED external-PostgreSQL test: no PostgreSQL at 127.0.0.1:5432 (" + e.getMessage() + ")");
            Assumptions.abort("no PostgreSQL server at 127.0.0.1:5432: " + e.getMessage());
        }
        Path work = Path.of("target", "process-it", "external-" + UUID.randomUUID()).toAbsolutePath();
        Path root = work.resolve("root");
        try (CodaraProcess codara = CodaraProcess.unpack(work, Map.of(
                "CODARA_ROOT", root.toString(),
                "CODARA_DB_URL", "jdbc:postgresql://127.0.0.1:5432/" + database,
                "CODARA_DB_USER", "postgres",
                "CODARA_DB_PASSWORD", "",
                "CODARA_ADMIN_LOGIN", "boss",
                "CODARA_ADMIN_PASSWORD", "correct-horse-battery"))) {
            codara.start().awaitReady(BOOT);
            JsonNode health = Http.json(codara.http().get("/health"));
            assertThat(health.path("ready").asBoolean()).isTrue();
            assertThat(root.resolve("postgres")).doesNotExist();
            assertThat(root.resolve("admin-password")).as("no file when the password is given").doesNotExist();

            CodaraProcess.Result status = codara.ssh("boss", "correct-horse-battery", "codara:status");
            assertThat(status.exit()).as(status.output()).isZero();
            assertThat(status.output()).contains("external", database);
            codara.stop(Duration.ofSeconds(60));
        } finally {
            try (Connection c = DriverManager.getConnection(admin, "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }
}
