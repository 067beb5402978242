package io.codara.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import io.codara.api.ci.CiEnvironment;
import io.codara.api.ci.CiSecrets;
import io.codara.api.event.Topics;
import io.codara.api.storage.StorageLayout;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Commit statuses, secrets and variables (issue 6) over HTTP in the booted distribution, run by {@link DistributionIT}:
 * the organisation {@code ciorg} (owned by {@code ciowner}) owns the private repository {@code app}, to which
 * {@code ciwriter} writes through the team {@code builders}; {@code cireader} is a member who only reads it.
 * Built once per boot.
 */
final class CiOverHttp {

    private static final String PASSWORD = " password 12345";
    private static final String SECRET = "ci-secret-value-that-must-never-come-back-7f3a";
    private static CiOverHttp instance;

    private final Http http;
    private final BundleContext context;
    private final String writerToken;
    private final String readerToken;
    private final String ownerToken;
    private final long repositoryId;

    private CiOverHttp(Http http, BundleContext context, String admin) {
        this.http = http;
        this.context = context;
        for (String login : new String[] {"ciowner", "ciwriter", "cireader"}) {
            expect(201, http.send("POST", "/api/v3/admin/users", "application/json", "{\"login\":\"" + login
                    + "\",\"email\":\"" + login + "@example.com\",\"password\":\"" + login + PASSWORD + "\"}",
                    "Authorization", admin), "create " + login);
        }
        expect(201, send(basic("ciowner"), "POST", "/api/v3/orgs", "{\"login\":\"ciorg\"}"), "create ciorg");
        for (String member : new String[] {"ciwriter", "cireader"}) {
            expect(200, send(basic("ciowner"), "PUT", "/api/v3/orgs/ciorg/memberships/" + member, "{\"role\":\"member\"}"),
                    member + " joins");
        }
        expect(201, send(basic("ciowner"), "POST", "/api/v3/orgs/ciorg/teams", "{\"name\":\"Builders\",\"privacy\":\"closed\"}"),
                "team builders");
        expect(200, send(basic("ciowner"), "PUT", "/api/v3/orgs/ciorg/teams/builders/memberships/ciwriter", "{\"role\":\"member\"}"),
                "ciwriter in builders");
        repositoryId = expect(201, send(basic("ciowner"), "POST", "/api/v3/orgs/ciorg/repos",
                "{\"name\":\"app\",\"auto_init\":true,\"private\":true}"), "create app").path("id").asLong();
        expect(204, send(basic("ciowner"), "PUT", "/api/v3/orgs/ciorg/teams/builders/repos/ciorg/app", "{\"permission\":\"push\"}"),
                "builders push to app");
        expect(200, send(basic("ciowner"), "PATCH", "/api/v3/orgs/ciorg", "{\"default_repository_permission\":\"read\"}"),
                "members read ciorg's repositories");
        writerToken = "token " + token("ciwriter");
        readerToken = "token " + token("cireader");
        ownerToken = "token " + token("ciowner");
    }

    static synchronized CiOverHttp on(Http http, BundleContext context, String admin) {
        if (instance == null) {
            instance = new CiOverHttp(http, context, admin);
        }
        return instance;
    }

    /** A CI system posts statuses with a token; the combined status follows GitHub's rules; the outbox reports them. */
    void statusesArePostedWithATokenAndCombined() throws InterruptedException {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, Topics.CI_STATUS);
        ServiceRegistration<EventHandler> handler = context.registerService(EventHandler.class, events::add, props);
        try {
            String sha = expect(200, send(writerToken, "GET", "/api/v3/repos/ciorg/app/commits/main", null), "head")
                    .path("sha").asText();
            JsonNode pending = expect(201, send(writerToken, "POST", "/api/v3/repos/ciorg/app/statuses/" + sha,
                    "{\"state\":\"pending\",\"context\":\"ci/build\",\"target_url\":\"https://ci.example/1\"}"), "pending");
            assertEquals("ci/build", pending.path("context").asText());
            assertEquals("ciwriter", pending.path("creator").path("login").asText());
            assertTrue(pending.path("url").asText().endsWith("/api/v3/repos/ciorg/app/statuses/" + sha));
            expect(201, send(writerToken, "POST", "/api/v3/repos/ciorg/app/statuses/" + sha,
                    "{\"state\":\"success\",\"context\":\"ci/build\",\"description\":\"green\"}"), "success");
            expect(201, send(writerToken, "POST", "/api/v3/repos/ciorg/app/statuses/" + sha, "{\"state\":\"pending\"}"), "default");

            JsonNode combined = expect(200, send(readerToken, "GET", "/api/v3/repos/ciorg/app/commits/main/status", null), "combined");
            assertEquals("pending", combined.path("state").asText());
            assertEquals(2, combined.path("total_count").asInt());
            assertEquals(sha, combined.path("sha").asText());
            assertEquals("ciorg/app", combined.path("repository").path("full_name").asText());
            assertEquals("default", combined.path("statuses").path(0).path("context").asText());
            expect(201, send(writerToken, "POST", "/api/v3/repos/ciorg/app/statuses/" + sha,
                    "{\"state\":\"error\",\"context\":\"default\"}"), "error");
            assertEquals("failure", expect(200, send(readerToken, "GET", "/api/v3/repos/ciorg/app/commits/" + sha + "/status", null),
                    "combined by sha").path("state").asText());

            HttpResponse<String> page = send(readerToken, "GET", "/api/v3/repos/ciorg/app/commits/main/statuses?per_page=3", null);
            assertEquals(page.body(), 200, page.statusCode());
            assertEquals(3, Http.json(page).size());
            assertEquals("error", Http.json(page).path(0).path("state").asText());
            assertTrue(page.headers().firstValue("Link").orElse(""), page.headers().firstValue("Link").orElse("").contains("rel=\"next\""));
            assertEquals(4, Http.json(send(readerToken, "GET", "/api/v3/repos/ciorg/app/statuses/main", null)).size());

            assertEquals(422, send(writerToken, "POST", "/api/v3/repos/ciorg/app/statuses/" + sha, "{\"state\":\"green\"}").statusCode());
            assertEquals(422, send(writerToken, "POST", "/api/v3/repos/ciorg/app/statuses/" + "f".repeat(40),
                    "{\"state\":\"success\"}").statusCode());
            assertEquals(403, send(readerToken, "POST", "/api/v3/repos/ciorg/app/statuses/" + sha, "{\"state\":\"success\"}").statusCode());
            assertEquals(404, send(null, "GET", "/api/v3/repos/ciorg/app/commits/main/status", null).statusCode());

            int seen = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seen < 4 && System.nanoTime() < deadline) {
                Event event = events.poll(1, TimeUnit.SECONDS);
                if (event != null && sha.equals(event.getProperty("sha"))) {
                    assertEquals(repositoryId, ((Number) event.getProperty("repository_id")).longValue());
                    seen++;
                }
            }
            assertEquals("codara/ci/status events of the four statuses", 4, seen);
        } finally {
            handler.unregister();
        }
    }

    /** Secrets go in over REST and never come out; the engine's service gets them decrypted, the org's under the repo's. */
    void secretsAndVariablesAreStoredEncryptedAndNeverReturned() throws IOException {
        expect(201, send(ownerToken, "PUT", "/api/v3/orgs/ciorg/actions/secrets/DEPLOY_KEY", "{\"value\":\"org-level\",\"visibility\":\"all\"}"),
                "org secret");
        expect(201, send(ownerToken, "PUT", "/api/v3/repos/ciorg/app/actions/secrets/deploy_key", "{\"value\":\"" + SECRET + "\"}"),
                "repo secret");
        expect(204, send(ownerToken, "PUT", "/api/v3/repos/ciorg/app/actions/secrets/DEPLOY_KEY", "{\"value\":\"" + SECRET + "\"}"),
                "repo secret again");
        expect(201, send(ownerToken, "POST", "/api/v3/repos/ciorg/app/actions/variables", "{\"name\":\"REGION\",\"value\":\"eu-west\"}"),
                "variable");
        HttpResponse<String> sealed = send(ownerToken, "PUT", "/api/v3/repos/ciorg/app/actions/secrets/OTHER",
                "{\"encrypted_value\":\"c2VhbGVk\",\"key_id\":\"1\"}");
        assertEquals(sealed.body(), 422, sealed.statusCode());
        assertTrue(sealed.body(), sealed.body().contains("value"));
        assertEquals(422, send(ownerToken, "PUT", "/api/v3/repos/ciorg/app/actions/secrets/GITHUB_TOKEN", "{\"value\":\"x\"}").statusCode());

        for (String path : new String[] {"/api/v3/repos/ciorg/app/actions/secrets", "/api/v3/repos/ciorg/app/actions/secrets/DEPLOY_KEY",
                "/api/v3/orgs/ciorg/actions/secrets"}) {
            HttpResponse<String> read = send(ownerToken, "GET", path, null);
            assertEquals(read.body(), 200, read.statusCode());
            assertTrue(read.body(), read.body().contains("DEPLOY_KEY"));
            assertFalse(read.body(), read.body().contains(SECRET) || read.body().contains("org-level"));
        }
        assertEquals("eu-west", expect(200, send(ownerToken, "GET", "/api/v3/repos/ciorg/app/actions/variables/REGION", null),
                "variable").path("value").asText());
        assertEquals(403, send(writerToken, "GET", "/api/v3/repos/ciorg/app/actions/secrets", null).statusCode());
        assertEquals(403, send(writerToken, "PUT", "/api/v3/repos/ciorg/app/actions/secrets/X", "{\"value\":\"x\"}").statusCode());
        assertEquals(403, send(readerToken, "GET", "/api/v3/orgs/ciorg/actions/secrets", null).statusCode());
        assertEquals(404, send(null, "GET", "/api/v3/repos/ciorg/app/actions/secrets", null).statusCode());

        // The engine's view, in OSGi: decrypted, the repository's own over its organisation's.
        CiEnvironment environment = service(CiSecrets.class).environment(repositoryId);
        assertEquals(SECRET, environment.secrets().get("DEPLOY_KEY"));
        assertEquals("eu-west", environment.variables().get("REGION"));
        // The key file: under the storage root, owner-only.
        Path key = service(StorageLayout.class).root().resolve("ci").resolve("secrets.key");
        assertTrue(key + " exists", Files.isRegularFile(key));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(key));
    }

    private <T> T service(Class<T> type) {
        ServiceReference<T> reference = context.getServiceReference(type);
        assertNotNull(type.getSimpleName() + " is registered", reference);
        return context.getService(reference);
    }

    private HttpResponse<String> send(String authorization, String method, String path, String body) {
        String contentType = body == null ? null : "application/json";
        return authorization == null ? http.send(method, path, contentType, body)
                : http.send(method, path, contentType, body, "Authorization", authorization);
    }

    private static String basic(String login) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + login + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A push with the real git client of a workflow whose second job needs the first starts a run that the built-in
     * shell runner completes with success; the jobs, their logs, the check runs and the commit statuses say so.
     */
    void aPushedWorkflowRunsToSuccessWithCommitStatuses() throws Exception {
        Path work = Files.createTempDirectory("ci-workflow");
        GitCli git = new GitCli(work.resolve("home"));
        String token = writerToken.substring("token ".length());
        Path clone = work.resolve("app");
        git.run(work, "clone", "-q", GitCli.url(http, token, "ciorg/app"), clone.toString()).ok();
        String sha = git.commit(clone, ".codara/workflows/ci.yml", """
                name: CI
                on:
                  push:
                    branches: [main]
                jobs:
                  build:
                    runs-on: shell
                    steps:
                      - run: echo "building ${{ github.sha }}" && test -f README.md
                  test:
                    needs: build
                    runs-on: shell
                    steps:
                      - name: Tests
                        run: echo "tests of $GITHUB_REPOSITORY pass"
                """);
        git.run(clone, "push", "-q", "origin", "main").ok();

        JsonNode run = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            JsonNode runs = expect(200, send(readerToken, "GET", "/api/v3/repos/ciorg/app/actions/runs?head_sha=" + sha,
                    null), "list runs");
            if (runs.path("total_count").asInt() == 1
                    && runs.path("workflow_runs").get(0).path("status").asText().equals("completed")) {
                run = runs.path("workflow_runs").get(0);
                break;
            }
            Thread.sleep(250);
        }
        assertNotNull("the run of " + sha + " did not complete in 120 s", run);
        assertEquals(run.toString(), "success", run.path("conclusion").asText());
        assertEquals("push", run.path("event").asText());
        assertEquals("main", run.path("head_branch").asText());
        long runId = run.path("id").asLong();
        JsonNode jobs = expect(200, send(readerToken, "GET", "/api/v3/repos/ciorg/app/actions/runs/" + runId + "/jobs",
                null), "jobs");
        assertEquals(2, jobs.path("total_count").asInt());
        long testJob = jobs.path("jobs").get(1).path("id").asLong();
        assertEquals("Tests", jobs.path("jobs").get(1).path("steps").get(0).path("name").asText());
        HttpResponse<String> log = send(readerToken, "GET", "/api/v3/repos/ciorg/app/actions/jobs/" + testJob + "/logs",
                null);
        assertEquals(200, log.statusCode());
        assertTrue(log.body(), log.body().contains("tests of ciorg/app pass"));
        assertTrue(log.headers().firstValue("X-Codara-Log-Offset").isPresent());
        // The same log streamed live over WebSocket, ending with the job's conclusion.
        LiveOverHttp.Listener live = new LiveOverHttp.Listener();
        java.net.http.HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", readerToken)
                .buildAsync(java.net.URI.create(http.base().replaceFirst("^http", "ws") + "/api/v3/ws/repos/ciorg/app/actions/jobs/"
                        + testJob + "/logs?offset=0"), live)
                .get(20, TimeUnit.SECONDS);
        StringBuilder streamed = new StringBuilder();
        JsonNode message;
        while (!(message = new com.fasterxml.jackson.databind.ObjectMapper().readTree(live.next())).has("conclusion")) {
            streamed.append(message.path("text").asText());
        }
        assertEquals(log.body(), streamed.toString());
        assertEquals("success", message.path("conclusion").asText());
        assertEquals(Integer.valueOf(1000), live.closed.get(20, TimeUnit.SECONDS));
        JsonNode combined = expect(200, send(readerToken, "GET", "/api/v3/repos/ciorg/app/commits/" + sha + "/status",
                null), "combined status");
        assertEquals(combined.toString(), "success", combined.path("state").asText());
        assertEquals(2, combined.path("total_count").asInt());
        JsonNode checks = expect(200, send(readerToken, "GET", "/api/v3/repos/ciorg/app/commits/" + sha
                + "/check-runs", null), "check runs");
        assertEquals(2, checks.path("total_count").asInt());
        expect(403, send(readerToken, "POST", "/api/v3/repos/ciorg/app/actions/runs/" + runId + "/rerun", null),
                "a reader may not re-run");
    }

    /**
     * A remote runner: a registration token from the REST API, the real {@code codara-runner} jar of the distribution
     * registered with it and running as a child process with labels {@code self-hosted,gpu-free}; a pushed workflow
     * asking for those labels is run by it (checking out the private repository with its job token) to success, its
     * log readable over REST; the runner is listed online, then deleted, and its credential stops working.
     */
    void aRemoteRunnerRunsTheJobsOfItsLabels() throws Exception {
        Path work = Files.createTempDirectory("ci-remote");
        JsonNode registration = expect(201, send(ownerToken, "POST",
                "/api/v3/repos/ciorg/app/actions/runners/registration-token", null), "registration token");
        assertTrue(registration.toString(), registration.path("expires_at").asText().endsWith("Z"));
        expect(403, send(writerToken, "POST", "/api/v3/repos/ciorg/app/actions/runners/registration-token", null),
                "a writer may not register runners");
        Path jar;
        try (java.util.stream.Stream<Path> shipped = Files.list(Path.of(System.getProperty("karaf.home"), "lib",
                "runner"))) {
            jar = shipped.filter(p -> p.getFileName().toString().matches("codara-ci-runner-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("lib/runner/codara-ci-runner-*.jar is shipped"));
        }
        Path config = work.resolve("runner.properties");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process register = new ProcessBuilder(javaBin, "-jar", jar.toString(), "register", "--url", http.base(),
                "--token", registration.path("token").asText(), "--name", "e2e-runner", "--labels",
                "self-hosted,gpu-free", "--config", config.toString(), "--work", work.resolve("jobs").toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("register.log").toFile()).start();
        assertTrue("register ends", register.waitFor(60, TimeUnit.SECONDS));
        assertEquals(Files.readString(work.resolve("register.log")), 0, register.exitValue());
        assertFalse("only the hash of the credential is on the server, the runner keeps it",
                Files.readString(config).isEmpty());

        Process runner = new ProcessBuilder(javaBin, "-jar", jar.toString(), "run", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("runner.log").toFile()).start();
        try {
            GitCli git = new GitCli(work.resolve("home"));
            String token = writerToken.substring("token ".length());
            Path clone = work.resolve("app");
            git.run(work, "clone", "-q", GitCli.url(http, token, "ciorg/app"), clone.toString()).ok();
            git.run(clone, "checkout", "-q", "-b", "remote-runner").ok();
            String sha = git.commit(clone, ".codara/workflows/remote.yml", """
                    name: Remote
                    on:
                      push:
                        branches: [remote-runner]
                    jobs:
                      gpu-free:
                        runs-on: [self-hosted, gpu-free]
                        steps:
                          - id: where
                            run: test -f README.md && echo "ran remotely in $GITHUB_REPOSITORY" && echo "ok=yes" >> "$GITHUB_OUTPUT"
                          - if: steps.where.outputs.ok == 'yes'
                            env:
                              OK: ${{ steps.where.outputs.ok }}
                            run: echo "the server saw the first step's output ${{ steps.where.outputs.ok }}, $OK in env"
                          - if: steps.where.outputs.ok != 'yes'
                            run: echo "never printed"
                    """);
            git.run(clone, "push", "-q", "origin", "remote-runner").ok();

            JsonNode run = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && run == null) {
                JsonNode runs = expect(200, send(readerToken, "GET", "/api/v3/repos/ciorg/app/actions/runs?head_sha="
                        + sha, null), "list runs");
                if (runs.path("total_count").asInt() == 1
                        && runs.path("workflow_runs").get(0).path("status").asText().equals("completed")) {
                    run = runs.path("workflow_runs").get(0);
                }
                Thread.sleep(250);
            }
            assertNotNull("the run of " + sha + " did not complete in 120 s; runner log:\n"
                    + Files.readString(work.resolve("runner.log")), run);
            JsonNode jobs = expect(200, send(readerToken, "GET", "/api/v3/repos/ciorg/app/actions/runs/"
                    + run.path("id").asLong() + "/jobs", null), "jobs");
            JsonNode job = jobs.path("jobs").get(0);
            assertEquals(job.toString() + "\n" + Files.readString(work.resolve("runner.log")), "success",
                    run.path("conclusion").asText());
            assertEquals("e2e-runner", job.path("runner_name").asText());
            HttpResponse<String> log = send(readerToken, "GET", "/api/v3/repos/ciorg/app/actions/jobs/"
                    + job.path("id").asLong() + "/logs", null);
            assertEquals(200, log.statusCode());
            assertTrue(log.body(), log.body().contains("ran remotely in ciorg/app"));
            // Rendered again by the server just before the step ran: the first step's output reaches run and env.
            assertTrue(log.body(), log.body().contains("the server saw the first step's output yes, yes in env"));
            assertFalse(log.body(), log.body().contains("never printed"));
            assertEquals(job.toString(), "skipped", job.path("steps").get(2).path("conclusion").asText());

            // Killed mid-job (SIGKILL: nothing more is reported), the runner loses the job when its lease ends; the
            // job is queued again and, the runner started anew, runs to success on its second start.
            String killed = git.commit(clone, ".codara/workflows/remote.yml", """
                    name: Remote
                    on:
                      push:
                        branches: [remote-runner]
                    jobs:
                      gpu-free:
                        runs-on: [self-hosted, gpu-free]
                        steps:
                          - run: echo "step started" && sleep 8 && echo "step done"
                    """);
            git.run(clone, "push", "-q", "origin", "remote-runner").ok();
            boolean stepRunning = false;
            long deadlineKill = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!stepRunning && System.nanoTime() < deadlineKill) {
                JsonNode runs = expect(200, send(readerToken, "GET", "/api/v3/repos/ciorg/app/actions/runs?head_sha="
                        + killed, null), "runs of the job to kill");
                if (runs.path("total_count").asInt() == 1) {
                    JsonNode first = expect(200, send(readerToken, "GET", "/api/v3/repos/ciorg/app/actions/runs/"
                            + runs.path("workflow_runs").get(0).path("id").asLong() + "/jobs", null), "jobs")
                            .path("jobs").path(0);
                    stepRunning = first.path("steps").path(0).path("status").asText().equals("in_progress");
                }
                Thread.sleep(100);
            }
            assertTrue("the job's step started on the runner; runner log:\n"
                    + Files.readString(work.resolve("runner.log")), stepRunning);
            runner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            JsonNode requeued = null;
            deadlineKill = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (requeued == null && System.nanoTime() < deadlineKill) {
                JsonNode runs = expect(200, send(readerToken, "GET", "/api/v3/repos/ciorg/app/actions/runs?head_sha="
                        + killed, null), "runs of the killed job");
                JsonNode candidate = expect(200, send(readerToken, "GET", "/api/v3/repos/ciorg/app/actions/runs/"
                        + runs.path("workflow_runs").path(0).path("id").asLong() + "/jobs", null), "jobs")
                        .path("jobs").path(0);
                if (candidate.path("status").asText().equals("queued")) {
                    requeued = candidate;
                }
                Thread.sleep(250);
            }
            assertNotNull("the killed runner's job was queued again after its lease", requeued);
            assertTrue(requeued.toString(), requeued.path("message").asText().contains("stopped answering"));
            runner = new ProcessBuilder(javaBin, "-jar", jar.toString(), "run", "--config", config.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                            work.resolve("runner.log").toFile())).start();
            JsonNode again = null;
            deadlineKill = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (again == null && System.nanoTime() < deadlineKill) {
                JsonNode runs = expect(200, send(readerToken, "GET", "/api/v3/repos/ciorg/app/actions/runs?head_sha="
                        + killed, null), "runs of the killed job");
                if (runs.path("workflow_runs").path(0).path("status").asText().equals("completed")) {
                    again = runs.path("workflow_runs").path(0);
                }
                Thread.sleep(250);
            }
            assertNotNull("the job ran again; runner log:\n" + Files.readString(work.resolve("runner.log")), again);
            assertEquals(again.toString(), "success", again.path("conclusion").asText());
            JsonNode againJob = expect(200, send(readerToken, "GET", "/api/v3/repos/ciorg/app/actions/runs/"
                    + again.path("id").asLong() + "/jobs", null), "jobs").path("jobs").get(0);
            String secondLog = send(readerToken, "GET", "/api/v3/repos/ciorg/app/actions/jobs/"
                    + againJob.path("id").asLong() + "/logs", null).body();
            assertTrue(secondLog, secondLog.contains("step done"));

            JsonNode listed = expect(200, send(ownerToken, "GET", "/api/v3/repos/ciorg/app/actions/runners", null),
                    "runners");
            assertEquals(1, listed.path("total_count").asInt());
            JsonNode listedRunner = listed.path("runners").get(0);
            assertEquals("e2e-runner", listedRunner.path("name").asText());
            assertEquals("online", listedRunner.path("status").asText());
            assertTrue(listedRunner.toString(), listedRunner.path("labels").toString().contains("\"gpu-free\""));
            expect(403, send(writerToken, "GET", "/api/v3/repos/ciorg/app/actions/runners", null), "writer lists");

            long runnerId = listedRunner.path("id").asLong();
            expect(204, send(ownerToken, "DELETE", "/api/v3/repos/ciorg/app/actions/runners/" + runnerId, null),
                    "delete the runner");
            String credential = java.util.Arrays.stream(Files.readString(config).split("\n"))
                    .filter(l -> l.startsWith("credential=")).findFirst().orElseThrow().substring("credential=".length());
            HttpResponse<String> refused = http.send("POST", "/api/v3/actions/runner/jobs/claim", "application/json",
                    "{}", "X-Codara-Runner-Token", credential);
            assertEquals(refused.body(), 401, refused.statusCode());
        } finally {
            runner.destroy();
            if (!runner.waitFor(10, TimeUnit.SECONDS)) {
                runner.destroyForcibly();
            }
        }
    }

    /**
     * A pushed workflow whose first job uploads an artifact and whose second job (needing it) downloads it: the run
     * succeeds, the artifact is listed in GitHub's shape, its zip downloads over REST with the uploaded content, a
     * reader may not delete it, a writer may; the run's cache entry is listed with the repository's usage.
     */
    void aWorkflowUploadsAnArtifactThatDownloadsOverRest() throws Exception {
        // A repository of its own: its workflow must not run on the other tests' pushes to ciorg/app.
        expect(201, send(basic("ciowner"), "POST", "/api/v3/orgs/ciorg/repos",
                "{\"name\":\"artifacts\",\"auto_init\":true,\"private\":true}"), "create artifacts");
        expect(204, send(basic("ciowner"), "PUT", "/api/v3/orgs/ciorg/teams/builders/repos/ciorg/artifacts",
                "{\"permission\":\"push\"}"), "builders push to artifacts");
        Path work = Files.createTempDirectory("ci-artifacts");
        GitCli git = new GitCli(work.resolve("home"));
        String token = writerToken.substring("token ".length());
        Path clone = work.resolve("app");
        git.run(work, "clone", "-q", GitCli.url(http, token, "ciorg/artifacts"), clone.toString()).ok();
        String sha = git.commit(clone, ".codara/workflows/artifacts.yml", """
                name: Artifacts
                on:
                  push:
                    paths: ['.codara/workflows/artifacts.yml']
                jobs:
                  build:
                    runs-on: shell
                    steps:
                      - run: mkdir -p dist/docs && echo "binary of $GITHUB_SHA" > dist/app.bin && echo guide > dist/docs/guide.txt
                      - uses: actions/upload-artifact@v4
                        with:
                          name: dist
                          path: dist/
                          retention-days: 7
                      - uses: actions/cache@v4
                        with:
                          path: dist/docs
                          key: docs-${{ hashFiles('dist/docs/*.txt') }}
                  verify:
                    needs: build
                    runs-on: shell
                    steps:
                      - uses: actions/download-artifact@v4
                        with:
                          name: dist
                          path: got
                      - run: test "$(cat got/app.bin)" = "binary of $GITHUB_SHA" && test -f got/docs/guide.txt
                """);
        git.run(clone, "push", "-q", "origin", "main").ok();

        JsonNode run = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && run == null) {
            JsonNode runs = expect(200, send(readerToken, "GET", "/api/v3/repos/ciorg/artifacts/actions/runs?head_sha=" + sha,
                    null), "list runs");
            for (JsonNode candidate : runs.path("workflow_runs")) {
                if (candidate.path("name").asText().equals("Artifacts")
                        && candidate.path("status").asText().equals("completed")) {
                    run = candidate;
                }
            }
            Thread.sleep(250);
        }
        assertNotNull("the Artifacts run of " + sha + " did not complete in 120 s", run);
        long runId = run.path("id").asLong();
        if (!run.path("conclusion").asText().equals("success")) {
            JsonNode jobs = expect(200, send(readerToken, "GET", "/api/v3/repos/ciorg/artifacts/actions/runs/" + runId
                    + "/jobs", null), "jobs");
            StringBuilder logs = new StringBuilder(run.toString());
            for (JsonNode job : jobs.path("jobs")) {
                logs.append('\n').append(send(readerToken, "GET", "/api/v3/repos/ciorg/artifacts/actions/jobs/"
                        + job.path("id").asLong() + "/logs", null).body());
            }
            assertEquals(logs.toString(), "success", run.path("conclusion").asText());
        }

        JsonNode ofRun = expect(200, send(readerToken, "GET", "/api/v3/repos/ciorg/artifacts/actions/runs/" + runId
                + "/artifacts", null), "artifacts of the run");
        assertEquals(ofRun.toString(), 1, ofRun.path("total_count").asInt());
        JsonNode artifact = ofRun.path("artifacts").get(0);
        long artifactId = artifact.path("id").asLong();
        assertEquals("dist", artifact.path("name").asText());
        assertFalse(artifact.path("expired").asBoolean());
        assertEquals(runId, artifact.path("workflow_run").path("id").asLong());
        assertEquals(sha, artifact.path("workflow_run").path("head_sha").asText());
        assertTrue(artifact.toString(), artifact.path("archive_download_url").asText()
                .endsWith("/api/v3/repos/ciorg/artifacts/actions/artifacts/" + artifactId + "/zip"));
        JsonNode listed = expect(200, send(readerToken, "GET", "/api/v3/repos/ciorg/artifacts/actions/artifacts?name=dist",
                null), "artifacts by name");
        assertTrue(listed.toString(), listed.path("total_count").asInt() >= 1);
        assertEquals(404, send(null, "GET", "/api/v3/repos/ciorg/artifacts/actions/artifacts/" + artifactId, null)
                .statusCode());

        HttpResponse<byte[]> zip = java.net.http.HttpClient.newBuilder()
                .followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build()
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(artifact.path("archive_download_url")
                        .asText())).header("Authorization", readerToken).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, zip.statusCode());
        assertEquals(artifact.path("size_in_bytes").asLong(), zip.body().length);
        java.util.Map<String, String> entries = new java.util.TreeMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(
                new java.io.ByteArrayInputStream(zip.body()))) {
            for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
            }
        }
        assertEquals(java.util.Map.of("app.bin", "binary of " + sha, "docs/guide.txt", "guide"), entries);

        JsonNode caches = expect(200, send(readerToken, "GET", "/api/v3/repos/ciorg/artifacts/actions/caches?key=docs-",
                null), "caches");
        assertEquals(caches.toString(), 1, caches.path("total_count").asInt());
        assertEquals("refs/heads/main", caches.path("actions_caches").get(0).path("ref").asText());
        JsonNode usage = expect(200, send(readerToken, "GET", "/api/v3/repos/ciorg/artifacts/actions/cache/usage", null),
                "cache usage");
        assertEquals(1, usage.path("active_caches_count").asInt());

        // GitHub's own client lists, reads and downloads the same
        OctokitScript.Result octokit = OctokitScript.run(Path.of(System.getProperty("codara.octokit.dir")),
                "actions.mjs", java.util.Map.of("CODARA_API", http.base() + "/api/v3", "CODARA_TOKEN",
                        readerToken.substring("token ".length()), "CODARA_OWNER", "ciorg", "CODARA_REPO", "artifacts",
                        "CODARA_RUN", Long.toString(runId)));
        JsonNode seen = octokit.seen();
        assertEquals(octokit.output(), "[\"dist\"]", seen.path("names").toString());
        assertEquals(octokit.output(), zip.body().length, seen.path("downloaded").asInt());
        assertEquals(octokit.output(), "PK", seen.path("magic").asText());
        assertFalse(octokit.output(), seen.path("expired").asBoolean());
        assertEquals(octokit.output(), 1, seen.path("cacheCount").asInt());

        expect(403, send(readerToken, "DELETE", "/api/v3/repos/ciorg/artifacts/actions/artifacts/" + artifactId, null),
                "a reader may not delete an artifact");
        expect(204, send(writerToken, "DELETE", "/api/v3/repos/ciorg/artifacts/actions/artifacts/" + artifactId, null),
                "a writer deletes it");
        expect(404, send(readerToken, "GET", "/api/v3/repos/ciorg/artifacts/actions/artifacts/" + artifactId + "/zip",
                null), "deleted");
    }

    /**
     * A pull request opened over REST from a branch holding a {@code pull_request} workflow (with a concurrency group
     * per pull request) runs it on the head commit with the pull request's context; the run succeeds and its status
     * is on the head commit, where the pull request's checks read it.
     */
    void aPullRequestRunsItsWorkflowWithAStatusOnTheHead() throws Exception {
        Path work = Files.createTempDirectory("ci-pull-request");
        GitCli git = new GitCli(work.resolve("home"));
        String token = writerToken.substring("token ".length());
        Path clone = work.resolve("app");
        git.run(work, "clone", "-q", GitCli.url(http, token, "ciorg/app"), clone.toString()).ok();
        git.run(clone, "checkout", "-q", "-b", "feature/pr").ok();
        String sha = git.commit(clone, ".codara/workflows/pr.yml", """
                name: PR
                on:
                  pull_request:
                    branches: [main]
                concurrency:
                  group: pr-${{ github.event.pull_request.number }}
                  cancel-in-progress: true
                jobs:
                  check:
                    runs-on: shell
                    steps:
                      - run: |
                          echo "pr ${{ github.event.pull_request.number }} ${{ github.head_ref }}->${{ github.base_ref }}"
                          echo "event ${{ github.event_name }} ref ${{ github.ref }} at $(git rev-parse HEAD)"
                """);
        git.run(clone, "push", "-q", "origin", "feature/pr").ok();
        JsonNode pull = expect(201, send(writerToken, "POST", "/api/v3/repos/ciorg/app/pulls",
                "{\"title\":\"Checked change\",\"head\":\"feature/pr\",\"base\":\"main\"}"), "open the pull request");
        int number = pull.path("number").asInt();

        JsonNode run = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            JsonNode runs = expect(200, send(readerToken, "GET", "/api/v3/repos/ciorg/app/actions/runs?event=pull_request"
                    + "&head_sha=" + sha, null), "list runs");
            if (runs.path("total_count").asInt() == 1
                    && runs.path("workflow_runs").get(0).path("status").asText().equals("completed")) {
                run = runs.path("workflow_runs").get(0);
                break;
            }
            Thread.sleep(250);
        }
        assertNotNull("the pull request run of " + sha + " did not complete in 120 s", run);
        assertEquals(run.toString(), "success", run.path("conclusion").asText());
        assertEquals("feature/pr", run.path("head_branch").asText());
        long runId = run.path("id").asLong();
        JsonNode jobs = expect(200, send(readerToken, "GET", "/api/v3/repos/ciorg/app/actions/runs/" + runId + "/jobs",
                null), "jobs");
        HttpResponse<String> log = send(readerToken, "GET", "/api/v3/repos/ciorg/app/actions/jobs/"
                + jobs.path("jobs").get(0).path("id").asLong() + "/logs", null);
        assertEquals(200, log.statusCode());
        assertTrue(log.body(), log.body().contains("pr " + number + " feature/pr->main"));
        assertTrue(log.body(), log.body().contains("event pull_request ref refs/pull/" + number + "/head at " + sha));
        // The final status is posted right after the run completes.
        JsonNode combined = null;
        long statusDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        do {
            combined = expect(200, send(readerToken, "GET", "/api/v3/repos/ciorg/app/commits/" + sha + "/status",
                    null), "combined status of the head");
        } while (!combined.path("state").asText().equals("success") && System.nanoTime() < statusDeadline
                && sleep(250));
        assertEquals(combined.toString(), "success", combined.path("state").asText());
        boolean found = false;
        for (JsonNode status : combined.path("statuses")) {
            found |= status.path("context").asText().equals("PR / check");
        }
        assertTrue(combined.toString(), found);
    }

    /**
     * Two pushes to a branch whose workflow has {@code concurrency} with {@code cancel-in-progress}: the second run
     * cancels the first while its job runs (its process killed) and then runs to success.
     */
    void aNewerRunCancelsTheRunningOneOfItsConcurrencyGroup() throws Exception {
        Path work = Files.createTempDirectory("ci-concurrency");
        GitCli git = new GitCli(work.resolve("home"));
        String token = writerToken.substring("token ".length());
        Path clone = work.resolve("app");
        git.run(work, "clone", "-q", GitCli.url(http, token, "ciorg/app"), clone.toString()).ok();
        git.run(clone, "checkout", "-q", "-b", "busy").ok();
        String workflow = """
                name: Busy
                on:
                  push:
                    branches: [busy]
                concurrency:
                  group: ${{ github.workflow }}-${{ github.ref }}
                  cancel-in-progress: true
                jobs:
                  work:
                    runs-on: shell
                    steps:
                      - run: STEP
                """;
        String first = git.commit(clone, ".codara/workflows/busy.yml", workflow.replace("STEP", "sleep 300"));
        git.run(clone, "push", "-q", "origin", "busy").ok();
        JsonNode running = awaitRun(first, "in_progress");
        String second = git.commit(clone, ".codara/workflows/busy.yml", workflow.replace("STEP", "echo quick"));
        git.run(clone, "push", "-q", "origin", "busy").ok();

        JsonNode cancelled = awaitRun(first, "completed");
        assertEquals(cancelled.toString(), "cancelled", cancelled.path("conclusion").asText());
        assertEquals(running.path("id").asLong(), cancelled.path("id").asLong());
        JsonNode done = awaitRun(second, "completed");
        assertEquals(done.toString(), "success", done.path("conclusion").asText());
    }

    private static boolean sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return true;
    }

    /** The one run at {@code sha} once it has {@code status}; fails after 120 s. */
    private JsonNode awaitRun(String sha, String status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        JsonNode runs = null;
        while (System.nanoTime() < deadline) {
            runs = expect(200, send(readerToken, "GET", "/api/v3/repos/ciorg/app/actions/runs?head_sha=" + sha, null),
                    "list runs");
            if (runs.path("total_count").asInt() == 1
                    && runs.path("workflow_runs").get(0).path("status").asText().equals(status)) {
                return runs.path("workflow_runs").get(0);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no run of " + sha + " became " + status + " in 120 s: " + runs);
    }

    private String token(String login) {
        return expect(201, http.send("POST", "/api/v3/user/tokens", "application/json",
                "{\"name\":\"ci\",\"scopes\":[\"repo:write\",\"admin:org\"]}", "Authorization", basic(login)), "token of " + login)
                .path("token").asText();
    }

    private static JsonNode expect(int status, HttpResponse<String> response, String what) {
        assertEquals(what + ": " + response.body(), status, response.statusCode());
        return response.body() == null || response.body().isBlank() ? null : Http.json(response);
    }
}
