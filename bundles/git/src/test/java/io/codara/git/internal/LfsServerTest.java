package io.codara.git.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
import io.codara.api.security.Decision;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;
import io.codara.api.storage.EventOutbox;
import io.codara.testing.EmbeddedDatabase;

/**
 * Git LFS without Karaf: {@link GitHttpServlet} (which routes LFS to {@link LfsServer}) in an embedded Jetty behind a
 * stand-in for Codara's authentication (HTTP Basic, any password), on a real PostgreSQL, driven by the real
 * {@code git} and {@code git-lfs} clients and by plain HTTP. Owners are admins of their repositories; {@code carol}
 * may write to the repositories listed in {@link #writers}; everybody reads public ones. The LFS size limit is
 * 1 MiB, git's own file limit 128 KiB (so what git alone would refuse goes through LFS).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LfsServerTest {

    private static final long MAX_OBJECT = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path temp;
    private EmbeddedDatabase database;
    private GitDirectories directories;
    private final Map<String, Repository> repositories = new ConcurrentHashMap<>();
    private final Set<String> writers = ConcurrentHashMap.newKeySet();
    private Server server;
    private String base;
    private GitCli git;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start(@TempDir Path temp) throws Exception {
        this.temp = temp;
        database = EmbeddedDatabase.create("git");
        directories = new GitDirectories(temp.resolve("repos"));
        Files.createDirectories(temp.resolve("home"));
        git = new GitCli(temp.resolve("home"));
        git.run(temp, "lfs", "install", "--skip-repo").ok();

        Repositories repos = lookup();
        LfsServer lfs = new LfsServer(repos, this::decide, database, new LfsObjectStore(temp.resolve("lfs")), MAX_OBJECT);
        // No protection rules here (see ProtectionOverHttpTest); the hook still runs on every push.
        PushProtection protection = new PushProtection(new PostgresBranchProtections(new GitSchema(), database,
                org.mockito.Mockito.mock(io.codara.api.identity.Accounts.class),
                org.mockito.Mockito.mock(io.codara.api.identity.Organizations.class), new NoOutbox(),
                org.mockito.Mockito.mock(io.codara.api.audit.AuditLog.class)), this::decide,
                org.mockito.Mockito.mock(io.codara.api.identity.Organizations.class),
                new CommitSignatures(org.mockito.Mockito.mock(io.codara.api.auth.SignatureVerifier.class)));
        GitHttpServlet servlet = new GitHttpServlet(repos, this::decide, directories, database, new NoOutbox(),
                new PushLimits(4 * 1024 * 1024, 128 * 1024), lfs, protection, new CloneTraffic(new GitSchema(), database));
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(new FilterHolder(authentication()), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(servlet), "/");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterAll
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void gitLfsPushesAndAnotherCloneGetsTheRealContent() throws Exception {
        Repository repo = repository("alice", "lfs-media", Visibility.PRIVATE);
        Path work = temp.resolve("media-alice");
        git.run(temp, "clone", url("alice", repo), work.toString()).ok();
        git.run(work, "lfs", "track", "*.bin").ok();
        byte[] big = random(300 * 1024, 1);
        byte[] small = random(10, 2);
        GitCli.write(work.resolve("assets/big.bin"), big);
        GitCli.write(work.resolve("small.bin"), small);
        GitCli.write(work.resolve("README.md"), "# media\n");
        git.run(work, "add", "-A").ok();
        git.run(work, "commit", "-q", "-m", "media").ok();
        git.run(work, "push", "origin", "main").ok();

        String bigOid = sha256(big);
        Path stored = temp.resolve("lfs").resolve(bigOid.substring(0, 2)).resolve(bigOid.substring(2, 4)).resolve(bigOid);
        assertThat(stored).hasBinaryContent(big);
        assertThat(database.query("SELECT size FROM git.lfs_objects WHERE repository_id = ? AND oid = ?", repo.id(), bigOid))
                .isEqualTo((long) big.length);
        try (Stream<Path> leftovers = Files.list(temp.resolve("lfs/tmp"))) {
            assertThat(leftovers).as("no temporary file is left behind").isEmpty();
        }
        assertThat(git.run(directories.directory(repo.id()), "cat-file", "-p", "HEAD:assets/big.bin").ok().out())
                .as("git holds the pointer, not the content").startsWith("version https://git-lfs.github.com/spec/v1")
                .contains("oid sha256:" + bigOid).contains("size " + big.length);

        Path clone = temp.resolve("media-clone");
        GitCli.Result cloned = git.run(temp, "clone", url("alice", repo), clone.toString()).ok();
        assertThat(clone.resolve("assets/big.bin")).hasBinaryContent(big);
        assertThat(clone.resolve("small.bin")).hasBinaryContent(small);
        assertThat(git.run(clone, "lfs", "ls-files").ok().out()).contains("assets/big.bin").contains("small.bin");
        assertThat(cloned.err()).doesNotContain("error");

        // A second push of the same objects uploads nothing (the batch answer has no actions for them): an upload
        // would have moved a new file into place.
        Object inode = Files.getAttribute(stored, "unix:ino");
        GitCli.write(work.resolve("README.md"), "# media, again\n");
        git.run(work, "commit", "-q", "-am", "readme").ok();
        git.run(work, "push", "--no-verify", "origin", "main").ok();
        git.run(work, "lfs", "push", "--all", "origin").ok();
        assertThat(Files.getAttribute(stored, "unix:ino")).isEqualTo(inode);

        // Locks through the real client; the push verifies them (locks/verify) and goes through for their owner.
        git.run(work, "lfs", "lock", "assets/big.bin").ok();
        assertThat(git.run(clone, "lfs", "locks").ok().out()).contains("assets/big.bin").contains("alice");
        GitCli.write(work.resolve("assets/big.bin"), random(200 * 1024, 3));
        git.run(work, "commit", "-q", "-am", "new big").ok();
        GitCli.Result lockedPush = git.run(work, "push", "origin", "main").ok();
        assertThat(lockedPush.err()).doesNotContain("Remote \"origin\" does not support the Git LFS locking API");
        git.run(work, "lfs", "unlock", "assets/big.bin").ok();
        assertThat(git.run(clone, "lfs", "locks").ok().out()).doesNotContain("assets/big.bin");
        git.run(clone, "pull", "-q", "--ff-only").ok();
        assertThat(clone.resolve("assets/big.bin")).hasBinaryContent(random(200 * 1024, 3));
    }

    @Test
    void privateObjectsAreNeitherListedNorServedToOthersAndGuessedOidsAre404() throws Exception {
        Repository vault = repository("alice", "lfs-vault", Visibility.PRIVATE);
        Repository bobs = repository("bob", "lfs-bobs", Visibility.PUBLIC);
        byte[] secret = random(4096, 10);
        String oid = sha256(secret);
        assertThat(put(vault, "alice", oid, secret).statusCode()).isEqualTo(200);
        assertThat(get(vault, "alice", oid).body()).isEqualTo(secret);

        HttpResponse<String> anonymous = batch(vault, null, "download", object(oid, secret.length));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("LFS-Authenticate")).contains("Basic realm=\"Codara\"");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"Codara\"");
        assertThat(anonymous.headers().firstValue("Content-Type")).contains(LfsServer.MEDIA_TYPE);
        assertThat(json(anonymous).path("message").asText()).isNotEmpty();
        assertThat(json(anonymous).path("documentation_url").asText()).startsWith("https://github.com/git-lfs/");
        assertThat(get(vault, null, oid).statusCode()).isEqualTo(401);

        assertThat(batch(vault, "bob", "download", object(oid, secret.length)).statusCode()).isEqualTo(404);
        assertThat(get(vault, "bob", oid).statusCode()).isEqualTo(404);
        assertThat(batch(repositoryNamed("alice", "lfs-nothing-here"), "bob", "download", object(oid, 1)).statusCode()).isEqualTo(404);

        // Bob's own repository does not serve the object although the store has it.
        JsonNode guessed = json(batch(bobs, "bob", "download", object(oid, secret.length))).path("objects").get(0);
        assertThat(guessed.path("error").path("code").asInt()).isEqualTo(404);
        assertThat(guessed.has("actions")).isFalse();
        HttpResponse<byte[]> direct = get(bobs, "bob", oid);
        assertThat(direct.statusCode()).isEqualTo(404);
        assertThat(new String(direct.body(), StandardCharsets.UTF_8)).contains("\"message\"");
        assertThat(get(bobs, null, oid).statusCode()).isEqualTo(404);
        HttpResponse<String> verify = post(bobs, "bob", "/objects/verify", "{\"oid\":\"" + oid + "\",\"size\":" + secret.length + "}");
        assertThat(verify.statusCode()).isEqualTo(404);
        // Nor does asking to upload it make it his: the batch asks for the content.
        JsonNode claim = json(batch(bobs, "bob", "upload", object(oid, secret.length))).path("objects").get(0);
        assertThat(claim.path("actions").has("upload")).isTrue();
        assertThat(get(bobs, "bob", oid).statusCode()).isEqualTo(404);
        // ... and a wrong body for it is refused, leaving it unserved.
        assertThat(put(bobs, "bob", oid, random(4096, 11)).statusCode()).isEqualTo(422);
        assertThat(get(bobs, "bob", oid).statusCode()).isEqualTo(404);
        assertThat(get(vault, "alice", oid).body()).as("the stored object is untouched").isEqualTo(secret);
    }

    @Test
    void publicObjectsAreReadByAnyoneAndWrittenOnlyWithWriteAccess() throws Exception {
        Repository open = repository("alice", "lfs-open", Visibility.PUBLIC);
        byte[] content = random(2048, 20);
        String oid = sha256(content);

        HttpResponse<String> plan = batch(open, "alice", "upload", object(oid, content.length));
        assertThat(plan.statusCode()).isEqualTo(200);
        assertThat(plan.headers().firstValue("Content-Type")).contains(LfsServer.MEDIA_TYPE);
        JsonNode answer = json(plan);
        assertThat(answer.path("transfer").asText()).isEqualTo("basic");
        JsonNode actions = answer.path("objects").get(0).path("actions");
        assertThat(actions.path("upload").path("href").asText()).isEqualTo(base + "/alice/lfs-open.git/info/lfs/objects/" + oid);
        assertThat(actions.path("verify").path("href").asText()).isEqualTo(base + "/alice/lfs-open.git/info/lfs/objects/verify");
        String verifyBody = "{\"oid\":\"" + oid + "\",\"size\":" + content.length + "}";
        assertThat(post(open, "alice", "/objects/verify", verifyBody).statusCode()).as("not uploaded yet").isEqualTo(404);
        assertThat(put(open, "alice", oid, content).statusCode()).isEqualTo(200);
        assertThat(post(open, "alice", "/objects/verify", verifyBody).statusCode()).isEqualTo(200);
        assertThat(post(open, "alice", "/objects/verify", "{\"oid\":\"" + oid + "\",\"size\":1}").statusCode()).isEqualTo(404);

        JsonNode download = json(batch(open, null, "download", object(oid, content.length))).path("objects").get(0);
        assertThat(download.path("actions").path("download").path("href").asText())
                .isEqualTo(base + "/alice/lfs-open.git/info/lfs/objects/" + oid);
        assertThat(get(open, null, oid).body()).isEqualTo(content);
        assertThat(get(open, "bob", oid).body()).isEqualTo(content);
        JsonNode again = json(batch(open, "alice", "upload", object(oid, content.length))).path("objects").get(0);
        assertThat(again.has("actions")).as("nothing to upload twice").isFalse();

        HttpResponse<String> bob = batch(open, "bob", "upload", object(oid, content.length));
        assertThat(bob.statusCode()).isEqualTo(403);
        assertThat(json(bob).path("message").asText()).isEqualTo("Permission to alice/lfs-open.git denied to bob.");
        assertThat(put(open, "bob", oid, content).statusCode()).isEqualTo(403);
        assertThat(batch(open, null, "upload", object(oid, content.length)).statusCode()).isEqualTo(401);
        assertThat(put(open, null, oid, content).statusCode()).isEqualTo(401);

        Repository attic = repository("alice", "lfs-attic", Visibility.PUBLIC);
        assertThat(put(attic, "alice", oid, content).statusCode()).isEqualTo(200);
        attic = archive(attic);
        HttpResponse<String> archived = batch(attic, "alice", "upload", object(oid, content.length));
        assertThat(archived.statusCode()).isEqualTo(403);
        assertThat(json(archived).path("message").asText()).isEqualTo(GitAccess.ARCHIVED);
        assertThat(get(attic, "alice", oid).body()).as("archived repositories are still read").isEqualTo(content);
    }

    @Test
    void aForkServesTheObjectsOfTheRepositoriesItWasForkedFromAndNoOthers() throws Exception {
        Repository parent = repository("alice", "lfs-upstream", Visibility.PUBLIC);
        byte[] content = random(2000, 41);
        String oid = sha256(content);
        assertThat(put(parent, "alice", oid, content).statusCode()).isEqualTo(200);
        Repository fork = repository("bob", "lfs-upstream", Visibility.PUBLIC);
        Repository forkOfFork = repository("carol", "lfs-upstream", Visibility.PUBLIC);
        Repository stranger = repository("bob", "lfs-stranger", Visibility.PUBLIC);
        database.query("UPDATE git.repositories SET parent_id = ? WHERE id = ? RETURNING id", parent.id(), fork.id());
        database.query("UPDATE git.repositories SET parent_id = ? WHERE id = ? RETURNING id", fork.id(), forkOfFork.id());

        for (Repository borrower : List.of(fork, forkOfFork)) {
            JsonNode download = json(batch(borrower, "bob", "download", object(oid, content.length))).path("objects").get(0);
            assertThat(download.path("actions").has("download")).as(borrower.fullName()).isTrue();
            assertThat(get(borrower, "bob", oid).body()).as(borrower.fullName()).isEqualTo(content);
            JsonNode upload = json(batch(borrower, borrower.owner(), "upload", object(oid, content.length))).path("objects").get(0);
            assertThat(upload.has("actions")).as("a fork need not upload what its parent holds").isFalse();
        }
        JsonNode unrelated = json(batch(stranger, "bob", "download", object(oid, content.length))).path("objects").get(0);
        assertThat(unrelated.path("error").path("code").asInt()).isEqualTo(404);
        assertThat(get(stranger, "bob", oid).statusCode()).isEqualTo(404);
        JsonNode upwards = json(batch(parent, "alice", "download", object(sha256(random(10, 42)), 10))).path("objects").get(0);
        assertThat(upwards.path("error").path("code").asInt()).isEqualTo(404);
    }

    @Test
    void badOidsSizesAndBodiesAreRefusedAndNothingIsKept() throws Exception {
        Repository repo = repository("alice", "lfs-strict", Visibility.PUBLIC);
        byte[] content = random(1000, 30);
        String oid = sha256(content);

        JsonNode objects = json(batch(repo, "alice", "upload", "{\"oid\":\"" + oid.toUpperCase(Locale.ROOT) + "\",\"size\":1}",
                "{\"oid\":\"../../etc/passwd\",\"size\":1}", "{\"oid\":\"" + oid + "\",\"size\":-1}",
                "{\"oid\":\"" + oid + "\",\"size\":\"12\"}", "{\"oid\":\"" + oid + "\",\"size\":" + (MAX_OBJECT + 1) + "}",
                "{\"oid\":\"" + oid + "\",\"size\":" + content.length + "}")).path("objects");
        assertThat(objects).hasSize(6);
        for (int i = 0; i < 4; i++) {
            assertThat(objects.get(i).path("error").path("code").asInt()).as(objects.get(i).toString()).isEqualTo(422);
            assertThat(objects.get(i).has("actions")).isFalse();
        }
        assertThat(objects.get(4).path("error").path("code").asInt()).isEqualTo(413);
        assertThat(objects.get(4).path("error").path("message").asText()).contains("size limit");
        assertThat(objects.get(5).has("error")).isFalse();

        HttpResponse<String> wrongHash = putString(repo, "alice", oid, random(1000, 31));
        assertThat(wrongHash.statusCode()).isEqualTo(422);
        assertThat(json(wrongHash).path("message").asText()).contains("SHA-256");
        assertThat(putString(repo, "alice", oid, new byte[999]).statusCode()).isEqualTo(422);
        assertThat(curlPut(repo, "alice", oid, new byte[(int) MAX_OBJECT + 1])).isEqualTo(413);
        assertThat(Files.exists(new LfsObjectStore(temp.resolve("lfs")).path(oid))).as("nothing was kept").isFalse();
        assertThat(database.query("SELECT count(*) FROM git.lfs_objects WHERE oid = ?", oid)).isEqualTo(0L);
        assertThat(get(repo, "alice", oid).statusCode()).isEqualTo(404);

        assertThat(post(repo, "alice", "/objects/batch", "not json").statusCode()).isEqualTo(422);
        assertThat(post(repo, "alice", "/objects/batch", "[]").statusCode()).isEqualTo(422);
        assertThat(post(repo, "alice", "/objects/batch", "{\"operation\":\"delete\",\"objects\":[]}").statusCode()).isEqualTo(422);
        assertThat(post(repo, "alice", "/objects/batch", "{\"operation\":\"download\"}").statusCode()).isEqualTo(422);
        assertThat(post(repo, "alice", "/objects/batch", "{\"operation\":\"download\",\"objects\":[],\"hash_algo\":\"sha512\"}")
                .statusCode()).isEqualTo(409);
        assertThat(post(repo, "alice", "/objects/batch", "{\"operation\":\"download\",\"objects\":[],\"transfers\":[\"tus\"]}")
                .statusCode()).isEqualTo(422);
        assertThat(post(repo, "alice", "/objects/verify", "{\"oid\":\"xyz\",\"size\":1}").statusCode()).isEqualTo(422);

        // Not LFS URLs at all: the JSON 404 of everything else.
        for (String path : List.of("/objects/" + oid.substring(1), "/objects/" + oid.toUpperCase(Locale.ROOT), "/objects/batch/",
                "/objects/%2e%2e", "/objects/../objects/batch", "/locks/0/unlock", "/locks/x/unlock", "/objectz/batch")) {
            HttpResponse<String> response = post(repo, "alice", path, "{}");
            assertThat(response.statusCode()).as(path).isIn(400, 404);
        }
        assertThat(get(repo, "alice", oid.substring(0, 63) + "g").statusCode()).isEqualTo(404);
    }

    @Test
    void locksAreCreatedListedVerifiedAndRemovedByTheirOwnerOrAnAdministratorWithForce() throws Exception {
        Repository repo = repository("alice", "lfs-locks", Visibility.PUBLIC);
        writers.add(repo.fullName());

        HttpResponse<String> created = post(repo, "carol", "/locks", "{\"path\":\"art/logo.psd\",\"ref\":{\"name\":\"refs/heads/main\"}}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode lock = json(created).path("lock");
        String id = lock.path("id").asText();
        assertThat(lock.path("path").asText()).isEqualTo("art/logo.psd");
        assertThat(lock.path("owner").path("name").asText()).isEqualTo("carol");
        assertThat(Instant.parse(lock.path("locked_at").asText())).isBeforeOrEqualTo(Instant.now());

        HttpResponse<String> conflict = post(repo, "alice", "/locks", "{\"path\":\"art/logo.psd\"}");
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(json(conflict).path("lock").path("id").asText()).isEqualTo(id);
        assertThat(json(conflict).path("message").asText()).isEqualTo("already created lock");

        assertThat(post(repo, "bob", "/locks", "{\"path\":\"b.psd\"}").statusCode()).as("readers may not lock").isEqualTo(403);
        assertThat(post(repo, null, "/locks", "{\"path\":\"b.psd\"}").statusCode()).isEqualTo(401);
        assertThat(post(repo, "alice", "/locks", "{\"path\":\"\"}").statusCode()).isEqualTo(422);
        assertThat(post(repo, "alice", "/locks", "{\"path\":\"/etc/passwd\"}").statusCode()).isEqualTo(422);
        assertThat(post(repo, "alice", "/locks", "{\"path\":\"a\\nb\"}").statusCode()).isEqualTo(422);

        for (String path : List.of("b.psd", "c.psd", "d.psd")) {
            assertThat(post(repo, "alice", "/locks", "{\"path\":\"" + path + "\"}").statusCode()).isEqualTo(201);
        }
        JsonNode all = json(getString(repo, "bob", "/locks"));
        assertThat(all.path("locks")).hasSize(4);
        assertThat(all.has("next_cursor")).isFalse();
        assertThat(json(getString(repo, null, "/locks?path=art/logo.psd")).path("locks").get(0).path("id").asText()).isEqualTo(id);
        assertThat(json(getString(repo, "bob", "/locks?id=" + id)).path("locks")).hasSize(1);
        JsonNode first = json(getString(repo, "bob", "/locks?limit=3"));
        assertThat(first.path("locks")).hasSize(3);
        JsonNode rest = json(getString(repo, "bob", "/locks?limit=3&cursor=" + first.path("next_cursor").asText()));
        assertThat(rest.path("locks")).hasSize(1);
        assertThat(rest.path("locks").get(0).path("path").asText()).isEqualTo("d.psd");
        assertThat(getString(repo, "bob", "/locks?limit=x").statusCode()).isEqualTo(422);
        assertThat(getString(repo, "bob", "/locks?cursor=-1").statusCode()).isEqualTo(422);

        JsonNode carol = json(post(repo, "carol", "/locks/verify", "{\"ref\":{\"name\":\"refs/heads/main\"}}"));
        assertThat(carol.path("ours")).hasSize(1);
        assertThat(carol.path("theirs")).hasSize(3);
        JsonNode alice = json(post(repo, "alice", "/locks/verify", "{\"limit\":2}"));
        assertThat(alice.path("ours")).hasSize(1);
        assertThat(alice.path("theirs")).hasSize(1);
        assertThat(alice.path("next_cursor").asText()).isNotEmpty();
        assertThat(post(repo, "bob", "/locks/verify", "{}").statusCode()).isEqualTo(403);

        String aliceLock = json(getString(repo, "bob", "/locks?path=b.psd")).path("locks").get(0).path("id").asText();
        assertThat(post(repo, "carol", "/locks/" + aliceLock + "/unlock", "{}").statusCode()).isEqualTo(403);
        HttpResponse<String> notAdmin = post(repo, "carol", "/locks/" + aliceLock + "/unlock", "{\"force\":true}");
        assertThat(notAdmin.statusCode()).isEqualTo(403);
        assertThat(json(notAdmin).path("message").asText()).contains("administrators");
        HttpResponse<String> forced = post(repo, "alice", "/locks/" + id + "/unlock", "{\"force\":true}");
        assertThat(forced.statusCode()).isEqualTo(200);
        assertThat(json(forced).path("lock").path("path").asText()).isEqualTo("art/logo.psd");
        assertThat(post(repo, "alice", "/locks/" + id + "/unlock", "{}").statusCode()).isEqualTo(404);
        assertThat(post(repo, "alice", "/locks/" + aliceLock + "/unlock", "{}").statusCode()).isEqualTo(200);
        assertThat(json(getString(repo, "bob", "/locks")).path("locks")).hasSize(2);

        // Another repository's lock ids are not this repository's.
        Repository other = repository("alice", "lfs-locks-other", Visibility.PUBLIC);
        String remaining = json(getString(repo, "bob", "/locks")).path("locks").get(0).path("id").asText();
        assertThat(post(other, "alice", "/locks/" + remaining + "/unlock", "{\"force\":true}").statusCode()).isEqualTo(404);
        assertThat(json(getString(repo, "bob", "/locks")).path("locks")).hasSize(2);
    }

    // ---- helpers

    private Repository repository(String owner, String name, Visibility visibility) throws Exception {
        long id = (Long) database.query("INSERT INTO git.repositories (owner_login, owner_type, name, visibility, default_branch) "
                + "VALUES (?, 'User', ?, ?, 'main') RETURNING id", owner, name, visibility.name());
        directories.create(id, "main").close();
        Repository repo = new Repository(id, owner, name, null, null, List.of(), visibility, "main", false, false, null,
                Instant.now(), Instant.now(), null);
        repositories.put(repo.fullName().toLowerCase(Locale.ROOT), repo);
        return repo;
    }

    /** A repository that does not exist, for URLs. */
    private static Repository repositoryNamed(String owner, String name) {
        return new Repository(Long.MAX_VALUE, owner, name, null, null, List.of(), Visibility.PUBLIC, "main", false, false,
                null, Instant.now(), Instant.now(), null);
    }

    private Repository archive(Repository repo) {
        Repository archived = new Repository(repo.id(), repo.owner(), repo.name(), null, null, List.of(), repo.visibility(),
                repo.defaultBranch(), true, false, null, repo.createdAt(), repo.updatedAt(), repo.pushedAt());
        repositories.put(repo.fullName().toLowerCase(Locale.ROOT), archived);
        return archived;
    }

    private String url(String login, Repository repo) {
        return base.replace("http://", "http://" + login + ":pw@") + "/" + repo.fullName() + ".git";
    }

    private static String object(String oid, long size) {
        return "{\"oid\":\"" + oid + "\",\"size\":" + size + "}";
    }

    private HttpResponse<String> batch(Repository repo, String login, String operation, String... objects) throws Exception {
        return post(repo, login, "/objects/batch", "{\"operation\":\"" + operation + "\",\"transfers\":[\"basic\"],"
                + "\"ref\":{\"name\":\"refs/heads/main\"},\"objects\":[" + String.join(",", objects) + "],\"hash_algo\":\"sha256\"}");
    }

    private HttpResponse<String> post(Repository repo, String login, String path, String body) throws Exception {
        HttpRequest.Builder request = request(repo, login, path).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", LfsServer.MEDIA_TYPE).header("Accept", LfsServer.MEDIA_TYPE);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> getString(Repository repo, String login, String path) throws Exception {
        return http.send(request(repo, login, path).GET().header("Accept", LfsServer.MEDIA_TYPE).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> get(Repository repo, String login, String oid) throws Exception {
        return http.send(request(repo, login, "/objects/" + oid).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> put(Repository repo, String login, String oid, byte[] content) throws Exception {
        return putString(repo, login, oid, content);
    }

    private HttpResponse<String> putString(Repository repo, String login, String oid, byte[] content) throws Exception {
        return http.send(request(repo, login, "/objects/" + oid).PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                .header("Content-Type", "application/octet-stream").build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A PUT by curl, which says {@code Expect: 100-continue} for a large body, so a server that refuses it answers
     * before the body is sent. The JDK's client writes the body into a connection the server has already answered
     * and closed, and now and then reads no answer at all ("header parser received no bytes").
     */
    private int curlPut(Repository repo, String login, String oid, byte[] content) throws Exception {
        Path body = Files.createTempFile(temp, "put", ".bin");
        Files.write(body, content);
        Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "60", "-o", "/dev/null", "-w", "%{http_code}",
                "-X", "PUT", "-u", login + ":pw", "-H", "Content-Type: application/octet-stream",
                "--data-binary", "@" + body, base + LfsPath.prefix(repo.fullName()) + "/objects/" + oid)
                .redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(curl.waitFor()).as(out).isZero();
        return Integer.parseInt(out);
    }

    private HttpRequest.Builder request(Repository repo, String login, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + LfsPath.prefix(repo.fullName()) + path));
        if (login != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((login + ":pw").getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Owners are admins; carol writes where {@link #writers} says; public repositories are read by all. */
    private Decision decide(Principal principal, String action, ResourceRef resource) {
        Repository repo = repositories.get(resource.id().toLowerCase(Locale.ROOT));
        if (repo == null) {
            return Decision.NOT_FOUND;
        }
        boolean owner = repo.owner().equals(principal.login());
        boolean writer = "carol".equals(principal.login()) && writers.contains(repo.fullName());
        if (!owner && !writer && repo.visibility() != Visibility.PUBLIC) {
            return Decision.NOT_FOUND;
        }
        return switch (action) {
            case "read" -> Decision.ALLOW;
            case "write" -> owner || writer ? Decision.ALLOW : Decision.FORBIDDEN;
            default -> owner ? Decision.ALLOW : Decision.FORBIDDEN;
        };
    }

    private static Filter authentication() {
        return (request, response, chain) -> {
            String header = ((HttpServletRequest) request).getHeader("Authorization");
            if (header != null && header.startsWith("Basic ")) {
                String[] credentials = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8).split(":", 2);
                if (credentials[1].equals("wrong")) {
                    ((HttpServletResponse) response).sendError(401);
                    return;
                }
                request.setAttribute(Principal.REQUEST_ATTRIBUTE, new Principal(credentials[0], false, null));
            }
            chain.doFilter(request, response);
        };
    }

    /** The repositories the LFS server looks up, answered from {@link #repositories}; it calls nothing else. */
    private Repositories lookup() {
        Repositories lookup = org.mockito.Mockito.mock(Repositories.class);
        org.mockito.Mockito.when(lookup.find(org.mockito.ArgumentMatchers.anyString(), org.mockito.ArgumentMatchers.anyString()))
                .thenAnswer(call -> Optional.ofNullable(repositories.get(
                        (call.getArgument(0) + "/" + call.getArgument(1)).toLowerCase(Locale.ROOT))));
        org.mockito.Mockito.when(lookup.resolve(org.mockito.ArgumentMatchers.anyString(), org.mockito.ArgumentMatchers.anyString()))
                .thenAnswer(call -> lookup.find((String) call.getArgument(0), (String) call.getArgument(1)));
        org.mockito.Mockito.when(lookup.find(org.mockito.ArgumentMatchers.anyLong()))
                .thenAnswer(call -> repositories.values().stream().filter(r -> r.id() == (long) call.getArgument(0)).findFirst());
        return lookup;
    }

    /** Pushes here are only the carriers of LFS pointers: their events are someone else's test. */
    private static final class NoOutbox implements EventOutbox {

        @Override
        public long publish(Connection transaction, String topic, Map<String, ?> properties) throws SQLException {
            return 0;
        }

        @Override
        public long publish(String topic, Map<String, ?> properties) {
            return 0;
        }
    }
}
