package io.codara.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.nio.file.Path;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.codara.api.event.EventProperties;
import io.codara.api.storage.Database;
import io.codara.api.storage.EventOutbox;
import io.codara.api.storage.Job;
import io.codara.api.storage.JobOptions;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.MigrationResult;
import io.codara.api.storage.Migrations;
import io.codara.api.storage.spi.JobHandler;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.jakartars.runtime.JakartarsServiceRuntime;
import org.osgi.service.jakartars.runtime.dto.ApplicationDTO;
import org.osgi.service.jakartars.runtime.dto.ResourceDTO;
import org.osgi.service.jakartars.runtime.dto.ResourceMethodInfoDTO;

/**
 * Boots the real Codara distribution once (Pax Exam) with the SDK's example plugin installed, and checks it from
 * inside: every bundle active, the REST basics, health, metrics, OpenAPI, storage services, hot swap, identity
 * and access (the authorisation matrix and the rest of {@link IdentityAndAccess}), and git over HTTP with the real
 * git CLI ({@link GitOverHttp}). Every end-to-end check that can share this boot lives here, so that the suite
 * pays for one boot.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DistributionIT {

    private static final Duration BOOT = Duration.ofSeconds(180);
    /** The first administrator's password (login admin), set through the bootstrap configuration. */
    static final String ADMIN_PASSWORD = "itest admin password, not a default 7";

    @Inject
    BundleContext context;

    @Inject
    @Filter(timeout = 180_000)
    Database database;

    @Inject
    @Filter(timeout = 180_000)
    Migrations migrations;

    @Inject
    @Filter(timeout = 180_000)
    JobQueue jobs;

    @Inject
    @Filter(timeout = 180_000)
    EventOutbox outbox;

    @Inject
    @Filter(timeout = 180_000)
    JakartarsServiceRuntime restRuntime;

    private Http http;

    @Configuration
    public Option[] config() throws IOException {
        String port = Integer.toString(freePort());
        String sshPort = Integer.toString(freePort());
        return new Option[] {
            karafDistributionConfiguration()
                    .frameworkUrl(new File(System.getProperty("codara.distribution")).toURI().toString())
                    .name("Codara")
                    .unpackDirectory(new File("target/pax"))
                    .useDeployFolder(false),
            configureConsole().ignoreLocalConsole(),
            keepRuntimeFolder(),
            // INFO, and DEBUG for Codara's own loggers: the log check must read a log that says a lot.
            logLevel(LogLevelOption.LogLevel.INFO),
            editConfigurationFilePut("etc/org.ops4j.pax.logging.cfg", "log4j2.logger.codara.name", "io.codara"),
            editConfigurationFilePut("etc/org.ops4j.pax.logging.cfg", "log4j2.logger.codara.level", "DEBUG"),
            editConfigurationFilePut("etc/io.codara.auth.bootstrap.cfg", ".admin.password", ADMIN_PASSWORD),
            // High enough that the authorisation matrix is never limited; the headers are still checked.
            editConfigurationFilePut("etc/io.codara.auth.ratelimit.cfg", "anonymous.limit", Integer.toString(IdentityAndAccess.RATE_LIMIT)),
            editConfigurationFilePut("etc/io.codara.auth.ratelimit.cfg", "authenticated.limit", Integer.toString(IdentityAndAccess.RATE_LIMIT)),
            editConfigurationFilePut("etc/system.properties", "codara.http.port", port),
            editConfigurationFilePut("etc/system.properties", "codara.ssh.port", sshPort),
            editConfigurationFilePut("etc/io.codara.web.cfg", "max.body.bytes", "1048576"),
            // Repack a second after a push rather than a minute: the git test waits for the bitmap index.
            editConfigurationFilePut("etc/io.codara.git.maintenance.cfg", "delay.seconds", "1"),
            // A remote runner killed mid-job loses it after 5 s rather than a minute.
            editConfigurationFilePut("etc/io.codara.ci.internal.remote.RemoteRunners.cfg", "lease.seconds", "5"),
            systemProperty("codara.itest.port").value(port),
            systemProperty("codara.octokit.dir").value(System.getProperty("codara.octokit.dir")),
            systemProperty("codara.ui.tests.dir").value(System.getProperty("codara.ui.tests.dir")),
            systemProperty("codara.ui.specs").value(System.getProperty("codara.ui.specs", "")),
            bundle(new File(System.getProperty("codara.example.plugin")).toURI().toString()),
        };
    }

    @Before
    public void ready() {
        http = new Http("http://127.0.0.1:" + System.getProperty("codara.http.port"));
        http.await("/health/ready", status -> status == 200, BOOT);
        http.await("/api/v3/example/notes", status -> status == 200, BOOT);
    }

    @Test
    public void everyBundleIsActiveAndNoneUnresolved() {
        List<String> problems = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            boolean fragment = bundle.getHeaders().get("Fragment-Host") != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (bundle.getState() != expected) {
                problems.add(bundle.getSymbolicName() + " state " + bundle.getState());
            }
        }
        assertTrue("Bundles not active: " + problems, problems.isEmpty());
        for (String name : List.of("io.codara.api", "io.codara.storage", "io.codara.web", "io.codara.web-ui", "io.codara.auth", "io.codara.git", "io.codara.ci", "io.codara.review", "io.codara.shell")) {
            assertNotNull(name + " is installed", find(name));
        }
    }

    @Test
    public void restRootAndMetaAnswerInGitHubShapes() {
        HttpResponse<String> root = http.get("/api/v3");
        assertEquals(200, root.statusCode());
        assertTrue(root.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(Http.json(root).path("meta_url").asText().endsWith("/api/v3/meta"));
        assertFalse(root.headers().firstValue("X-Request-Id").orElse("").isEmpty());

        JsonNode meta = Http.json(http.get("/api/v3/meta"));
        assertTrue(meta.path("verifiable_password_authentication").asBoolean());
        assertFalse(meta.path("installed_version").asText().isEmpty());
    }

    @Test
    public void errorsAreJsonWithMessageAndDocumentationUrl() throws Exception {
        assertError(http.get("/api/v3/no/such/route"), 404, "Not Found");
        HttpResponse<String> notAllowed = http.send("DELETE", "/api/v3/meta", null, null);
        assertError(notAllowed, 405, "Method Not Allowed");
        assertTrue(notAllowed.headers().firstValue("Allow").orElse("").contains("GET"));
        assertError(http.send("POST", "/api/v3/example/notes", "text/plain", "hello"), 415, "Unsupported Media Type");
        assertError(http.send("POST", "/api/v3/example/notes", "application/json", "{\"text\": "), 400, "Problems parsing JSON");
        assertError(http.send("POST", "/api/v3/example/notes", "application/json", "{\"text\": \"x\"}"), 401, "Requires authentication");
        String writer = identity().contentWriter();
        assertError(http.send("POST", "/api/v3/example/notes", "application/json", "{\"text\": \"\"}", "Authorization", writer),
                422, "Validation Failed");
        String big = "{\"text\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        assertBodyTooLarge(big);
        assertError(http.get("/api/v3/example/notes/999999999"), 404, "Not Found");
        assertError(http.get("/api/v3/example/notes?page=0"), 422, null);
        assertError(http.get("/api/v3/example/notes?page=abc"), 400, "Invalid value for query parameter 'page'");
        assertError(http.get("/api/v3/example/notes/abc"), 404, "Not Found");
    }

    @Test
    public void requestIdIsKeptWhenSaneAndReplacedWhenNot() {
        HttpResponse<String> kept = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base() + "/api/v3"))
                .header("X-Request-Id", "trace-42").GET());
        assertEquals("trace-42", kept.headers().firstValue("X-Request-Id").orElse(null));
        HttpResponse<String> replaced = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base() + "/api/v3"))
                .header("X-Request-Id", "bad id with spaces").GET());
        assertFalse(replaced.headers().firstValue("X-Request-Id").orElse("").contains(" "));
    }

    @Test
    public void listsArePagedWithGitHubLinkHeaders() {
        for (int i = 0; i < 5; i++) {
            assertEquals(201, http.send("POST", "/api/v3/example/notes", "application/json", "{\"text\":\"page note " + i + "\"}",
                    "Authorization", identity().contentWriter()).statusCode());
        }
        HttpResponse<String> first = http.get("/api/v3/example/notes?per_page=2");
        assertEquals(200, first.statusCode());
        assertEquals(2, Http.json(first).size());
        long total = Long.parseLong(first.headers().firstValue("X-Total-Count").orElseThrow());
        assertTrue(total >= 5);
        String link = first.headers().firstValue("Link").orElseThrow();
        assertTrue(link, link.contains("page=2") && link.contains("rel=\"next\"") && link.contains("rel=\"last\""));
        assertFalse(link, link.contains("rel=\"prev\""));

        HttpResponse<String> second = http.get("/api/v3/example/notes?per_page=2&page=2");
        String link2 = second.headers().firstValue("Link").orElseThrow();
        assertTrue(link2, link2.contains("rel=\"prev\"") && link2.contains("rel=\"first\""));
    }

    @Test
    public void healthReportsTheDatabaseAndMetricsArePrometheusText() {
        HttpResponse<String> health = http.get("/health");
        assertEquals(200, health.statusCode());
        JsonNode body = Http.json(health);
        assertTrue(body.path("ready").asBoolean());
        boolean databaseUp = false;
        for (JsonNode check : body.path("checks")) {
            databaseUp |= check.path("name").asText().equals("database") && check.path("up").asBoolean();
        }
        assertTrue(health.body(), databaseUp);
        assertEquals(200, http.get("/health/live").statusCode());

        http.get("/api/v3/example/notes");
        HttpResponse<String> metrics = http.get("/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String text = metrics.body();
        assertTrue(text, text.contains("http_server_requests_seconds_count{method=\"GET\",route=\"/api/v3/example/notes\",status=\"200\"}"));
        assertTrue(text.contains("jvm_memory_used_bytes"));
        assertTrue(text.contains("codara_db_pool_connections{state=\"max\"}"));
    }

    @Test
    public void openApiDocumentListsExactlyTheRoutesThatRun() {
        JsonNode doc = Http.json(http.get("/api/v3/openapi.json"));
        assertEquals("3.0.3", doc.path("openapi").asText());
        Set<String> documented = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey()));
        }
        Set<String> running = new HashSet<>();
        List<ApplicationDTO> apps = new ArrayList<>(List.of(restRuntime.getRuntimeDTO().applicationDTOs));
        apps.add(restRuntime.getRuntimeDTO().defaultApplication);
        for (ApplicationDTO app : apps) {
            for (ResourceDTO resource : app.resourceDTOs) {
                for (ResourceMethodInfoDTO method : resource.resourceMethods) {
                    String path = ("/" + method.path).replaceAll("/+", "/").replaceAll("\\{(\\w+)[^}]*}", "{$1}");
                    running.add(method.method + " " + (path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path));
                }
            }
        }
        assertEquals(running, documented);
        assertTrue(documented.toString(), documented.containsAll(List.of("GET /", "GET /meta", "GET /openapi.json",
                "GET /example/notes", "POST /example/notes", "GET /example/notes/{id}", "DELETE /example/notes/{id}")));
        Set<String> listParameters = new HashSet<>();
        doc.path("paths").path("/example/notes").path("get").path("parameters")
                .forEach(p -> listParameters.add(p.path("in").asText() + ":" + p.path("name").asText()));
        assertEquals(Set.of("query:page", "query:per_page"), listParameters);
        assertEquals("id", doc.path("paths").path("/example/notes/{id}").path("get").path("parameters").path(0).path("name").asText());
    }

    @Test
    public void migrationsRerunAsNoOps() {
        Bundle plugin = find("io.codara.example.notes");
        MigrationResult again = migrations.migrate("example", plugin, "db/migration/example");
        assertEquals(0, again.applied());
        assertEquals("2", again.version());
        MigrationResult twice = migrations.migrate("example", plugin, "db/migration/example");
        assertEquals(0, twice.applied());
        MigrationResult auth = migrations.migrate("auth", find("io.codara.auth"), "db/migration/auth");
        assertEquals(0, auth.applied());
        assertEquals("2", auth.version());
    }

    @Test
    public void outboxEventsAndQueuedJobsAreDeliveredInsideOsgi() throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, "codara/itest/*");
        ServiceRegistration<EventHandler> handler = context.registerService(EventHandler.class, events::add, props);
        BlockingQueue<Job> handled = new LinkedBlockingQueue<>();
        Dictionary<String, Object> jobProps = new Hashtable<>();
        jobProps.put(JobHandler.QUEUE, "itest");
        ServiceRegistration<JobHandler> jobHandler = context.registerService(JobHandler.class, handled::add, jobProps);
        try {
            try {
                database.inTransaction(tx -> {
                    outbox.publish(tx, "codara/itest/rolled_back", Map.of("n", 1));
                    throw new SQLException("roll back on purpose");
                });
            } catch (SQLException expected) {
                // the event above must never be delivered
            }
            long id = database.inTransaction((Connection tx) -> outbox.publish(tx, "codara/itest/committed", Map.of("n", 2)));
            Event event = events.poll(30, TimeUnit.SECONDS);
            assertNotNull("the committed event arrives", event);
            assertEquals("codara/itest/committed", event.getTopic());
            assertEquals(id, ((Number) event.getProperty(EventProperties.EVENT_ID)).longValue());
            assertEquals(2, ((Number) event.getProperty("n")).intValue());
            assertEquals("no other event", null, events.poll(2, TimeUnit.SECONDS));

            Job job = jobs.enqueue("itest", "{\"hello\":\"world\"}", JobOptions.DEFAULT);
            Job ran = handled.poll(30, TimeUnit.SECONDS);
            assertNotNull("the job was handled", ran);
            assertEquals(job.id(), ran.id());
            assertEquals("{\"hello\": \"world\"}".replace(" ", ""), ran.payload().replace(" ", ""));
            awaitState(job.id(), "DONE");
        } finally {
            handler.unregister();
            jobHandler.unregister();
        }
    }

    @Test
    public void capabilityBundlesHotSwapWithoutLosingData() throws Exception {
        HttpResponse<String> created = http.send("POST", "/api/v3/example/notes", "application/json", "{\"text\":\"survives hot swap\"}",
                "Authorization", identity().contentWriter());
        assertEquals(201, created.statusCode());
        long id = Http.json(created).path("id").asLong();

        Bundle plugin = find("io.codara.example.notes");
        plugin.stop();
        http.await("/api/v3/example/notes/" + id, status -> status == 404, Duration.ofSeconds(30));
        assertEquals(200, http.get("/api/v3").statusCode());
        assertEquals(200, http.get("/health").statusCode());
        plugin.start();
        HttpResponse<String> back = http.await("/api/v3/example/notes/" + id, status -> status == 200, Duration.ofSeconds(60));
        assertEquals("survives hot swap", Http.json(back).path("text").asText());

        // A built-in capability swaps the same way: web's endpoints go and come back.
        Bundle web = find("io.codara.web");
        web.stop();
        http.await("/metrics", status -> status == 404, Duration.ofSeconds(30));
        http.await("/health", status -> status == 404, Duration.ofSeconds(30));
        http.await("/api/v3/openapi.json", status -> status == 404, Duration.ofSeconds(30));
        web.start();
        http.await("/metrics", status -> status == 200, Duration.ofSeconds(60));
        http.await("/health/ready", status -> status == 200, Duration.ofSeconds(60));
        http.await("/api/v3/openapi.json", status -> status == 200, Duration.ofSeconds(60));

        // Identity and access too: its endpoints and its authentication go, then come back with every account.
        String admin = identity().siteAdmin();
        assertEquals(200, http.send("GET", "/api/v3/user", null, null, "Authorization", admin).statusCode());
        Bundle auth = find("io.codara.auth");
        auth.stop();
        http.await("/api/v3/user", status -> status == 404, Duration.ofSeconds(30));
        // Alive, but not ready: the capabilities that authorise through it (git, say) wait for its services.
        HttpResponse<String> health = http.get("/health");
        assertEquals(health.body(), 503, health.statusCode());
        assertTrue(health.body(), health.body().contains("waiting for a service: io.codara."));
        assertEquals(200, http.get("/health/live").statusCode());
        auth.start();
        http.await("/api/v3/user", status -> status == 401, Duration.ofSeconds(60));
        http.await("/health/ready", status -> status == 200, Duration.ofSeconds(60));
        HttpResponse<String> me = http.send("GET", "/api/v3/user", null, null, "Authorization", admin);
        assertEquals(me.body(), 200, me.statusCode());
        assertTrue(me.body(), Http.json(me).path("site_admin").asBoolean());
    }

    // ---- web UI (issue 4)

    /** Every spec of src/test/ui in Debian's Chromium against this boot: see {@link WebUiInBrowser}. */
    @Test
    public void webUiInARealBrowser() {
        // The authorisation matrix may have changed the administrator's password: the current one.
        WebUiInBrowser.run(http.base(), identity().siteAdminPassword());
    }

    @Test
    public void theWebUiIsServedAtEveryPathExceptGitsWithItsSecurityHeaders() {
        HttpResponse<String> page = http.get("/someone/some-repo/blob/main/src/App.java");
        assertEquals(200, page.statusCode());
        assertTrue(page.body(), page.body().contains("<div id=\"root\">"));
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp, csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"));
        assertEquals("no-cache", page.headers().firstValue("Cache-Control").orElse(""));
        // A hashed asset of the build: cached for good.
        String script = page.body().replaceAll("(?s).*src=\"(/assets/[^\"]+\\.js)\".*", "$1");
        HttpResponse<String> asset = http.get(script);
        assertEquals(script, 200, asset.statusCode());
        assertTrue(asset.headers().firstValue("Cache-Control").orElse("").contains("immutable"));
        assertEquals(404, http.get("/assets/no-such-file-0000.js").statusCode());
        // git's URLs still go to git, the API to the API.
        assertEquals(401, http.get("/api/v3/user").statusCode());
        HttpResponse<String> git = http.get("/nobody/nothing.git/info/refs?service=git-upload-pack");
        assertEquals("git asks an anonymous caller for credentials, whether or not the repository exists", 401, git.statusCode());
        assertTrue(git.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        assertEquals(405, http.send("POST", "/some/page", "application/json", "{}").statusCode());
    }

    @Test
    public void uiContributionsComeAndGoWithTheirBundle() throws Exception {
        Bundle plugin = find("io.codara.example.notes");
        assertTrue(http.get("/api/v3/ui/contributions").body().contains("\"id\":\"example.notes\""));
        assertEquals(200, http.get("/plugins/example-notes/notes.js").statusCode());
        // The web UI bundle stopped: git and the API go on, its pages answer 404 and come back with it.
        Bundle ui = find("io.codara.web-ui");
        ui.stop();
        try {
            http.await("/some/page", status -> status == 404, Duration.ofSeconds(30));
            assertEquals(200, http.get("/api/v3").statusCode());
        } finally {
            ui.start();
        }
        http.await("/some/page", status -> status == 200, Duration.ofSeconds(60));
        plugin.stop();
        try {
            // Its module is gone (the path is now only a page of the app), and so is its entry.
            http.await("/api/v3/ui/contributions", status -> status == 200, Duration.ofSeconds(30));
            for (long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    http.get("/api/v3/ui/contributions").body().contains("example.notes") && System.nanoTime() < end; ) {
                Thread.sleep(200);
            }
            assertFalse(http.get("/api/v3/ui/contributions").body().contains("example.notes"));
            assertFalse(http.get("/plugins/example-notes/notes.js").headers().firstValue("Content-Type").orElse("").contains("javascript"));
        } finally {
            plugin.start();
        }
        for (long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                !http.get("/api/v3/ui/contributions").body().contains("example.notes") && System.nanoTime() < end; ) {
            Thread.sleep(200);
        }
        assertTrue(http.get("/plugins/example-notes/notes.js").headers().firstValue("Content-Type").orElse("").contains("javascript"));
        assertTrue(http.get("/api/v3/ui/contributions").body().contains("\"id\":\"example.notes\""));
    }

    // ---- git hosting (issue 8)

    @Test
    public void repositoriesAreCreatedRenamedWithARedirectAndDeletedWithTheirEvents() throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, "codara/git/*");
        ServiceRegistration<EventHandler> handler = context.registerService(EventHandler.class, events::add, props);
        try {
            String admin = identity().siteAdmin();
            HttpResponse<String> created = http.send("POST", "/api/v3/user/repos", "application/json",
                    "{\"name\":\"life-cycle\",\"auto_init\":true,\"license_template\":\"mit\"}", "Authorization", admin);
            assertEquals(created.body(), 201, created.statusCode());
            JsonNode repo = Http.json(created);
            String owner = repo.path("owner").path("login").asText();
            long id = repo.path("id").asLong();
            assertEquals("main", repo.path("default_branch").asText());
            assertTrue(repo.path("clone_url").asText().endsWith("/" + owner + "/life-cycle.git"));

            HttpResponse<String> renamed = http.send("PATCH", "/api/v3/repos/" + owner + "/life-cycle", "application/json",
                    "{\"name\":\"renamed-cycle\",\"topics\":[\"demo\"]}", "Authorization", admin);
            assertEquals(renamed.body(), 200, renamed.statusCode());
            HttpResponse<String> old = http.send("GET", "/api/v3/repos/" + owner + "/life-cycle", null, null, "Authorization", admin);
            assertEquals(old.body(), 301, old.statusCode());
            assertTrue(old.headers().firstValue("Location").orElse("").endsWith("/api/v3/repos/" + owner + "/renamed-cycle"));
            assertEquals(200, http.send("GET", "/api/v3/repos/" + owner + "/renamed-cycle", null, null, "Authorization", admin)
                    .statusCode());

            assertEquals(204, http.send("DELETE", "/api/v3/repos/" + owner + "/renamed-cycle", null, null, "Authorization", admin)
                    .statusCode());
            assertEquals(404, http.send("GET", "/api/v3/repos/" + owner + "/renamed-cycle", null, null, "Authorization", admin)
                    .statusCode());
            assertEquals(404, http.send("GET", "/api/v3/repos/" + owner + "/life-cycle", null, null, "Authorization", admin)
                    .statusCode());

            java.util.Set<String> seen = new java.util.HashSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seen.size() < 3 && System.nanoTime() < deadline) {
                Event event = events.poll(1, TimeUnit.SECONDS);
                if (event != null && Long.valueOf(id).equals(((Number) event.getProperty("repository_id")).longValue())) {
                    seen.add(event.getTopic());
                }
            }
            assertEquals(java.util.Set.of("codara/git/repository_created", "codara/git/repository_renamed",
                    "codara/git/repository_deleted"), seen);
        } finally {
            handler.unregister();
        }
    }

    @Test
    public void aRepositoryIsBrowsedInGitHubsShapesOverHttpAndWithOctokit() {
        String admin = identity().siteAdmin();
        HttpResponse<String> created = http.send("POST", "/api/v3/user/repos", "application/json",
                "{\"name\":\"browse-me\",\"auto_init\":true,\"description\":\"Browsed end to end\",\"license_template\":\"mit\"}",
                "Authorization", admin);
        assertEquals(created.body(), 201, created.statusCode());
        String owner = Http.json(created).path("owner").path("login").asText();
        String repo = "/api/v3/repos/" + owner + "/browse-me";
        String readme = "# browse-me\n\nBrowsed end to end\n";

        JsonNode branches = Http.json(ok(repo + "/branches", admin));
        assertEquals(branches.toString(), 1, branches.size());
        assertEquals("main", branches.path(0).path("name").asText());
        String head = branches.path(0).path("commit").path("sha").asText();

        JsonNode file = Http.json(ok(repo + "/contents/README.md", admin));
        assertEquals("base64", file.path("encoding").asText());
        assertEquals(readme, new String(Base64.getMimeDecoder().decode(file.path("content").asText()), StandardCharsets.UTF_8));
        HttpResponse<String> raw = http.send("GET", repo + "/contents/README.md", null, null, "Authorization", admin,
                "Accept", "application/vnd.github.raw");
        assertEquals(raw.body(), 200, raw.statusCode());
        assertTrue(raw.headers().firstValue("Content-Type").orElse(""), raw.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertEquals(readme, raw.body());
        String download = file.path("download_url").asText();
        assertTrue(download, download.startsWith(http.base() + repo + "/raw/main/"));
        assertEquals(readme, ok(download.substring(http.base().length()), admin).body());

        JsonNode commits = Http.json(ok(repo + "/commits", admin));
        assertEquals(1, commits.size());
        assertEquals(head, commits.path(0).path("sha").asText());
        assertEquals("Initial commit", commits.path(0).path("commit").path("message").asText());
        JsonNode commit = Http.json(ok(repo + "/commits/" + head, admin));
        Set<String> files = new HashSet<>();
        commit.path("files").forEach(f -> files.add(f.path("status").asText() + ":" + f.path("filename").asText()));
        assertEquals(Set.of("added:LICENSE", "added:README.md"), files);
        assertTrue(commit.toString(), commit.path("files").findValuesAsText("patch").stream().anyMatch(p -> p.contains("+# browse-me")));
        JsonNode tree = Http.json(ok(repo + "/git/trees/main?recursive=1", admin));
        List<String> paths = new ArrayList<>();
        tree.path("tree").forEach(entry -> paths.add(entry.path("path").asText()));
        assertEquals(List.of("LICENSE", "README.md"), paths);
        assertFalse(tree.path("truncated").asBoolean());

        assertEquals(404, http.send("GET", repo + "/contents/no/such/file", null, null, "Authorization", admin).statusCode());
        int escape = http.send("GET", repo + "/contents/%2e%2e/%2e%2e/etc/passwd", null, null, "Authorization", admin).statusCode();
        assertTrue("escaping the tree is refused, not served: " + escape, escape == 404 || escape == 400);

        OctokitScript.Result octokit = OctokitScript.run(Path.of(System.getProperty("codara.octokit.dir")), "browse.mjs",
                Map.of("CODARA_API", http.base() + "/api/v3", "CODARA_OWNER", owner, "CODARA_REPO", "browse-me"));
        JsonNode seen = octokit.seen();
        String out = octokit.output();
        assertEquals(out, "[\"main\"]", seen.path("branches").toString());
        assertEquals(out, head, seen.path("branch").asText());
        assertEquals(out, readme, seen.path("readme").asText());
        assertEquals(out, readme, seen.path("raw").asText());
        assertEquals(out, "[\"file:LICENSE\",\"file:README.md\"]", seen.path("root").toString());
        assertEquals(out, "README.md", seen.path("readmeEndpoint").asText());
        assertEquals(out, "[\"" + head + "\"]", seen.path("commits").toString());
        assertEquals(out, "[\"added:LICENSE\",\"added:README.md\"]", seen.path("commitFiles").toString());
        assertTrue(out, seen.path("stats").path("additions").asInt() > 3);
        assertEquals(out, "identical", seen.path("compare").path("status").asText());
        assertEquals(out, head, seen.path("compare").path("merge_base").asText());
        assertEquals(out, "[\"LICENSE\",\"README.md\"]", seen.path("tree").toString());
        assertEquals(out, head, seen.path("ref").asText());
        assertEquals(out, 404, seen.path("missing").asInt());
        assertEquals(out, "{}", seen.path("languages").toString()); // README and LICENSE are documentation
        assertEquals(out, 200, seen.path("tarball").path("status").asInt());
        assertTrue(out, seen.path("tarball").path("gzip").asBoolean());

        // A renamed repository's browsing URLs answer 301 to the same path under the new name.
        assertEquals(200, http.send("PATCH", repo, "application/json", "{\"name\":\"browsed\"}", "Authorization", admin).statusCode());
        HttpResponse<String> moved = http.send("GET", repo + "/contents/README.md?ref=main", null, null, "Authorization", admin);
        assertEquals(moved.body(), 301, moved.statusCode());
        assertTrue(moved.headers().firstValue("Location").orElse(""),
                moved.headers().firstValue("Location").orElse("").endsWith("/api/v3/repos/" + owner + "/browsed/contents/README.md?ref=main"));
        assertEquals(204, http.send("DELETE", "/api/v3/repos/" + owner + "/browsed", null, null, "Authorization", admin).statusCode());
    }

    private HttpResponse<String> ok(String path, String authorization) {
        HttpResponse<String> response = http.send("GET", path, null, null, "Authorization", authorization);
        assertEquals(path + ": " + response.body(), 200, response.statusCode());
        return response;
    }

    // ---- identity and access (issue 3): one fixture and one matrix run per boot, see IdentityAndAccess

    @Test
    public void everyEndpointAnswersEveryPersonaAsTheAuthorizationMatrixSays() {
        identity().matrix().assertNoMismatches();
    }

    @Test
    public void suspendedUsersWrongPasswordsAndDeadTokensAreRefused() {
        identity().refusalsSayWhy();
    }

    @Test
    public void sessionCookieIsHttpOnlyLaxAndItsWritesNeedTheCsrfToken() {
        identity().sessionCookie();
    }

    @Test
    public void failedLoginsAreThrottledPerAccount() {
        identity().loginThrottle();
    }

    @Test
    public void rateLimitHeadersCountDown() {
        identity().rateLimitHeaders();
    }

    @Test
    public void auditLogRecordsWhoDidWhat() {
        identity().auditLog();
    }

    @Test
    public void octokitUsesTheIdentityApiAsOnGitHub() {
        identity().octokit(Path.of(System.getProperty("codara.octokit.dir")));
    }

    @Test
    public void noPasswordTokenOrSessionReachesTheLog() {
        identity().secretsNotLogged();
    }

    // ---- git over HTTP (issue 8), with the real git CLI: see GitOverHttp

    @Test
    public void gitClonesAndPushesOverProtocolsV0AndV2() {
        git().cloneAndPushOverProtocolsV0AndV2();
    }

    @Test
    public void gitShallowAndPartialClones() {
        git().shallowAndPartialClones();
    }

    @Test
    public void gitAnonymousCallersReadPublicRepositoriesOnly() {
        git().anonymousReadsPublicRepositoriesOnly();
    }

    @Test
    public void gitPushesWithoutWriteOrToArchivedRepositoriesAreRefusedWithAMessage() {
        git().pushesAreRefusedWithAMessageGitShows();
    }

    @Test
    public void gitFollowsTheRedirectOfARenamedRepository() {
        git().renamedRepositoriesRedirect();
    }

    @Test
    public void gitPushesArePublishedAsEvents() throws InterruptedException {
        git().pushesArePublishedAsEvents(context);
    }

    @Test
    public void gitLfsPushesAndClonesTrackedFilesAsTheirContent() {
        new LfsOverHttp(http, identity().siteAdmin()).pushAndCloneWithGitLfs();
    }

    // ---- browsing extras (issue 8): archives, blame, languages, branch comparison, size, contributions

    @Test
    public void browseTarballAndZipballUnpackWithRealTools() throws Exception {
        extras().archivesUnpackWithRealTools();
    }

    @Test
    public void browseBlameLanguagesBranchComparisonAndSize() {
        extras().blameLanguagesComparisonAndSize();
    }

    @Test
    public void browseContributionsAreCountedFromARealPush() {
        extras().contributionsAfterARealPush();
    }

    @Test
    public void activityFeedsShowARealPushAndSearchFindsItsRepository() {
        extras().activityAndSearchAfterARealPush();
    }

    private BrowseExtras extras() {
        return BrowseExtras.on(http, identity());
    }

    // ---- commit statuses, secrets and variables (issue 6): see CiOverHttp

    @Test
    public void ciStatusesArePostedWithATokenAndCombinedAsOnGitHub() throws InterruptedException {
        ci().statusesArePostedWithATokenAndCombined();
    }

    @Test
    public void ciSecretsAreEncryptedAtRestAndNeverReturned() throws IOException {
        ci().secretsAndVariablesAreStoredEncryptedAndNeverReturned();
    }

    @Test
    public void ciAPushedWorkflowRunsToSuccessWithCommitStatuses() throws Exception {
        ci().aPushedWorkflowRunsToSuccessWithCommitStatuses();
    }

    @Test
    public void ciARemoteRunnerRunsTheJobsOfItsLabels() throws Exception {
        ci().aRemoteRunnerRunsTheJobsOfItsLabels();
    }

    @Test
    public void ciAPullRequestRunsItsWorkflowWithAStatusOnTheHeadCommit() throws Exception {
        ci().aPullRequestRunsItsWorkflowWithAStatusOnTheHead();
    }

    @Test
    public void ciANewerRunCancelsTheRunningOneOfItsConcurrencyGroup() throws Exception {
        ci().aNewerRunCancelsTheRunningOneOfItsConcurrencyGroup();
    }

    @Test
    public void ciAWorkflowsArtifactDownloadsOverTheRestApi() throws Exception {
        ci().aWorkflowUploadsAnArtifactThatDownloadsOverRest();
    }

    private CiOverHttp ci() {
        return CiOverHttp.on(http, context, identity().siteAdmin());
    }

    // ---- live streams over WebSocket (issue 6): see LiveOverHttp

    @Test
    public void liveRepositoryEventsArriveOverWebSocketForReadersOnly() throws Exception {
        live().repositoryEventsArriveLiveForReadersOnly();
    }

    @Test
    public void liveChannelsComeAndGoWithTheirServices() throws Exception {
        live().channelsComeAndGoWithTheirServices();
    }

    private LiveOverHttp live() {
        return LiveOverHttp.on(http, context, identity().siteAdmin());
    }

    // ---- branch and tag protection (issue 8), with the real git CLI: see ProtectionOverHttp

    @Test
    public void protectionRefusesForcePushesDeletionsAndMergesNamingTheRule() {
        protection().forcePushesDeletionsAndMergesAreRefusedWithTheRule();
    }

    @Test
    public void protectionRestrictsPushersAndRequiresVerifiedSignatures() {
        protection().restrictedAndSignedBranchesTakeOnlyWhatTheirRuleAllows();
    }

    @Test
    public void gpgSignedCommitsAreVerifiedAndPassRequiredSignatures() {
        protection().gpgSignedCommitsAreVerifiedAndPassRequiredSignatures();
    }

    @Test
    public void protectedTagsAreForMaintainersAndAdmins() {
        protection().protectedTagsAreForMaintainersAndAdmins();
    }

    private ProtectionOverHttp protection() {
        return ProtectionOverHttp.on(http, identity());
    }

    // ---- pull requests (issue 7), with the real git CLI: see PullRequestsOverHttp

    @Test
    public void pullRequestsAreOpenedListedAndTheirMergeabilityComputed() throws InterruptedException {
        PullRequestsOverHttp.on(http, identity()).openListAndMergeability();
    }

    @Test
    public void pullRequestsAreReviewedWithOctokit() throws InterruptedException {
        PullRequestsOverHttp.on(http, identity()).reviewsWithOctokit(Path.of(System.getProperty("codara.octokit.dir")));
    }

    @Test
    public void commitsAreCommentedWithOctokit() {
        PullRequestsOverHttp.on(http, identity()).commitCommentsWithOctokit(
                Path.of(System.getProperty("codara.octokit.dir")));
    }

    @Test
    public void requiredStatusBlocksAMergeThenOctokitSquashMerges() throws InterruptedException {
        PullRequestsOverHttp.on(http, identity()).requiredStatusBlocksThenOctokitSquashMerges();
    }

    @Test
    public void pullRequestsFromAForkAndAStackMergeByEachMethodWithTheHistoryGitSees() throws InterruptedException {
        PullRequestsOverHttp.on(http, identity()).mergeMethodsForkAndStack();
    }

    @Test
    public void autoMergeMergesWhenTheRequiredStatusTurnsGreen() throws InterruptedException {
        PullRequestsOverHttp.on(http, identity()).autoMergeMergesWhenTheRequiredStatusTurnsGreen();
    }

    @Test
    public void autoRebaseMovesTheHeadOntoTheNewMainAfterAGitPush() throws InterruptedException {
        PullRequestsOverHttp.on(http, identity()).autoRebaseFollowsMain();
    }

    @Test
    public void mergeQueueEjectsTheBrokenMiddleOneAndLandsTheOthersOnGreenBuilds() throws InterruptedException {
        PullRequestsOverHttp.on(http, identity()).mergeQueueEjectsTheBrokenMiddleOneAndLandsTheOthers();
    }

    /** Impact analysis of a commit pushed with the real git CLI: see {@link CommitImpactOverHttp}. */
    @Test
    public void commitImpactListsDependentModulesImportersTestsAndOwners() {
        new CommitImpactOverHttp(http, identity()).multiModuleMavenCommit();
    }

    // ---- forks, templates, transfers and pins (issue 8): see ForksAndTemplates

    @Test
    public void forkThenPushToTheForkAndMergeUpstream() {
        forks().forkPushToTheForkAndMergeUpstream();
    }

    @Test
    public void generateARepositoryFromATemplate() {
        forks().generateFromATemplate();
    }

    @Test
    public void transferARepositoryAndTheOldGitUrlRedirects() {
        forks().transferWithTheOldGitUrlRedirecting();
    }

    @Test
    public void pinRepositoriesToAProfile() {
        forks().pinsOnTheProfile();
    }

    private ForksAndTemplates forks() {
        return ForksAndTemplates.on(http, identity());
    }

    // ---- code search (issue 5): see CodeSearchOverHttp

    @Test
    public void codeSearchHasKnownAnswersForEveryKindOfQuery() {
        search().queriesHaveKnownAnswers();
    }

    @Test
    public void codeSearchNeverShowsAPrivateRepositoryToAnotherUser() {
        search().privateCodeNeverShowsToOthers();
    }

    @Test
    public void codeSearchSeesPushesAndForcePushes() {
        search().pushesAndForcePushesShowInTheNextAnswer();
    }

    @Test
    public void symbolSemanticAndExpertSearchHaveKnownAnswers() {
        search().symbolsSemanticSearchAndExperts();
    }

    @Test
    public void dependencySearchReadsTheManifestsOfAPush() {
        search().dependenciesAreReadFromThePush();
    }

    @Test
    public void stackTraceSearchLeadsToTheLinesOfItsFrames() {
        search().stackTracesLeadToTheirLines();
    }

    private CodeSearchOverHttp search() {
        return CodeSearchOverHttp.on(http, identity());
    }

    @Test
    public void gitTwentyPushesAndTwentyClonesAtOnceEachLandWholeAndFsckStaysClean() throws Exception {
        new GitUnderLoad(http, database).pushesAndClonesAtOnce(identity().siteAdmin());
    }

    private GitOverHttp git() {
        return GitOverHttp.on(http, identity());
    }

    private IdentityAndAccess identity() {
        return IdentityAndAccess.on(http, ADMIN_PASSWORD);
    }

    private void awaitState(long jobId, String state) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Optional<Job> job = jobs.find(jobId);
            if (job.isPresent() && job.get().state().name().equals(state)) {
                return;
            }
            Http.sleep(100);
        }
        throw new AssertionError("job " + jobId + " never reached " + state + ": " + jobs.find(jobId));
    }

    /**
     * A body over the limit, sent by curl: it says {@code Expect: 100-continue} for large bodies, so the server
     * answers 413 before the body is sent. The JDK's client either writes the whole body into a connection the
     * server has already answered and closed (a broken pipe, now and then) or, asked to expect 100-continue, waits
     * forever for a 100 that a refusing server never sends (Java 17).
     */
    private void assertBodyTooLarge(String body) throws IOException, InterruptedException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("too-large", ".json");
        java.nio.file.Path answer = java.nio.file.Files.createTempFile("too-large", ".out");
        try {
            java.nio.file.Files.writeString(file, body);
            Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "60", "-o", answer.toString(), "-w", "%{http_code} %{content_type}",
                    "-H", "Content-Type: application/json", "--data-binary", "@" + file, http.base() + "/api/v3/example/notes")
                    .redirectErrorStream(true).start();
            String out = new String(curl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(out, 0, curl.waitFor());
            assertTrue(out, out.startsWith("413 application/json"));
            JsonNode error = new com.fasterxml.jackson.databind.ObjectMapper().readTree(java.nio.file.Files.readString(answer));
            assertTrue(error.toString(), error.path("message").asText().startsWith("Request body too large"));
            assertTrue(error.toString(), error.path("documentation_url").asText().endsWith("/api/v3/openapi.json"));
        } finally {
            java.nio.file.Files.deleteIfExists(file);
            java.nio.file.Files.deleteIfExists(answer);
        }
    }

    private static void assertError(HttpResponse<String> response, int status, String message) {
        assertEquals(response.body(), status, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode body = Http.json(response);
        assertFalse(response.body(), body.path("message").asText().isEmpty());
        if (message != null) {
            assertEquals(message, body.path("message").asText());
        }
        assertTrue(response.body(), body.path("documentation_url").asText().endsWith("/api/v3/openapi.json"));
        assertFalse("no stack trace leaks", response.body().contains("Exception"));
    }

    private Bundle find(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
