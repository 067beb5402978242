package io.codara.ci.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import io.codara.api.ci.Artifact;
import io.codara.api.ci.CacheEntry;
import io.codara.api.ci.CiCaches;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.PagedObject;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.Migrations;
import io.codara.ci.internal.artifacts.Artifacts;
import io.codara.ci.internal.artifacts.PostgresArtifacts;
import io.codara.ci.internal.artifacts.PostgresCaches;
import io.codara.ci.internal.engine.CiEngine;
import io.codara.ci.internal.engine.Engines;
import io.codara.ci.internal.engine.PlannedRun;
import io.codara.ci.internal.engine.WorkflowRun;
import io.codara.storage.internal.FileBlobStore;
import io.codara.storage.internal.PostgresJobQueue;
import io.codara.storage.internal.StorageSchema;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

/**
 * Artifacts and caches on a real PostgreSQL and a real blob store: overwrite, retention by the job queue's periodic
 * job, restore-keys by prefix, branch scoping with the default branch visible to others, LRU eviction over the cap,
 * and the REST views in GitHub's shapes with their permissions.
 */
class ArtifactsAndCachesTest {

    @TempDir
    Path temp;

    private CiFixture fixture;
    private JobQueue queue;
    private CiEngine engine;
    private FileBlobStore blobs;
    private PostgresArtifacts artifacts;
    private PostgresCaches caches;
    private ArtifactViews views;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new CiFixture(temp);
        Flyway.configure(getClass().getClassLoader()).dataSource(fixture.database.dataSource()).schemas("storage")
                .locations("classpath:db/migration/storage").load().migrate();
        queue = new PostgresJobQueue(fixture.database, new StorageSchema(mock(Migrations.class),
                mock(BundleContext.class)));
        engine = Engines.engine(new CiSchema(), fixture.database, queue, fixture.outbox, fixture.statuses,
                fixture.repositories, Map.of("web_url", "http://codara.test/"));
        Path root = Files.createDirectories(temp.resolve("root"));
        blobs = new FileBlobStore(() -> root);
        artifacts = PostgresArtifacts.of(fixture.database, blobs, 90, 400);
        caches = new PostgresCaches(fixture.database, blobs, fixture.repositories, 1000);
        views = new ArtifactViews(fixture.access, engine, artifacts, caches);
    }

    private WorkflowRun run(long repositoryId, String branch) {
        return engine.createRun(new PlannedRun(repositoryId, ".codara/workflows/ci.yml", "CI", "push", fixture.second,
                branch, "alice", List.of(), List.of("1:1: a run without jobs, to own artifacts"), Map.of(), "refs/heads/" + branch));
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anArtifactIsStoredAsABlobReplacedOnlyWithOverwriteAndListedPerRunAndRepository() throws Exception {
        WorkflowRun run = run(fixture.tools.id(), "main");
        Artifact first = artifacts.upload(run.id(), "dist", bytes("zip one"), 0, false);
        assertThat(first.sizeInBytes()).isEqualTo(7);
        assertThat(first.digest()).startsWith("sha256:").hasSize(71);
        assertThat(first.expiresAt()).isAfter(first.createdAt().plus(java.time.Duration.ofDays(89)))
                .isBefore(first.createdAt().plus(java.time.Duration.ofDays(91)));
        assertThat(read(artifacts.open(first.id()).orElseThrow())).isEqualTo("zip one");
        assertThat(blobs.stat(first.digest().substring(7))).isPresent();

        assertThatThrownBy(() -> artifacts.upload(run.id(), "dist", bytes("zip two"), 0, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already exists");
        assertThat(read(artifacts.open(first.id()).orElseThrow())).isEqualTo("zip one");
        Artifact second = artifacts.upload(run.id(), "dist", bytes("zip two"), 5, true);
        assertThat(artifacts.find(first.id())).isEmpty();
        assertThat(blobs.stat(first.digest().substring(7))).isEmpty();
        assertThat(second.expiresAt()).isBefore(second.createdAt().plus(java.time.Duration.ofDays(6)));
        assertThatThrownBy(() -> artifacts.upload(run.id(), "a/b", bytes("x"), 0, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(artifacts.upload(run.id(), "long", bytes("x"), 1000, false).expiresAt())
                .isBefore(java.time.Instant.now().plus(java.time.Duration.ofDays(401)));

        WorkflowRun other = run(fixture.tools.id(), "main");
        artifacts.upload(other.id(), "dist", bytes("zip two"), 0, false);
        assertThat(artifacts.ofRun(run.id())).extracting(Artifact::name).containsExactly("dist", "long");
        assertThat(artifacts.ofRepository(fixture.tools.id(), "dist", 1, 1).totalCount()).isEqualTo(2);
        assertThat(artifacts.ofRepository(fixture.tools.id(), "dist", 1, 1).artifacts()).singleElement()
                .satisfies(a -> assertThat(a.runId()).isEqualTo(other.id()));
        // the same bytes are one blob, kept while one artifact still refers to it
        artifacts.delete(second.id());
        assertThat(blobs.stat(second.digest().substring(7))).isPresent();
    }

    @Test
    void theRetentionJobDeletesTheArchivesOfExpiredArtifactsAndKeepsTheirRows() throws Exception {
        WorkflowRun run = run(fixture.tools.id(), "main");
        Artifact old = artifacts.upload(run.id(), "old", bytes("old bytes"), 1, false);
        Artifact fresh = artifacts.upload(run.id(), "fresh", bytes("fresh bytes"), 1, false);
        Artifacts.expireIn(artifacts, old.id(), java.time.Duration.ofMillis(-1));

        io.codara.api.storage.spi.JobHandler retention = Artifacts.retention(artifacts, queue);
        io.codara.api.storage.Job job = queue.claim("ci.artifact-retention", "test", java.time.Duration.ofMinutes(1))
                .orElseThrow();
        retention.handle(job);
        queue.complete(job.id(), "test");

        assertThat(artifacts.find(old.id())).hasValueSatisfying(a -> assertThat(a.expired()).isTrue());
        assertThat(artifacts.open(old.id())).isEmpty();
        assertThat(blobs.stat(old.digest().substring(7))).isEmpty();
        assertThat(artifacts.find(fresh.id())).hasValueSatisfying(a -> assertThat(a.expired()).isFalse());
        assertThat(read(artifacts.open(fresh.id()).orElseThrow())).isEqualTo("fresh bytes");
        // the handler enqueued its next run, an hour later
        assertThat(queue.stats("ci.artifact-retention").queued()).isEqualTo(1);
        assertThat(queue.claim("ci.artifact-retention", "test", java.time.Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void restoreMatchesTheExactKeyThenRestoreKeyPrefixesNewestFirstWithinTheVersion() throws Exception {
        WorkflowRun main = run(fixture.tools.id(), "main");
        assertThat(caches.restore(main.id(), "deps-abc", List.of("deps-"), "v1")).isEmpty();
        CacheEntry older = caches.save(main.id(), "deps-111", "v1", bytes("111")).orElseThrow();
        Thread.sleep(5);
        CacheEntry newer = caches.save(main.id(), "deps-222", "v1", bytes("222")).orElseThrow();
        caches.save(main.id(), "deps-333", "v2", bytes("333 other paths")).orElseThrow();
        assertThat(caches.save(main.id(), "deps-111", "v1", bytes("again"))).isEmpty();

        assertThat(caches.restore(main.id(), "deps-111", List.of("deps-"), "v1")).map(CacheEntry::id)
                .contains(older.id());
        assertThat(caches.restore(main.id(), "deps-abc", List.of("nothing-", "deps-"), "v1")).map(CacheEntry::id)
                .contains(newer.id());
        assertThat(caches.restore(main.id(), "deps-abc", List.of("deps-"), "v3")).isEmpty();
        assertThat(read(caches.open(newer.id()).orElseThrow())).isEqualTo("222");
    }

    @Test
    void aBranchSeesItsOwnAndTheDefaultBranchsCachesButNotAnotherBranchs() throws Exception {
        WorkflowRun main = run(fixture.tools.id(), "main");
        WorkflowRun feature = run(fixture.tools.id(), "feature/x");
        WorkflowRun other = run(fixture.tools.id(), "other");
        CacheEntry fromMain = caches.save(main.id(), "k", "v", bytes("main")).orElseThrow();
        assertThat(fromMain.ref()).isEqualTo("refs/heads/main");
        CacheEntry fromFeature = caches.save(feature.id(), "k", "v", bytes("feature")).orElseThrow();
        assertThat(fromFeature.ref()).isEqualTo("refs/heads/feature/x");

        assertThat(caches.restore(feature.id(), "k", List.of(), "v")).map(CacheEntry::id).contains(fromFeature.id());
        assertThat(caches.restore(other.id(), "k", List.of(), "v")).map(CacheEntry::id).contains(fromMain.id());
        CacheEntry featureOnly = caches.save(feature.id(), "only-feature", "v", bytes("f")).orElseThrow();
        assertThat(caches.restore(main.id(), "only-feature", List.of("only-"), "v")).isEmpty();
        assertThat(caches.restore(feature.id(), "only-feature", List.of(), "v")).map(CacheEntry::id)
                .contains(featureOnly.id());
        // another repository sees nothing of these
        WorkflowRun hidden = run(fixture.hidden.id(), "main");
        assertThat(caches.restore(hidden.id(), "k", List.of(""), "v")).isEmpty();
    }

    @Test
    void entriesOverTheRepositoryCapAreEvictedLeastRecentlyUsedFirst() throws Exception {
        WorkflowRun main = run(fixture.tools.id(), "main");
        String fourHundred = "x".repeat(400);
        CacheEntry a = caches.save(main.id(), "a", "v", bytes(fourHundred + "a")).orElseThrow();
        Thread.sleep(5);
        CacheEntry b = caches.save(main.id(), "b", "v", bytes(fourHundred + "b")).orElseThrow();
        Thread.sleep(5);
        caches.restore(main.id(), "a", List.of(), "v"); // a is now the most recently used
        Thread.sleep(5);
        CacheEntry c = caches.save(main.id(), "c", "v", bytes(fourHundred + "c")).orElseThrow();

        assertThat(caches.list(fixture.tools.id(), null, null, 1, 30).caches()).extracting(CacheEntry::key)
                .containsExactly("c", "a");
        assertThat(caches.usage(fixture.tools.id())).isEqualTo(new CiCaches.Usage(2, a.sizeInBytes()
                + c.sizeInBytes()));
        assertThat(caches.open(b.id())).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRestViewsAnswerInGitHubsShapesAndFollowTheRepositoryPermissions() throws Exception {
        WorkflowRun run = run(fixture.tools.id(), "main");
        Artifact artifact = artifacts.upload(run.id(), "dist", bytes("zip bytes"), 0, false);
        WorkflowRun hiddenRun = run(fixture.hidden.id(), "main");
        Artifact secret = artifacts.upload(hiddenRun.id(), "secret", bytes("secret bytes"), 0, false);
        var anonymous = CiFixture.request(io.codara.api.security.Principal.ANONYMOUS);
        var bob = CiFixture.request(CiFixture.BOB);
        var carol = CiFixture.request(CiFixture.CAROL);
        var dave = CiFixture.request(CiFixture.DAVE);

        Response listed = views.artifacts("alice", "tools", null, null, null, anonymous,
                CiFixture.uri("repos/alice/tools/actions/artifacts"));
        Map<String, Object> body = (Map<String, Object>) ((PagedObject) listed.getEntity()).body();
        assertThat(body.get("total_count")).isEqualTo(1L);
        Map<String, Object> json = ((List<Map<String, Object>>) body.get("artifacts")).get(0);
        assertThat(json).containsEntry("id", artifact.id()).containsEntry("name", "dist")
                .containsEntry("size_in_bytes", 9L).containsEntry("expired", false)
                .containsEntry("url", "http://codara.test/api/v3/repos/alice/tools/actions/artifacts/"
                        + artifact.id())
                .containsEntry("archive_download_url", "http://codara.test/api/v3/repos/alice/tools/actions/"
                        + "artifacts/" + artifact.id() + "/zip")
                .containsKeys("node_id", "created_at", "expires_at", "updated_at");
        assertThat((Map<String, Object>) json.get("workflow_run")).containsEntry("id", run.id())
                .containsEntry("head_branch", "main").containsEntry("head_sha", fixture.second);
        Response ofRun = views.runArtifacts("alice", "tools", run.id(), null, null, null, anonymous,
                CiFixture.uri("x"));
        assertThat(((Map<String, Object>) ((PagedObject) ofRun.getEntity()).body()).get("total_count"))
                .isEqualTo(1);

        Response zip = views.download("alice", "tools", artifact.id(), anonymous);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((StreamingOutput) zip.getEntity()).write(out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("zip bytes");
        assertThat(zip.getMediaType().toString()).isEqualTo("application/zip");

        // a private repository's artifacts are a 404 to those without a role, also by id through another repository
        assertThat(refusal(() -> views.artifact("alice", "hidden", secret.id(), bob, CiFixture.uri("x"))).status())
                .isEqualTo(404);
        assertThat(refusal(() -> views.artifact("alice", "tools", secret.id(), carol, CiFixture.uri("x")))
                .status()).isEqualTo(404);
        assertThat(views.artifact("alice", "hidden", secret.id(), carol, CiFixture.uri("x")))
                .containsEntry("name", "secret");
        // deleting needs write
        assertThat(refusal(() -> views.deleteArtifact("alice", "tools", artifact.id(), carol)).status())
                .isEqualTo(403);
        assertThat(views.deleteArtifact("alice", "tools", artifact.id(), dave).getStatus()).isEqualTo(204);
        assertThat(refusal(() -> views.artifact("alice", "tools", artifact.id(), dave, CiFixture.uri("x")))
                .status()).isEqualTo(404);

        // an expired artifact is listed as expired and its archive is gone
        Artifact gone = artifacts.upload(run.id(), "gone", bytes("gone"), 0, false);
        Artifacts.expireIn(artifacts, gone.id(), java.time.Duration.ofMillis(-1));
        artifacts.expire();
        assertThat(views.artifact("alice", "tools", gone.id(), carol, CiFixture.uri("x")))
                .containsEntry("expired", true);
        assertThat(refusal(() -> {
            try {
                views.download("alice", "tools", gone.id(), carol);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).status()).isEqualTo(410);

        // caches
        caches.save(run.id(), "npm-abc", "v", bytes("cache")).orElseThrow();
        caches.save(run.id(), "maven-abc", "v", bytes("cache 2")).orElseThrow();
        Response listedCaches = views.caches("alice", "tools", "npm-", null, null, null, carol);
        Map<String, Object> cacheBody = (Map<String, Object>) ((PagedObject) listedCaches.getEntity()).body();
        assertThat(cacheBody.get("total_count")).isEqualTo(1L);
        assertThat(((List<Map<String, Object>>) cacheBody.get("actions_caches")).get(0))
                .containsEntry("key", "npm-abc").containsEntry("ref", "refs/heads/main")
                .containsEntry("size_in_bytes", 5L).containsKeys("id", "version", "last_accessed_at", "created_at");
        assertThat(views.cacheUsage("alice", "tools", carol)).containsEntry("full_name", "alice/tools")
                .containsEntry("active_caches_count", 2L).containsEntry("active_caches_size_in_bytes", 12L);
        assertThat(refusal(() -> views.cacheUsage("alice", "hidden", bob)).status()).isEqualTo(404);
        assertThat(refusal(() -> views.deleteCaches("alice", "tools", "npm-abc", null, carol)).status())
                .isEqualTo(403);
        assertThat(views.deleteCaches("alice", "tools", "npm-abc", null, dave)).containsEntry("total_count", 1);
        assertThat(refusal(() -> views.deleteCaches("alice", "tools", "npm-abc", null, dave)).status())
                .isEqualTo(404);
        long mavenId = caches.list(fixture.tools.id(), "maven", null, 1, 10).caches().get(0).id();
        assertThat(refusal(() -> views.deleteCache("alice", "hidden", mavenId, CiFixture.request(CiFixture.ALICE)))
                .status()).isEqualTo(404);
        assertThat(views.deleteCache("alice", "tools", mavenId, dave).getStatus()).isEqualTo(204);
        assertThat(caches.usage(fixture.tools.id()).count()).isZero();
    }

    @Test
    void aDeletedRepositorysArtifactsAndCachesGoWithTheirArchives() throws Exception {
        WorkflowRun tools = run(fixture.tools.id(), "main");
        WorkflowRun hidden = run(fixture.hidden.id(), "main");
        Artifact gone = artifacts.upload(tools.id(), "dist", bytes("tools only"), 0, false);
        CacheEntry cache = caches.save(tools.id(), "k", "v", bytes("tools cache")).orElseThrow();
        Artifact kept = artifacts.upload(hidden.id(), "dist", bytes("hidden"), 0, false);

        assertThat(new io.codara.ci.internal.artifacts.ArtifactCleanup(new CiSchema(), fixture.database, blobs)
                .forget(fixture.tools.id())).isEqualTo(2);
        assertThat(artifacts.find(gone.id())).isEmpty();
        assertThat(blobs.stat(gone.digest().substring(7))).isEmpty();
        assertThat(caches.open(cache.id())).isEmpty();
        assertThat(read(artifacts.open(kept.id()).orElseThrow())).isEqualTo("hidden");
    }

    private static ApiException refusal(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }

    @SuppressWarnings("unused")
    private void sql(String statement) throws Exception {
        try (Connection c = fixture.database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(statement)) {
            s.execute();
        }
    }
}
