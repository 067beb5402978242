package io.codara.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A client pushing one commit after another to a Codara repository, for the durability test in
 * {@link CodaraProcessIT}: it records every push git saw acknowledged, keeps pushing while the server is killed
 * (those pushes fail), and afterwards checks what survived: the server's repository passes
 * {@code git fsck --full --strict}, its branch contains every acknowledged commit, and the outbox holds a
 * {@code codara/git/push} event for each of them.
 */
final class PushStream implements AutoCloseable {

    private static final String BRANCH = "main";

    private final Http http;
    private final String token;
    private final long repositoryId;
    private final Path work;
    private final GitCli git;
    private final Path clone;
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Thread pusher;
    private volatile boolean running = true;

    private PushStream(Http http, String token, long repositoryId, Path work) {
        this.http = http;
        this.token = token;
        this.repositoryId = repositoryId;
        this.work = work;
        this.git = new GitCli(work.resolve("home"));
        this.clone = work.resolve("clone");
        git.run(work, "clone", "-q", GitCli.url(http, token, "admin/durable"), clone.toString()).ok();
        this.pusher = new Thread(this::push, "push-stream");
    }

    /** Creates repository {@code admin/durable} as the administrator and starts pushing to it. */
    static PushStream start(Http http, String adminPassword, Path work) throws Exception {
        Files.createDirectories(work);
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> token = http.send("POST", "/api/v3/user/tokens", "application/json",
                "{\"name\":\"push stream\",\"scopes\":[\"repo:write\"]}", "Authorization", basic);
        assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
        HttpResponse<String> repo = http.send("POST", "/api/v3/user/repos", "application/json",
                "{\"name\":\"durable\",\"auto_init\":true}", "Authorization", basic);
        assertThat(repo.statusCode()).as(repo.body()).isEqualTo(201);
        PushStream stream = new PushStream(http, Http.json(token).path("token").asText(), Http.json(repo).path("id").asLong(), work);
        stream.pusher.start();
        return stream;
    }

    private void push() {
        for (int n = 0; running; n++) {
            String sha = git.commit(clone, "stream/" + n + ".txt", "push number " + n + "\n");
            GitCli.Result result = git.run(clone, "push", "origin", BRANCH);
            if (result.succeeded()) {
                acknowledged.add(sha);
            } else {
                failures.add(result.err());
                // The server is down: do not spin while it restarts.
                Http.sleep(200);
            }
        }
    }

    /** Waits until {@code count} pushes have been acknowledged (the stream keeps running). */
    void awaitAcknowledged(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acknowledged.size() < count) {
            assertThat(System.nanoTime()).as("only %s pushes acknowledged; failures: %s", acknowledged.size(), failures)
                    .isLessThan(deadline);
            assertThat(pusher.isAlive()).as("the push stream died").isTrue();
            Http.sleep(50);
        }
    }

    /** Stops pushing after the push in flight; answers the commits git saw acknowledged. */
    List<String> stop() throws InterruptedException {
        running = false;
        pusher.join(TimeUnit.MINUTES.toMillis(4));
        assertThat(pusher.isAlive()).as("the push stream stopped").isFalse();
        return List.copyOf(acknowledged);
    }

    /**
     * After the crash and restart: the repository under {@code root} is intact, holds every acknowledged push, and
     * each has its event in the outbox of the embedded database; a new push is accepted again.
     */
    void verifySurvived(Path root) throws Exception {
        assertThat(acknowledged).as("pushes acknowledged before the kill").isNotEmpty();
        Path server = root.resolve("mnt/repos").resolve(String.format("%02x", repositoryId & 0xff)).resolve(repositoryId + ".git");
        git.run(work, "--git-dir=" + server, "fsck", "--full", "--strict", "--no-dangling").ok();
        String tip = git.run(work, "--git-dir=" + server, "rev-parse", "refs/heads/" + BRANCH).ok().out().strip();
        for (String sha : acknowledged) {
            assertThat(git.run(work, "--git-dir=" + server, "merge-base", "--is-ancestor", sha, tip).exit())
                    .as("acknowledged push %s is on the server's %s (%s)", sha, BRANCH, tip).isZero();
        }

        Set<String> recorded = recordedPushes(root);
        assertThat(recorded).as("push events in the outbox").containsAll(acknowledged);

        // Ready (database up, boot features started) comes a little before every servlet is registered.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int status;
        while ((status = http.send("GET", "/admin/durable.git/info/refs?service=git-receive-pack", null, null,
                "Authorization", "token " + token).statusCode()) != 200 && System.nanoTime() < deadline) {
            Http.sleep(200);
        }
        assertThat(status).as("git over HTTP answers after the restart").isEqualTo(200);
        String after = git.commit(clone, "after-restart.txt", "pushed after the restart\n");
        git.run(clone, "push", "origin", BRANCH).ok();
        assertThat(git.run(work, "ls-remote", GitCli.url(http, token, "admin/durable"), "refs/heads/" + BRANCH).ok().out())
                .startsWith(after);
    }

    /** The commits the outbox's push events of this repository moved {@code main} to, read from the embedded PostgreSQL. */
    private Set<String> recordedPushes(Path root) throws Exception {
        List<String> pidFile = Files.readAllLines(root.resolve("postgres/postmaster.pid"));
        String url = "jdbc:postgresql://localhost:" + pidFile.get(3).strip() + "/codara";
        Set<String> shas = new HashSet<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement s = c.prepareStatement("SELECT u ->> 'after' FROM storage.outbox, "
                     + "jsonb_array_elements(properties -> 'ref_updates') u WHERE topic = 'codara/git/push' "
                     + "AND (properties ->> 'repository_id')::bigint = ? AND u ->> 'ref' = ?")) {
            s.setLong(1, repositoryId);
            s.setString(2, "refs/heads/" + BRANCH);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    shas.add(rs.getString(1));
                }
            }
        }
        return shas;
    }

    List<String> failures() {
        return new ArrayList<>(failures);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        pusher.join(TimeUnit.MINUTES.toMillis(4));
    }
}
