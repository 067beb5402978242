package io.codara.ci.internal.shell;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs a local runner (shell or Docker) runs at once: at most {@code max} of them, each on a thread of the
 * runner's own pool (a job blocks on its processes for its whole life, which a shared scheduler must not do), known
 * by job id until they end, and cancelled when the runner stops.
 */
public final class JobSlots {

    private static final Logger LOG = LoggerFactory.getLogger(JobSlots.class);

    private final String runner;
    private final Semaphore slots;
    private final ExecutorService threads;
    private final Map<Long, ShellJob> running = new ConcurrentHashMap<>();

    /** {@code runner} names the runner in messages; {@code threadPrefix} names its threads. */
    public JobSlots(String runner, String threadPrefix, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max_concurrent_jobs must be at least 1");
        }
        this.runner = runner;
        this.slots = new Semaphore(max);
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, threadPrefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Free slots now. */
    public int available() {
        return slots.availablePermits();
    }

    /**
     * Takes a slot and runs the job that {@code make} builds, handing it the callback that frees the slot when the
     * job ends. Refuses a job already running here ({@link IllegalArgumentException}) and a job beyond the slots
     * ({@link RejectedExecutionException}).
     */
    public ShellJob start(long jobId, Function<Runnable, ShellJob> make) {
        if (running.containsKey(jobId)) {
            throw new IllegalArgumentException("job " + jobId + " is already running on " + runner);
        }
        if (!slots.tryAcquire()) {
            throw new RejectedExecutionException("runner " + runner + " is running as many jobs as it may");
        }
        ShellJob job;
        try {
            job = make.apply(() -> {
                running.remove(jobId);
                slots.release();
            });
            running.put(jobId, job);
            threads.execute(job);
        } catch (RuntimeException e) {
            running.remove(jobId);
            slots.release();
            throw e;
        }
        return job;
    }

    /** Cancels every running job and waits up to {@code grace} for their threads to end. */
    public void stop(Duration grace) {
        running.values().forEach(ShellJob::cancel);
        threads.shutdown();
        try {
            if (!threads.awaitTermination(grace.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("Runner {}: {} jobs still stopping", runner, running.size());
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            threads.shutdownNow();
        }
    }
}
