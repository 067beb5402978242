package io.codara.storage.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.codara.api.storage.Job;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.spi.JobHandler;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Polls every queue that has a {@link JobHandler} service and runs its jobs on this node. */
@Component(configurationPid = JobWorker.PID)
@Designate(ocd = JobWorkerConfig.class)
public final class JobWorker {

    static final String PID = "io.codara.jobs";
    /** Jobs one poll runs before it yields its thread to other queues. */
    static final int MAX_JOBS_PER_POLL = 50;

    private static final Logger LOG = LoggerFactory.getLogger(JobWorker.class);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    private final JobQueue jobQueue;
    private final String workerId;
    private final Duration visibility;
    private final long pollIntervalMillis;
    private final ScheduledExecutorService scheduler;
    private final Map<String, JobHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> pollers = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    @Activate
    public JobWorker(@Reference JobQueue jobQueue, JobWorkerConfig config) {
        this.jobQueue = jobQueue;
        this.workerId = hostName() + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID();
        this.visibility = Duration.ofSeconds(Math.max(1, config.visibility_seconds()));
        this.pollIntervalMillis = Math.max(10, config.poll_interval_ms());
        this.scheduler = Executors.newScheduledThreadPool(Math.max(1, config.threads()), new WorkerThreads());
        Duration retention = Duration.ofHours(Math.max(0, config.completed_retention_hours()));
        scheduler.scheduleWithFixedDelay(() -> purge(retention), PURGE_EVERY.toMinutes(), PURGE_EVERY.toMinutes(),
                TimeUnit.MINUTES);
        LOG.info("Job worker {} started (poll {} ms, visibility {})", workerId, pollIntervalMillis, visibility);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addHandler(JobHandler handler, Map<String, Object> properties) {
        Object queue = properties.get(JobHandler.QUEUE);
        if (!(queue instanceof String name) || name.isBlank()) {
            LOG.warn("Ignoring JobHandler {} without a {} service property", handler.getClass().getName(), JobHandler.QUEUE);
            return;
        }
        JobHandler previous = handlers.put(name, handler);
        if (previous != null && previous != handler) {
            LOG.warn("Queue {} has a new JobHandler {}; replacing {}", name, handler.getClass().getName(),
                    previous.getClass().getName());
        }
        if (!stopping) {
            try {
                pollers.computeIfAbsent(name, q -> scheduler.scheduleWithFixedDelay(() -> poll(q), 0,
                        pollIntervalMillis, TimeUnit.MILLISECONDS));
            } catch (RejectedExecutionException e) {
                // Deactivation raced with this binding: nothing is polled any more anyway.
                LOG.debug("Not polling {}: the worker is stopping", name);
            }
        }
    }

    void removeHandler(JobHandler handler, Map<String, Object> properties) {
        Object queue = properties.get(JobHandler.QUEUE);
        if (queue instanceof String name && handlers.remove(name, handler)) {
            ScheduledFuture<?> poller = pollers.remove(name);
            if (poller != null) {
                // A job in progress finishes; no new job of this queue is claimed.
                poller.cancel(false);
            }
        }
    }

    @Deactivate
    void deactivate() {
        stopping = true;
        pollers.values().forEach(p -> p.cancel(false));
        pollers.clear();
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Job handlers still running after 10 s; interrupting them");
                scheduler.shutdownNow();
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.info("Job worker {} stopped", workerId);
    }

    String workerId() {
        return workerId;
    }

    /** Claims and runs jobs of one queue until it is empty; never throws, or the schedule would stop. */
    void poll(String queue) {
        try {
            for (int i = 0; i < MAX_JOBS_PER_POLL && !stopping; i++) {
                JobHandler handler = handlers.get(queue);
                if (handler == null) {
                    return;
                }
                Optional<Job> claimed = jobQueue.claim(queue, workerId, visibility);
                if (claimed.isEmpty()) {
                    return;
                }
                run(handler, claimed.get());
            }
        } catch (RuntimeException e) {
            // Typically the database is unreachable; retried on the next poll, so keep the log short.
            LOG.warn("Polling queue {} failed: {}", queue, e.getMessage());
            LOG.debug("Polling queue {} failed", queue, e);
        }
    }

    /** Deletes old completed jobs; every node may do it, deleting twice is harmless. Never throws. */
    void purge(Duration retention) {
        try {
            long deleted = jobQueue.purgeCompleted(retention);
            if (deleted > 0) {
                LOG.info("Deleted {} completed job(s) older than {}", deleted, retention);
            }
        } catch (RuntimeException e) {
            LOG.warn("Purging completed jobs failed: {}", e.getMessage());
        }
    }

    private void run(JobHandler handler, Job job) {
        try {
            handler.handle(job);
        } catch (Exception | LinkageError e) {
            LOG.warn("Job {} of queue {} failed on attempt {}/{}: {}", job.id(), job.queue(), job.attempts(),
                    job.maxAttempts(), e.toString());
            if (!jobQueue.fail(job.id(), workerId, describe(e))) {
                LOG.warn("Job {} of queue {}: the claim expired before the failure was recorded", job.id(), job.queue());
            }
            return;
        }
        if (!jobQueue.complete(job.id(), workerId)) {
            LOG.warn("Job {} of queue {} finished after its claim expired (visibility {}); another worker may run it "
                    + "again", job.id(), job.queue(), visibility);
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getName() + (message == null ? "" : ": " + message);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String fromEnv = System.getenv("HOSTNAME");
            return fromEnv == null || fromEnv.isBlank() ? "unknown-host" : fromEnv;
        }
    }

    private static final class WorkerThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "codara-jobs-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
