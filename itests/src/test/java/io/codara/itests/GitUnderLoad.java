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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;

import io.codara.api.event.Topics;
import io.codara.api.storage.Database;

/**
 * Git over HTTP under concurrent load, run by {@link DistributionIT} in the booted distribution: 20 pushes to 20
 * new branches of one repository and 20 clones of it, all at once, by real git processes. Every push either lands
 * completely (the server's branch is exactly the pushed commit and one {@code codara/git/push} outbox event records
 * it) or is refused cleanly (git says why, the branch does not exist, no event); every clone succeeds and is
 * complete; and the server's repository passes {@code git fsck --strict} afterwards. The background repack that the
 * first push schedules (a second later in this boot) runs in the middle of it all.
 */
final class GitUnderLoad {

    static final int PUSHES = 20;
    static final int CLONES = 20;

    private final Http http;
    private final Database database;
    private final GitCli git;
    private final Path work;

    GitUnderLoad(Http http, Database database) {
        this.http = http;
        this.database = database;
        try {
            this.work = Files.createTempDirectory("git-under-load");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.git = new GitCli(work.resolve("home"));
    }

    void pushesAndClonesAtOnce(String siteAdmin) throws Exception {
        String token = userWithToken(siteAdmin, "loadtester");
        HttpResponse<String> created = http.send("POST", "/api/v3/user/repos", "application/json",
                "{\"name\":\"under-load\",\"auto_init\":true}", "Authorization", "token " + token);
        assertEquals(created.body(), 201, created.statusCode());
        long id = Http.json(created).path("id").asLong();
        String url = GitCli.url(http, token, "loadtester/under-load");

        // Enough content that clones take a while and overlap the pushes.
        Path seed = work.resolve("seed");
        git.run(work, "clone", "-q", url, seed.toString()).ok();
        for (int i = 0; i < 300; i++) {
            Files.writeString(seed.resolve("file-" + i + ".txt"), ("line of file " + i + "\n").repeat(50 + i));
        }
        String main = git.commit(seed, "README.md", "under load\n");
        git.run(seed, "push", "-q", "origin", "main").ok();

        // Each pusher has its commit ready; only the push itself runs in the crowd.
        List<String> pushed = new ArrayList<>();
        for (int i = 0; i < PUSHES; i++) {
            Path clone = work.resolve("pusher-" + i);
            git.run(work, "clone", "-q", url, clone.toString()).ok();
            git.run(clone, "checkout", "-q", "-b", branch(i)).ok();
            pushed.add(git.commit(clone, "pushed/" + i + ".txt", "pushed by pusher " + i + "\n".repeat(i + 1)));
        }

        ExecutorService pool = Executors.newFixedThreadPool(PUSHES + CLONES);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<GitCli.Result>> pushes = new ArrayList<>();
        List<Future<GitCli.Result>> clones = new ArrayList<>();
        try {
            for (int i = 0; i < Math.max(PUSHES, CLONES); i++) {
                int n = i;
                if (n < PUSHES) {
                    pushes.add(pool.submit(after(start, () -> git.run(work.resolve("pusher-" + n), "push", "origin", branch(n)))));
                }
                if (n < CLONES) {
                    clones.add(pool.submit(after(start, () -> git.run(work, "clone", "-q", url, work.resolve("clone-" + n).toString()))));
                }
            }
            start.countDown();
            List<GitCli.Result> pushResults = results(pushes);
            List<GitCli.Result> cloneResults = results(clones);

            Path server = repositoryDirectory(id);
            int landed = 0;
            List<String> refusals = new ArrayList<>();
            for (int i = 0; i < PUSHES; i++) {
                GitCli.Result push = pushResults.get(i);
                GitCli.Result ref = git.run(work, "--git-dir=" + server, "rev-parse", "-q", "--verify", "refs/heads/" + branch(i));
                int events = pushEvents(id, "refs/heads/" + branch(i), pushed.get(i));
                if (push.succeeded()) {
                    landed++;
                    assertEquals("push " + i + " was acknowledged: its branch is exactly its commit", pushed.get(i), ref.out().strip());
                    assertEquals("push " + i + " was acknowledged: one push event records it", 1, events);
                } else {
                    refusals.add(push.err());
                    assertTrue("push " + i + " was refused with a reason git shows: " + push.err(),
                            push.err().contains("remote:") || push.err().contains("[remote rejected]") || push.err().contains("! ["));
                    assertFalse("push " + i + " was refused, yet its branch exists: " + ref.out(), ref.succeeded());
                    assertEquals("push " + i + " was refused, yet an event says it happened", 0, events);
                }
            }
            assertEquals("every push landed (refusals: " + refusals + ")", PUSHES, landed);

            for (int i = 0; i < CLONES; i++) {
                cloneResults.get(i).ok();
                Path clone = work.resolve("clone-" + i);
                assertEquals("clone " + i + " has main's commit", main, git.run(clone, "rev-parse", "HEAD").ok().out().strip());
                git.run(clone, "fsck", "--strict", "--no-dangling").ok();
                assertTrue("clone " + i + " is checked out", Files.isRegularFile(clone.resolve("file-299.txt")));
            }

            awaitMaintenance(id);
            GitCli.Result fsck = git.run(work, "--git-dir=" + server, "fsck", "--strict", "--no-dangling").ok();
            assertFalse(fsck.err(), fsck.err().contains("error"));
            git.run(work, "--git-dir=" + server, "fsck", "--strict", "--no-dangling", "--full").ok();
            assertEquals(main, git.run(work, "--git-dir=" + server, "rev-parse", "refs/heads/main").ok().out().strip());
        } finally {
            pool.shutdownNow();
        }
    }

    private static String branch(int i) {
        return "load/" + i;
    }

    private static <T> Callable<T> after(CountDownLatch start, Callable<T> task) {
        return () -> {
            start.await();
            return task.call();
        };
    }

    private static List<GitCli.Result> results(List<Future<GitCli.Result>> futures)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<GitCli.Result> results = new ArrayList<>();
        for (Future<GitCli.Result> future : futures) {
            results.add(future.get(5, TimeUnit.MINUTES));
        }
        return results;
    }

    /** How many {@code codara/git/push} outbox events record {@code ref} of repository {@code id} moving to {@code sha}. */
    private int pushEvents(long id, String ref, String sha) throws SQLException {
        return database.inTransaction(tx -> {
            try (PreparedStatement s = tx.prepareStatement("SELECT count(*) FROM storage.outbox WHERE topic = ? "
                    + "AND (properties ->> 'repository_id')::bigint = ? AND properties -> 'ref_updates' @> ?::jsonb")) {
                s.setString(1, Topics.GIT_PUSH);
                s.setLong(2, id);
                s.setString(3, "[{\"ref\":\"" + ref + "\",\"after\":\"" + sha + "\"}]");
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** Waits until no repack of repository {@code id} is queued or running, so fsck reads a repository at rest. */
    private void awaitMaintenance(long id) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            int pending = database.inTransaction(tx -> {
                try (PreparedStatement s = tx.prepareStatement("SELECT count(*) FROM storage.jobs WHERE queue = 'git.maintenance' "
                        + "AND state IN ('QUEUED', 'RUNNING') AND (payload ->> 'repository_id')::bigint = ?")) {
                    s.setLong(1, id);
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }
            });
            if (pending == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the repack of repository " + id + " did not finish in 120 s");
            }
            Http.sleep(500);
        }
    }

    private static Path repositoryDirectory(long id) {
        return Path.of(System.getProperty("karaf.data"), "codara", "mnt", "repos", String.format("%02x", id & 0xff), id + ".git");
    }

    private String userWithToken(String siteAdmin, String login) {
        String password = login + " password 12345";
        HttpResponse<String> user = http.send("POST", "/api/v3/admin/users", "application/json", "{\"login\":\"" + login
                + "\",\"email\":\"" + login + "@example.com\",\"password\":\"" + password + "\"}", "Authorization", siteAdmin);
        assertEquals(user.body(), 201, user.statusCode());
        String basic = java.util.Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> token = http.send("POST", "/api/v3/user/tokens", "application/json",
                "{\"name\":\"load\",\"scopes\":[\"repo:write\"]}", "Authorization", "Basic " + basic);
        assertEquals(token.body(), 201, token.statusCode());
        JsonNode body = Http.json(token);
        return body.path("token").asText();
    }
}
