package io.codara.git.internal;

import io.codara.testing.EmbeddedDatabase;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.codara.api.audit.Actor;
import io.codara.api.event.Topics;
import io.codara.api.git.NewRepository;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.git.RepositoryUpdate;
import io.codara.api.git.Visibility;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.storage.EventOutbox;

/**
 * Git over HTTP without Karaf: {@link GitHttpServlet} in an embedded Jetty, behind a stand-in for Codara's
 * authentication (HTTP Basic, any password but {@code wrong}), on a real PostgreSQL, driven by the real git CLI.
 * {@code alice} owns every repository; {@code bob} may read public ones only. Push limits are small here: 256 KiB
 * packs, 128 KiB files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitHttpServletTest {

    private static final String ZERO = ObjectId.zeroId().name();

    private Path temp;

    private EmbeddedDatabase database;
    private GitDirectories directories;
    private final InMemoryRepositories repositories = new InMemoryRepositories();
    private final RecordingOutbox outbox = new RecordingOutbox();
    private Server server;
    private String base;
    private GitCli git;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start(@TempDir Path temp) throws Exception {
        this.temp = temp;
        database = EmbeddedDatabase.create("git");
        database.execute("CREATE TABLE public.test_outbox (id bigserial PRIMARY KEY, topic text NOT NULL)");
        directories = new GitDirectories(temp.resolve("repos"));
        Files.createDirectories(temp.resolve("home"));
        git = new GitCli(temp.resolve("home"));

        // Protection rules live in the same database; these tests set none (see ProtectionOverHttpTest).
        PushProtection protection = new PushProtection(new PostgresBranchProtections(new GitSchema(), database,
                org.mockito.Mockito.mock(io.codara.api.identity.Accounts.class),
                org.mockito.Mockito.mock(io.codara.api.identity.Organizations.class), outbox,
                org.mockito.Mockito.mock(io.codara.api.audit.AuditLog.class)), this::decide,
                org.mockito.Mockito.mock(io.codara.api.identity.Organizations.class),
                new CommitSignatures(org.mockito.Mockito.mock(io.codara.api.auth.SignatureVerifier.class)));
        GitHttpServlet servlet = new GitHttpServlet(repositories, this::decide, directories, database, outbox,
                new PushLimits(256 * 1024, 128 * 1024), new LfsServer(repositories, this::decide, database,
                        new LfsObjectStore(temp.resolve("lfs")), 1024 * 1024), protection,
                new CloneTraffic(new GitSchema(), database));
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
    void cloneCommitPushCloneAndFetchOverProtocolsV0AndV2() throws Exception {
        Repository repo = repository("flow", Visibility.PUBLIC, false);
        Path first = temp.resolve("flow-first");
        assertThat(git.run(temp, "-c", "protocol.version=0", "clone", url("alice", repo), first.toString()).ok().err())
                .contains("empty repository");

        String one = commit(first, "README.md", "one\n");
        git.run(first, "-c", "protocol.version=0", "push", "origin", "main").ok();
        assertThat(serverRef(repo, "refs/heads/main")).isEqualTo(one);
        assertThat(outbox.events(repo)).containsExactly(push(repo, "refs/heads/main", ZERO, one));
        assertThat(database.query("SELECT pushed_at FROM git.repositories WHERE id = ?", repo.id())).isNotNull();

        String two = commit(first, "README.md", "two\n");
        git.run(first, "-c", "protocol.version=2", "push", "origin", "main").ok();
        assertThat(outbox.events(repo)).containsExactly(push(repo, "refs/heads/main", ZERO, one),
                push(repo, "refs/heads/main", one, two));

        Path v2 = temp.resolve("flow-v2");
        GitCli.Result traced = git.run(temp, Map.of("GIT_TRACE_PACKET", "1"), "-c", "protocol.version=2", "clone",
                url("alice", repo), v2.toString()).ok();
        assertThat(traced.err()).as("the server speaks protocol v2").contains("< version 2").contains("> command=fetch");
        assertThat(head(v2)).isEqualTo(two);
        Path v0 = temp.resolve("flow-v0");
        GitCli.Result v0Trace = git.run(temp, Map.of("GIT_TRACE_PACKET", "1"), "-c", "protocol.version=0", "clone",
                url("alice", repo), v0.toString()).ok();
        assertThat(v0Trace.err()).doesNotContain("< version 2");
        assertThat(head(v0)).isEqualTo(two);

        String three = commit(v2, "src/Main.java", "class Main {}\n");
        git.run(v2, "push", "origin", "main").ok();
        git.run(first, "fetch", "origin").ok();
        assertThat(git.run(first, "rev-parse", "origin/main").ok().out().strip()).isEqualTo(three);
        git.run(first, "-c", "protocol.version=0", "pull", "--ff-only", "origin", "main").ok();
        assertThat(head(first)).isEqualTo(three);

        Path shallow = temp.resolve("flow-shallow");
        git.run(temp, "clone", "--depth", "1", url("alice", repo), shallow.toString()).ok();
        assertThat(git.run(shallow, "rev-list", "--count", "HEAD").ok().out().strip()).isEqualTo("1");
        assertThat(shallow.resolve(".git/shallow")).exists();

        Path partial = temp.resolve("flow-partial");
        git.run(temp, "clone", "--filter=blob:none", url("alice", repo), partial.toString()).ok();
        assertThat(Files.readString(partial.resolve("README.md"))).isEqualTo("two\n");
        assertThat(git.run(partial, "config", "remote.origin.promisor").ok().out().strip()).isEqualTo("true");
        String missing = git.run(partial, "rev-list", "--objects", "--all", "--missing=print").ok().out();
        assertThat(missing).as("older blobs stay on the server until needed").contains("?");
        // Fetching a blob that is not in a tip's tree on demand needs reachability bitmaps: without them JGit
        // only finds blobs of the tips' trees and refuses the rest ("want ... not valid"). Background maintenance
        // (JGit's GC) writes them; here it runs by hand.
        try (org.eclipse.jgit.lib.Repository db = directories.open(repo.id())) {
            org.eclipse.jgit.api.Git.wrap(db).gc().call();
        }
        assertThat(git.run(partial, "show", one + ":README.md").ok().out()).isEqualTo("one\n");

        git.run(first, "fsck", "--strict").ok();
        git.run(v0, "fsck", "--strict").ok();
        git.run(directories.directory(repo.id()), "fsck", "--strict").ok();
    }

    @Test
    void clonesAndFetchesThatSendAPackAreCountedPerDayAndVisitor() throws Exception {
        Repository repo = repository("counted", Visibility.PUBLIC, false);
        seed(repo); // the seed's clone of the empty repository sends no pack: not counted
        CloneTraffic traffic = new CloneTraffic(new GitSchema(), database);
        assertThat(traffic.clones(repo.id(), false, Instant.now()).count()).isZero();

        Path alices = temp.resolve("counted-alice");
        git.run(temp, "-c", "protocol.version=2", "clone", url("alice", repo), alices.toString()).ok();
        Path bobs = temp.resolve("counted-bob");
        git.run(temp, "-c", "protocol.version=0", "clone", url("bob", repo), bobs.toString()).ok();
        git.run(temp, "clone", base + "/alice/counted.git", temp.resolve("counted-anonymous").toString()).ok();
        git.run(alices, "fetch", "origin").ok(); // up to date: no pack
        git.run(temp, "ls-remote", url("bob", repo)).ok(); // refs only
        commit(alices, "NEWS.md", "news\n");
        git.run(alices, "push", "origin", "main").ok();
        git.run(bobs, "-c", "protocol.version=0", "fetch", "origin").ok(); // brings the new commit

        CloneTraffic.Clones daily = traffic.clones(repo.id(), false, Instant.now());
        assertThat(daily.count()).as("three clones and one fetch").isEqualTo(4);
        // git sends credentials only when challenged, and a public repository challenges no one: one address
        assertThat(daily.uniques()).isEqualTo(1);
        assertThat(daily.buckets()).hasSize(CloneTraffic.DAYS);
        CloneTraffic.Bucket today = daily.buckets().get(CloneTraffic.DAYS - 1);
        assertThat(today.start()).isEqualTo(java.time.LocalDate.now(java.time.ZoneOffset.UTC));
        assertThat(today.count()).isEqualTo(4);
        assertThat(database.query("SELECT clones FROM git.clone_traffic WHERE repository_id = ? AND visitor = ?",
                repo.id(), "address:127.0.0.1")).isEqualTo(4L);

        Repository hidden = repository("counted-hidden", Visibility.PRIVATE, false);
        seed(hidden);
        git.run(temp, "clone", url("alice", hidden), temp.resolve("counted-hidden-alice").toString()).ok();
        assertThat(database.query("SELECT clones FROM git.clone_traffic WHERE repository_id = ? AND visitor = ?",
                hidden.id(), "user:alice")).as("a signed-in visitor counts by login").isEqualTo(1L);
        CloneTraffic.Clones weekly = traffic.clones(repo.id(), true, Instant.now());
        assertThat(weekly.count()).isEqualTo(4);
        assertThat(weekly.buckets()).allSatisfy(b -> assertThat(b.start().getDayOfWeek())
                .isEqualTo(java.time.DayOfWeek.MONDAY));
    }

    @Test
    void anonymousCallersCloneWhatIsPublicAndAreAskedToSignInForTheRest() throws Exception {
        Repository open = repository("open", Visibility.PUBLIC, false);
        Repository hidden = repository("hidden", Visibility.PRIVATE, false);
        seed(open);
        seed(hidden);

        git.run(temp, "clone", base + "/alice/open.git", temp.resolve("open-anonymous").toString()).ok();
        git.run(temp, "clone", url("bob", open), temp.resolve("open-bob").toString()).ok();

        GitCli.Result anonymous = git.run(temp, "clone", base + "/alice/hidden.git", temp.resolve("hidden-anonymous").toString());
        assertThat(anonymous.exit()).isNotZero();
        assertThat(anonymous.err()).contains("could not read Username");
        HttpResponse<String> challenge = get("/alice/hidden.git/info/refs?service=git-upload-pack", null);
        assertThat(challenge.statusCode()).isEqualTo(401);
        assertThat(challenge.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"Codara\"");
        assertThat(get("/alice/no-such-repo.git/info/refs?service=git-upload-pack", null).statusCode()).isEqualTo(401);

        GitCli.Result bob = git.run(temp, "clone", url("bob", hidden), temp.resolve("hidden-bob").toString());
        assertThat(bob.exit()).isNotZero();
        assertThat(bob.err()).contains("remote: Repository not found.").contains("not found");
        assertThat(get("/alice/hidden.git/info/refs?service=git-upload-pack", "bob").statusCode()).isEqualTo(404);
        assertThat(get("/alice/no-such-repo.git/info/refs?service=git-upload-pack", "bob").statusCode()).isEqualTo(404);

        GitCli.Result wrong = git.run(temp, "clone", base.replace("http://", "http://alice:wrong@") + "/alice/hidden.git",
                temp.resolve("hidden-wrong").toString());
        assertThat(wrong.err()).contains("Authentication failed");

        git.run(temp, "clone", url("alice", hidden), temp.resolve("hidden-alice").toString()).ok();
    }

    @Test
    void pushesNeedWriteAndAreRefusedWithAMessageGitShows() throws Exception {
        Repository repo = repository("readonly", Visibility.PUBLIC, false);
        String seeded = seed(repo);
        Path clone = temp.resolve("readonly-bob");
        git.run(temp, "clone", url("bob", repo), clone.toString()).ok();
        commit(clone, "bob.txt", "bob was here\n");

        GitCli.Result refused = git.run(clone, "push", "origin", "main");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("remote: Permission to alice/readonly.git denied to bob.").contains("403");

        git.run(clone, "remote", "set-url", "origin", base + "/alice/readonly.git").ok();
        GitCli.Result anonymous = git.run(clone, "push", "origin", "main");
        assertThat(anonymous.exit()).isNotZero();
        assertThat(anonymous.err()).contains("could not read Username");

        assertThat(serverRef(repo, "refs/heads/main")).isEqualTo(seeded);
        assertThat(outbox.events(repo)).hasSize(1);
    }

    @Test
    void archivedRepositoriesAreReadOnly() throws Exception {
        Repository repo = repository("attic", Visibility.PUBLIC, false);
        String seeded = seed(repo);
        repo = repositories.archive(repo);
        Path clone = temp.resolve("attic-alice");
        git.run(temp, "clone", url("alice", repo), clone.toString()).ok();
        commit(clone, "more.txt", "more\n");

        GitCli.Result refused = git.run(clone, "push", "origin", "main");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("remote: This repository was archived so it is read-only.");
        assertThat(serverRef(repo, "refs/heads/main")).isEqualTo(seeded);
    }

    @Test
    void filesAndPacksOverTheLimitsAreRefusedWithARemoteMessage() throws Exception {
        Repository repo = repository("limits", Visibility.PUBLIC, false);
        String seeded = seed(repo);
        Path clone = temp.resolve("limits-alice");
        git.run(temp, "clone", url("alice", repo), clone.toString()).ok();

        GitCli.write(clone.resolve("assets/big.bin"), random(200 * 1024));
        git.run(clone, "add", "-A").ok();
        git.run(clone, "commit", "-q", "-m", "big file").ok();
        GitCli.Result file = git.run(clone, "push", "origin", "main");
        assertThat(file.exit()).isNotZero();
        assertThat(file.err())
                .contains("remote: error: File assets/big.bin is 0.20 MiB; this exceeds Codara's file size limit of 0.13 MiB.")
                .contains("[remote rejected] main -> main (file size limit exceeded)");
        assertThat(serverRef(repo, "refs/heads/main")).isEqualTo(seeded);

        git.run(clone, "reset", "-q", "--hard", seeded).ok();
        for (int i = 0; i < 4; i++) {
            GitCli.write(clone.resolve("assets/part" + i + ".bin"), random(100 * 1024 + i));
        }
        git.run(clone, "add", "-A").ok();
        git.run(clone, "commit", "-q", "-m", "four files under the file limit, a pack over the pack limit").ok();
        GitCli.Result pack = git.run(clone, "push", "origin", "main");
        assertThat(pack.exit()).isNotZero();
        assertThat(pack.err())
                .contains("remote: error: Push refused: it is larger than Codara's push size limit of 0.25 MiB.")
                .contains("[remote rejected] main -> main (n/a (unpacker error))");
        assertThat(serverRef(repo, "refs/heads/main")).isEqualTo(seeded);
        assertThat(outbox.events(repo)).hasSize(1);

        git.run(clone, "reset", "-q", "--hard", seeded).ok();
        String small = commit(clone, "small.txt", "fits\n");
        git.run(clone, "push", "origin", "main").ok();
        assertThat(serverRef(repo, "refs/heads/main")).isEqualTo(small);
    }

    @Test
    void theAdvertisementOfARenamedRepositoryRedirectsAndGitFollows() throws Exception {
        Repository repo = repository("renamed", Visibility.PUBLIC, false);
        String seeded = seed(repo);
        repositories.redirect("alice/former-name", repo);

        HttpResponse<String> redirect = get("/alice/former-name.git/info/refs?service=git-upload-pack", "alice");
        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(redirect.headers().firstValue("Location")).contains("/alice/renamed.git/info/refs?service=git-upload-pack");
        assertThat(get("/ALICE/RENAMED.git/info/refs?service=git-upload-pack", "alice").statusCode())
                .as("names are case-insensitive without a redirect").isEqualTo(200);

        Path clone = temp.resolve("renamed-clone");
        git.run(temp, "clone", base.replace("http://", "http://alice:pw@") + "/alice/former-name.git", clone.toString()).ok();
        assertThat(head(clone)).isEqualTo(seeded);
        String next = commit(clone, "next.txt", "next\n");
        git.run(clone, "push", "origin", "main").ok();
        assertThat(serverRef(repo, "refs/heads/main")).isEqualTo(next);
        // A private repository's new name is not told to whom may not see it.
        Repository secret = repository("secret-new", Visibility.PRIVATE, false);
        repositories.redirect("alice/secret-old", secret);
        assertThat(get("/alice/secret-old.git/info/refs?service=git-upload-pack", "bob").statusCode()).isEqualTo(404);
    }

    @Test
    void everythingButGitUrlsIsAJson404AndPathGamesNeverReachARepository() throws Exception {
        repository("games", Visibility.PUBLIC, false);
        for (String path : List.of("/", "/alice", "/alice/games", "/alice/games.git", "/alice/games.git/HEAD",
                "/alice/games.git/objects/info/packs", "/alice/games.git/info/refs", "/favicon.ico")) {
            HttpResponse<String> response = get(path, "alice");
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("application/json");
            assertThat(response.body()).as(path).isEqualTo("{\"message\":\"Not Found\"}");
        }
        assertThat(get("/alice/games.git/info/refs?service=git-upload-pack", "alice").statusCode()).isEqualTo(200);
        assertThat(get("/-alice/games.git/info/refs?service=git-upload-pack", "alice").statusCode())
                .as("a name the repositories refuse is a repository that does not exist").isEqualTo(404);
        assertThat(get("/-alice/games.git/info/refs?service=git-upload-pack", null).statusCode()).isEqualTo(401);
        for (String path : List.of("/alice/games%2Egit/info/refs", "/alice/%2e%2e/alice/games.git/info/refs",
                "/alice/x/../games.git/info/refs", "/alice%2Fgames.git/info/refs", "/alice/games.git/info%2frefs",
                "/%61lice/games.git/info/refs", "/alice/games.git;x/info/refs", "/alice//games.git/info/refs",
                "/alice/./games.git/info/refs", "/alice/games.git.git/info/refs", "/alice/gam%C3%A9s.git/info/refs")) {
            int status = raw(path + "?service=git-upload-pack");
            assertThat(status).as(path).isIn(400, 404);
        }
    }

    @Test
    void aPushThatCannotBeRecordedIsRefusedWithNothingChanged() throws Exception {
        Repository repo = repository("unrecorded", Visibility.PUBLIC, false);
        String seeded = seed(repo);
        Path clone = temp.resolve("unrecorded-alice");
        git.run(temp, "clone", url("alice", repo), clone.toString()).ok();
        commit(clone, "lost.txt", "never lands\n");
        database.execute("DELETE FROM git.repositories WHERE id = " + repo.id());

        GitCli.Result refused = git.run(clone, "push", "origin", "main");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("remote: error: Codara could not record this push, so nothing was changed; try again.");
        assertThat(serverRef(repo, "refs/heads/main")).isEqualTo(seeded);
        assertThat(outbox.events(repo)).hasSize(1);
    }

    @Test
    void aLockLeftByADeadProcessIsRemovedAndAFreshOneStillRefusesThePush() throws Exception {
        Repository repo = repository("locked", Visibility.PUBLIC, false);
        seed(repo);
        Path clone = temp.resolve("locked-alice");
        git.run(temp, "clone", url("alice", repo), clone.toString()).ok();
        Path lock = directories.directory(repo.id()).resolve("refs/heads/main.lock");

        Files.writeString(lock, "");
        String fresh = commit(clone, "fresh.txt", "a lock being written now\n");
        GitCli.Result refused = git.run(clone, "push", "origin", "main");
        assertThat(refused.exit()).as("a live lock is respected").isNotZero();
        assertThat(serverRef(repo, "refs/heads/main")).isNotEqualTo(fresh);

        Files.setLastModifiedTime(lock, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofHours(1))));
        git.run(clone, "push", "origin", "main").ok();
        assertThat(serverRef(repo, "refs/heads/main")).isEqualTo(fresh);
        assertThat(lock).doesNotExist();
    }

    @Test
    void concurrentPushesToDifferentBranchesAllLandEachWithOneEvent() throws Exception {
        Repository repo = repository("busy", Visibility.PUBLIC, false);
        seed(repo);
        int pushes = 4;
        List<Path> clones = new ArrayList<>();
        for (int i = 0; i < pushes; i++) {
            Path clone = temp.resolve("busy-" + i);
            git.run(temp, "clone", url("alice", repo), clone.toString()).ok();
            git.run(clone, "checkout", "-q", "-b", "topic-" + i).ok();
            commit(clone, "topic-" + i + ".txt", "topic " + i + "\n");
            clones.add(clone);
        }
        ExecutorService pool = Executors.newFixedThreadPool(pushes);
        try {
            List<Future<GitCli.Result>> results = new ArrayList<>();
            for (int i = 0; i < pushes; i++) {
                Path clone = clones.get(i);
                String branch = "topic-" + i;
                results.add(pool.submit(() -> git.run(clone, "push", "origin", branch)));
            }
            for (Future<GitCli.Result> result : results) {
                result.get().ok();
            }
        } finally {
            pool.shutdown();
        }
        for (int i = 0; i < pushes; i++) {
            assertThat(serverRef(repo, "refs/heads/topic-" + i)).isEqualTo(head(clones.get(i)));
        }
        assertThat(outbox.events(repo)).hasSize(1 + pushes);
        git.run(directories.directory(repo.id()), "fsck", "--strict").ok();
    }

    // ---- helpers

    /** A repository of alice's, in the database, on disk and in the stand-in {@link Repositories}. */
    private Repository repository(String name, Visibility visibility, boolean archived) throws Exception {
        long id = (Long) database.query("INSERT INTO git.repositories (owner_login, owner_type, name, visibility, default_branch, archived) "
                + "VALUES ('alice', 'User', ?, ?, 'main', ?) RETURNING id", name, visibility.name(), archived);
        directories.create(id, "main").close();
        Repository repo = new Repository(id, "alice", name, null, null, List.of(), visibility, "main", archived, false, null,
                Instant.now(), Instant.now(), null);
        repositories.add(repo);
        return repo;
    }

    /** Pushes a first commit as alice; answers its id. */
    private String seed(Repository repo) {
        Path clone = temp.resolve(repo.name() + "-seed");
        git.run(temp, "clone", url("alice", repo), clone.toString()).ok();
        String id = commit(clone, "README.md", "# " + repo.name() + "\n");
        git.run(clone, "push", "origin", "main").ok();
        return id;
    }

    private String commit(Path workTree, String file, String content) {
        GitCli.write(workTree.resolve(file), content);
        git.run(workTree, "add", "-A").ok();
        git.run(workTree, "commit", "-q", "-m", "change " + file).ok();
        return head(workTree);
    }

    private String head(Path workTree) {
        return git.run(workTree, "rev-parse", "HEAD").ok().out().strip();
    }

    private String serverRef(Repository repo, String ref) throws IOException {
        try (org.eclipse.jgit.lib.Repository db = directories.open(repo.id())) {
            var found = db.exactRef(ref);
            return found == null ? null : found.getObjectId().name();
        }
    }

    private String url(String login, Repository repo) {
        return base.replace("http://", "http://" + login + ":pw@") + "/" + repo.fullName() + ".git";
    }

    private static Map<String, Object> push(Repository repo, String ref, String before, String after) {
        return Map.of("repository_id", repo.id(), "repository", repo.fullName(), "pusher", "alice",
                "ref_updates", List.of(Map.of("ref", ref, "before", before, "after", after)));
    }

    private HttpResponse<String> get(String path, String login) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (login != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((login + ":pw").getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status of a GET sent exactly as written (no client normalises it), as alice. */
    private int raw(String path) throws IOException {
        URI uri = URI.create(base);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nConnection: close\r\nAuthorization: Basic "
                    + Base64.getEncoder().encodeToString("alice:pw".getBytes(StandardCharsets.UTF_8)) + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** Alice owns everything; public repositories are readable by everyone, private ones by alice alone. */
    private Decision decide(Principal principal, String action, io.codara.api.security.ResourceRef resource) {
        Optional<Repository> repo = repositories.find(resource.id().split("/")[0], resource.id().split("/")[1]);
        if (repo.isEmpty()) {
            return Decision.NOT_FOUND;
        }
        boolean owner = "alice".equals(principal.login());
        if (!owner && repo.get().visibility() != Visibility.PUBLIC) {
            return Decision.NOT_FOUND;
        }
        return owner || action.equals("read") ? Decision.ALLOW : Decision.FORBIDDEN;
    }

    /** Stands in for Codara's authentication: HTTP Basic, any password but "wrong". */
    private static Filter authentication() {
        return (request, response, chain) -> {
            String header = ((HttpServletRequest) request).getHeader("Authorization");
            if (header != null && header.startsWith("Basic ")) {
                String[] credentials = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8).split(":", 2);
                if (credentials[1].equals("wrong")) {
                    ((HttpServletResponse) response).setHeader("WWW-Authenticate", "Basic realm=\"Codara\"");
                    ((HttpServletResponse) response).sendError(401);
                    return;
                }
                request.setAttribute(Principal.REQUEST_ATTRIBUTE, new Principal(credentials[0], false, null));
            }
            chain.doFilter(request, response);
        };
    }

    /** Repositories by lower-case full name, with redirects from old names. */
    private static final class InMemoryRepositories implements Repositories {

        private final Map<String, Repository> byName = new ConcurrentHashMap<>();
        private final Map<String, String> redirects = new ConcurrentHashMap<>();

        void add(Repository repo) {
            byName.put(repo.fullName().toLowerCase(Locale.ROOT), repo);
        }

        void redirect(String oldFullName, Repository repo) {
            redirects.put(oldFullName.toLowerCase(Locale.ROOT), repo.fullName().toLowerCase(Locale.ROOT));
        }

        Repository archive(Repository repo) {
            Repository archived = new Repository(repo.id(), repo.owner(), repo.name(), null, null, List.of(), repo.visibility(),
                    repo.defaultBranch(), true, false, null, repo.createdAt(), repo.updatedAt(), repo.pushedAt());
            add(archived);
            return archived;
        }

        @Override
        public Optional<Repository> find(String owner, String name) {
            return Optional.ofNullable(byName.get((owner + "/" + name).toLowerCase(Locale.ROOT)));
        }

        @Override
        public Optional<Repository> resolve(String owner, String name) {
            if (owner.startsWith("-")) {
                throw new io.codara.api.rest.ApiException(422, "not a login");
            }
            String key = (owner + "/" + name).toLowerCase(Locale.ROOT);
            return Optional.ofNullable(byName.get(redirects.getOrDefault(key, key)));
        }

        @Override
        public Optional<Repository> find(long id) {
            return byName.values().stream().filter(r -> r.id() == id).findFirst();
        }

        @Override
        public Repository create(String owner, NewRepository repository, Actor actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Page<Repository> list(String owner, Principal viewer, PageRequest page) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Repository> visible(Principal viewer, long sinceId, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Page<Repository> accessible(Principal viewer, PageRequest page) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Repository update(String owner, String name, RepositoryUpdate update, Actor actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean delete(String owner, String name, Actor actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Repository fork(String owner, String name, io.codara.api.git.NewFork fork, Actor actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Page<Repository> forks(String owner, String name, io.codara.api.git.ForkSort sort, Principal viewer,
                PageRequest page) {
            throw new UnsupportedOperationException();
        }

        @Override
        public io.codara.api.git.ForkNode network(String owner, String name, int depth, Principal viewer) {
            throw new UnsupportedOperationException();
        }

        @Override
        public io.codara.api.git.UpstreamSync mergeUpstream(String owner, String name, String branch, Actor actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Repository generate(String owner, String name, io.codara.api.git.NewFromTemplate input, Actor actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Repository transfer(String owner, String name, String newOwner, String newName, Actor actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Repository> pinned(String login, Principal viewer) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Repository> pin(String login, List<String> fullNames, Principal viewer, Actor actor) {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * Writes a row per event into the caller's transaction (so a rollback takes it back, as the real outbox) and
     * keeps the properties by id.
     */
    private final class RecordingOutbox implements EventOutbox {

        private final Map<Long, Map<String, ?>> properties = new ConcurrentHashMap<>();

        @Override
        public long publish(Connection transaction, String topic, Map<String, ?> props) throws SQLException {
            try (PreparedStatement s = transaction.prepareStatement("INSERT INTO public.test_outbox (topic) VALUES (?) RETURNING id")) {
                s.setString(1, topic);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    long id = rs.getLong(1);
                    properties.put(id, props);
                    return id;
                }
            }
        }

        @Override
        public long publish(String topic, Map<String, ?> props) {
            throw new UnsupportedOperationException("pushes publish inside their transaction");
        }

        /** The committed push events of {@code repo}, in order. */
        List<Map<String, ?>> events(Repository repo) throws SQLException {
            List<Map<String, ?>> events = new ArrayList<>();
            try (Connection c = database.dataSource().getConnection();
                 PreparedStatement s = c.prepareStatement("SELECT id, topic FROM public.test_outbox ORDER BY id");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, ?> event = properties.get(rs.getLong(1));
                    if (Topics.GIT_PUSH.equals(rs.getString(2)) && event.get("repository_id").equals(repo.id())) {
                        events.add(event);
                    }
                }
            }
            return events;
        }
    }
}
