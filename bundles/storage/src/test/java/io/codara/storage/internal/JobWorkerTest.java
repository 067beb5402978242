package io.codara.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.codara.api.storage.Job;
import io.codara.api.storage.JobOptions;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.JobState;
import io.codara.api.storage.spi.JobHandler;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobWorkerTest {

    @TempDir
    static Path root;

    static EmbeddedDatabase db;
    static PostgresJobQueue jobs;

    JobWorker worker;
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
    void startWorker() {
        worker = new JobWorker(jobs, TestConfigs.config(JobWorkerConfig.class, "poll_interval_ms", 20L));
        queue = "q-" + UUID.randomUUID();
    }

    @AfterEach
    void stopWorker() {
        worker.deactivate();
    }

    @Test
    void runsEveryJobOfAHandlersQueueOnce() throws Exception {
        List<Long> seen = new CopyOnWriteArrayList<>();
        worker.addHandler(job -> seen.add(job.id()), Map.of(JobHandler.QUEUE, queue));
        List<Long> ids = List.of(enqueue(), enqueue(), enqueue(), enqueue(), enqueue());

        await(() -> jobs.stats(queue).done() == 5);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(worker.workerId()).contains(":" + ProcessHandle.current().pid() + ":");
    }

    @Test
    void aThrowingHandlerRecordsFailuresUntilTheJobIsDead() throws Exception {
        worker.addHandler(job -> {
            throw new IllegalStateException("cannot index " + job.payload());
        }, Map.of(JobHandler.QUEUE, queue));
        long id = jobs.enqueue(queue, "{\"repo\":\"x\"}", new JobOptions(Duration.ZERO, 2, Duration.ZERO)).id();

        await(() -> jobs.find(id).orElseThrow().state() == JobState.DEAD);
        Job dead = jobs.find(id).orElseThrow();
        assertThat(dead.attempts()).isEqualTo(2);
        assertThat(dead.lastError()).isEqualTo("java.lang.IllegalStateException: cannot index {\"repo\": \"x\"}");
    }

    @Test
    void aRemovedHandlerGetsNoMoreJobs() throws Exception {
        JobHandler handler = job -> { };
        Map<String, Object> props = Map.of(JobHandler.QUEUE, queue);
        worker.addHandler(handler, props);
        long first = enqueue();
        await(() -> jobs.find(first).orElseThrow().state() == JobState.DONE);

        worker.removeHandler(handler, props);
        long second = enqueue();
        Thread.sleep(300);
        assertThat(jobs.find(second).orElseThrow().state()).isEqualTo(JobState.QUEUED);
    }

    @Test
    void handlersWithoutAQueuePropertyAreIgnored() throws Exception {
        List<Job> seen = new CopyOnWriteArrayList<>();
        worker.addHandler(seen::add, Map.of());
        long id = enqueue();
        Thread.sleep(200);
        assertThat(seen).isEmpty();
        assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.QUEUED);
    }

    @Test
    void deactivateLetsTheRunningJobFinishAndClaimsNothingMore() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        worker.addHandler(job -> {
            started.countDown();
            Thread.sleep(300);
        }, Map.of(JobHandler.QUEUE, queue));
        long running = enqueue();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        long waiting = enqueue();

        worker.deactivate();

        assertThat(jobs.find(running).orElseThrow().state()).isEqualTo(JobState.DONE);
        assertThat(jobs.find(waiting).orElseThrow().state()).isEqualTo(JobState.QUEUED);
    }

    @Test
    void completesOrFailsWithItsOwnWorkerId() throws Exception {
        JobQueue queueMock = mock(JobQueue.class);
        JobWorker isolated = new JobWorker(queueMock, TestConfigs.config(JobWorkerConfig.class, "visibility_seconds", 42L));
        try {
            Job ok = new Job(1, "q", "{}", JobState.RUNNING, 1, 3, Instant.now(), null, Instant.now());
            Job bad = new Job(2, "q", "{}", JobState.RUNNING, 1, 3, Instant.now(), null, Instant.now());
            when(queueMock.claim(eq("q"), anyString(), any())).thenReturn(Optional.of(ok), Optional.of(bad),
                    Optional.empty());
            when(queueMock.complete(anyLong(), anyString())).thenReturn(true);
            when(queueMock.fail(anyLong(), anyString(), anyString())).thenReturn(true);
            isolated.addHandler(job -> {
                if (job.id() == 2) {
                    throw new java.io.IOException("disk full");
                }
            }, Map.of(JobHandler.QUEUE, "q"));

            // The handler's arrival starts polling its queue at once.
            verify(queueMock, timeout(5000)).complete(1, isolated.workerId());
            verify(queueMock, timeout(5000)).fail(2, isolated.workerId(), "java.io.IOException: disk full");
            verify(queueMock, atLeastOnce()).claim("q", isolated.workerId(), Duration.ofSeconds(42));
            verify(queueMock, never()).complete(2, isolated.workerId());
        } finally {
            isolated.deactivate();
        }
    }

    private long enqueue() {
        return jobs.enqueue(queue, "{}", JobOptions.DEFAULT).id();
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 15 s");
            }
            Thread.sleep(20);
        }
    }
}
