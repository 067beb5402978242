package io.codara.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.codara.api.storage.Job;
import io.codara.api.storage.JobOptions;
import io.codara.api.storage.JobState;
import io.codara.api.storage.QueueStats;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresJobQueueTest {

    @TempDir
    static Path root;

    static EmbeddedDatabase db;
    static PostgresJobQueue jobs;

    static final Duration VISIBILITY = Duration.ofMinutes(5);
    static final JobOptions NO_BACKOFF = new JobOptions(Duration.ZERO, 3, Duration.ZERO);

    String queue;

    @BeforeAll
    static void start() {
        db = EmbeddedDatabase.start(root);
        jobs = new PostgresJobQueue(db.database, db.storageSchema());
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void freshQueue() {
        queue = "q-" + UUID.randomUUID();
    }

    @Test
    void enqueueClaimComplete() {
        Job enqueued = jobs.enqueue(queue, "{\"repo\": \"a/b\"}", JobOptions.DEFAULT);
        assertThat(enqueued.state()).isEqualTo(JobState.QUEUED);
        assertThat(enqueued.attempts()).isZero();
        assertThat(enqueued.maxAttempts()).isEqualTo(5);
        assertThat(enqueued.payload()).isEqualTo("{\"repo\": \"a/b\"}");

        Job claimed = jobs.claim(queue, "w1", VISIBILITY).orElseThrow();
        assertThat(claimed.id()).isEqualTo(enqueued.id());
        assertThat(claimed.state()).isEqualTo(JobState.RUNNING);
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(jobs.claim(queue, "w2", VISIBILITY)).as("invisible while claimed").isEmpty();

        assertThat(jobs.complete(claimed.id(), "w2")).as("not w2's claim").isFalse();
        assertThat(jobs.complete(claimed.id(), "w1")).isTrue();
        assertThat(jobs.complete(claimed.id(), "w1")).as("already done").isFalse();
        assertThat(jobs.find(claimed.id()).orElseThrow().state()).isEqualTo(JobState.DONE);
        assertThat(jobs.claim(queue, "w1", VISIBILITY)).isEmpty();
        assertThat(jobs.stats(queue)).isEqualTo(new QueueStats(queue, 0, 0, 1, 0));
    }

    @Test
    void oldestDueJobFirstAndDelayedJobsWait() {
        Job later = jobs.enqueue(queue, "{}", new JobOptions(Duration.ofHours(1), 1, Duration.ZERO));
        Job first = jobs.enqueue(queue, "{\"n\":1}", JobOptions.DEFAULT);
        Job second = jobs.enqueue(queue, "{\"n\":2}", JobOptions.DEFAULT);

        assertThat(jobs.claim(queue, "w", VISIBILITY)).map(Job::id).contains(first.id());
        assertThat(jobs.claim(queue, "w", VISIBILITY)).map(Job::id).contains(second.id());
        assertThat(jobs.claim(queue, "w", VISIBILITY)).as("delayed one is not due").isEmpty();
        assertThat(jobs.find(later.id()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
        assertThat(jobs.claim("other-" + queue, "w", VISIBILITY)).as("queues are separate").isEmpty();
    }

    @Test
    void failureBacksOffExponentiallyThenDeadLetters() throws SQLException {
        Job job = jobs.enqueue(queue, "{}", new JobOptions(Duration.ZERO, 3, Duration.ofSeconds(10)));

        Job attempt1 = jobs.claim(queue, "w", VISIBILITY).orElseThrow();
        assertThat(jobs.fail(attempt1.id(), "w", "first failure")).isTrue();
        Job afterFirst = jobs.find(job.id()).orElseThrow();
        assertThat(afterFirst.state()).isEqualTo(JobState.QUEUED);
        assertThat(afterFirst.lastError()).isEqualTo("first failure");
        assertThat(afterFirst.runAt()).isCloseTo(dbNow().plusSeconds(10), within(2, ChronoUnit.SECONDS));
        assertThat(jobs.claim(queue, "w", VISIBILITY)).as("backing off").isEmpty();

        makeDue(job.id());
        Job attempt2 = jobs.claim(queue, "w", VISIBILITY).orElseThrow();
        assertThat(attempt2.attempts()).isEqualTo(2);
        jobs.fail(attempt2.id(), "w", "second failure");
        assertThat(jobs.find(job.id()).orElseThrow().runAt())
                .as("backoff * 2^(attempts-1)").isCloseTo(dbNow().plusSeconds(20), within(2, ChronoUnit.SECONDS));

        makeDue(job.id());
        Job attempt3 = jobs.claim(queue, "w", VISIBILITY).orElseThrow();
        assertThat(attempt3.attempts()).isEqualTo(3);
        assertThat(jobs.fail(attempt3.id(), "w", "third failure")).isTrue();

        Job dead = jobs.find(job.id()).orElseThrow();
        assertThat(dead.state()).isEqualTo(JobState.DEAD);
        assertThat(dead.lastError()).isEqualTo("third failure");
        assertThat(jobs.claim(queue, "w", VISIBILITY)).isEmpty();
        assertThat(jobs.deadLetters(queue, 10)).extracting(Job::id).containsExactly(job.id());
        assertThat(jobs.stats(queue)).isEqualTo(new QueueStats(queue, 0, 0, 0, 1));
    }

    @Test
    void retryPutsADeadLetterBackWithAFreshBudget() {
        Job job = jobs.enqueue(queue, "{}", new JobOptions(Duration.ZERO, 1, Duration.ZERO));
        jobs.fail(jobs.claim(queue, "w", VISIBILITY).orElseThrow().id(), "w", "boom");
        assertThat(jobs.retry(job.id())).isTrue();
        assertThat(jobs.retry(job.id())).as("no longer dead").isFalse();

        Job again = jobs.claim(queue, "w", VISIBILITY).orElseThrow();
        assertThat(again.id()).isEqualTo(job.id());
        assertThat(again.attempts()).isEqualTo(1);
        assertThat(jobs.complete(again.id(), "w")).isTrue();
        assertThat(jobs.deadLetters(queue, 10)).isEmpty();
    }

    @Test
    void deadLettersAreNewestFirstAndLimited() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Job job = jobs.enqueue(queue, "{}", new JobOptions(Duration.ZERO, 1, Duration.ZERO));
            jobs.fail(jobs.claim(queue, "w", VISIBILITY).orElseThrow().id(), "w", "boom " + i);
            ids.add(job.id());
        }
        assertThat(jobs.deadLetters(queue, 2)).extracting(Job::id).containsExactly(ids.get(2), ids.get(1));
    }

    @Test
    void anExpiredClaimIsReclaimedAndTheOldWorkerLosesIt() throws Exception {
        Job job = jobs.enqueue(queue, "{}", NO_BACKOFF);
        Job byA = jobs.claim(queue, "worker-a", Duration.ofMillis(300)).orElseThrow();
        assertThat(jobs.claim(queue, "worker-b", VISIBILITY)).isEmpty();

        Thread.sleep(500);
        assertThat(jobs.find(job.id()).orElseThrow().state()).as("claim expired").isEqualTo(JobState.QUEUED);
        Job byB = jobs.claim(queue, "worker-b", VISIBILITY).orElseThrow();

        assertThat(byB.id()).isEqualTo(byA.id());
        assertThat(byB.attempts()).isEqualTo(2);
        assertThat(jobs.complete(job.id(), "worker-a")).isFalse();
        assertThat(jobs.fail(job.id(), "worker-a", "late")).isFalse();
        assertThat(jobs.complete(job.id(), "worker-b")).isTrue();
    }

    @Test
    void anExpiredClaimOnTheLastAttemptDeadLetters() throws Exception {
        Job job = jobs.enqueue(queue, "{}", new JobOptions(Duration.ZERO, 1, Duration.ZERO));
        jobs.claim(queue, "crashed-worker", Duration.ofMillis(200)).orElseThrow();
        Thread.sleep(400);

        assertThat(jobs.claim(queue, "w", VISIBILITY)).isEmpty();
        Job dead = jobs.find(job.id()).orElseThrow();
        assertThat(dead.state()).isEqualTo(JobState.DEAD);
        assertThat(dead.lastError()).contains("crashed-worker").contains("expired");
    }

    @Test
    void concurrentClaimersNeverGetTheSameJob() throws Exception {
        int total = 200;
        for (int i = 0; i < total; i++) {
            jobs.enqueue(queue, "{\"i\":" + i + "}", NO_BACKOFF);
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService claimers = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (String worker : List.of("left", "right")) {
                results.add(claimers.submit(() -> {
                    go.await();
                    List<Long> mine = new ArrayList<>();
                    for (Optional<Job> job = jobs.claim(queue, worker, VISIBILITY); job.isPresent();
                            job = jobs.claim(queue, worker, VISIBILITY)) {
                        mine.add(job.get().id());
                        assertThat(jobs.complete(job.get().id(), worker)).isTrue();
                    }
                    return mine;
                }));
            }
            go.countDown();
            List<Long> left = results.get(0).get(60, TimeUnit.SECONDS);
            List<Long> right = results.get(1).get(60, TimeUnit.SECONDS);

            Set<Long> all = new HashSet<>(left);
            all.addAll(right);
            assertThat(left.size() + right.size()).isEqualTo(total);
            assertThat(all).as("no job claimed twice").hasSize(total);
            assertThat(left).as("both claimers got work").isNotEmpty();
            assertThat(right).isNotEmpty();
            assertThat(jobs.stats(queue)).isEqualTo(new QueueStats(queue, 0, 0, total, 0));
        } finally {
            claimers.shutdownNow();
        }
    }

    @Test
    void enqueueInsideARolledBackTransactionLeavesNoJob() throws SQLException {
        assertThatThrownBy(() -> db.database.inTransaction(c -> {
            jobs.enqueue(c, queue, "{}", JobOptions.DEFAULT);
            throw new SQLException("rolled back");
        })).hasMessage("rolled back");
        Job committed = db.database.inTransaction(c -> jobs.enqueue(c, queue, "{}", JobOptions.DEFAULT));

        assertThat(jobs.stats(queue).queued()).isEqualTo(1);
        assertThat(jobs.claim(queue, "w", VISIBILITY)).map(Job::id).contains(committed.id());
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> jobs.enqueue(" ", "{}", JobOptions.DEFAULT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> jobs.enqueue(queue, "not json", JobOptions.DEFAULT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("json");
        assertThatThrownBy(() -> jobs.claim(queue, "", VISIBILITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> jobs.claim(queue, "w", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThat(jobs.find(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void purgeDeletesOnlyCompletedJobsOlderThanTheRetention() throws SQLException {
        Job old = jobs.enqueue(queue, "{}", NO_BACKOFF);
        Job recent = jobs.enqueue(queue, "{}", NO_BACKOFF);
        Job dead = jobs.enqueue(queue, "{}", new JobOptions(Duration.ZERO, 1, Duration.ZERO));
        Job waiting = jobs.enqueue(queue, "{}", new JobOptions(Duration.ofHours(1), 3, Duration.ZERO));
        for (int i = 0; i < 3; i++) {
            Job claimed = jobs.claim(queue, "w", VISIBILITY).orElseThrow();
            if (claimed.id() == dead.id()) {
                jobs.fail(claimed.id(), "w", "boom");
            } else {
                jobs.complete(claimed.id(), "w");
            }
        }
        try (Connection c = db.database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE storage.jobs SET finished_at = now() - interval '8 days' WHERE id IN (?, ?)")) {
            s.setLong(1, old.id());
            s.setLong(2, dead.id());
            s.executeUpdate();
        }

        assertThat(jobs.purgeCompleted(Duration.ofDays(7))).isGreaterThanOrEqualTo(1);

        assertThat(jobs.find(old.id())).isEmpty();
        assertThat(jobs.find(recent.id())).get().extracting(Job::state).isEqualTo(JobState.DONE);
        assertThat(jobs.find(dead.id())).get().extracting(Job::state).isEqualTo(JobState.DEAD);
        assertThat(jobs.find(waiting.id())).get().extracting(Job::state).isEqualTo(JobState.QUEUED);
        assertThatThrownBy(() -> jobs.purgeCompleted(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    private static void makeDue(long id) throws SQLException {
        db.execute("UPDATE storage.jobs SET run_at = now() WHERE id = " + id);
    }

    private static Instant dbNow() throws SQLException {
        return Instant.ofEpochMilli(db.queryLong("SELECT (extract(epoch FROM now()) * 1000)::bigint"));
    }
}
