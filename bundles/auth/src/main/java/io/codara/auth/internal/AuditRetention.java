package io.codara.auth.internal;

import java.time.Duration;
import java.util.Map;
import java.util.random.RandomGenerator;

import io.codara.api.audit.Actor;
import io.codara.api.audit.AuditEvent;
import io.codara.api.audit.AuditLog;
import io.codara.api.storage.Job;
import io.codara.api.storage.JobOptions;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.QueueStats;
import io.codara.api.storage.spi.JobHandler;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes audit entries older than the configured retention once a day, as jobs of a queue every node shares (each
 * run enqueueing the next) so that in a cluster one node purges rather than all of them.
 */
@Component(service = JobHandler.class, configurationPid = AuditRetention.PID,
        property = JobHandler.QUEUE + "=" + AuditRetention.QUEUE)
@Designate(ocd = AuditRetentionConfig.class)
public final class AuditRetention implements JobHandler {

    static final String PID = "io.codara.audit";
    static final String QUEUE = "auth.audit-retention";
    static final String PURGE_ACTION = "audit_log.purge";
    static final Duration EVERY = Duration.ofDays(1);
    /** Upper bound of the random delay added to each run; see {@link #scheduleNextRun()}. */
    static final Duration JITTER = Duration.ofMinutes(15);

    private static final Logger LOG = LoggerFactory.getLogger(AuditRetention.class);
    private static final String PAYLOAD = "{}";

    private final AuditLog auditLog;
    private final JobQueue jobs;
    private final int retentionDays;
    private final RandomGenerator random;

    @Activate
    public AuditRetention(@Reference AuditLog auditLog, @Reference JobQueue jobs, AuditRetentionConfig config) {
        this(auditLog, jobs, config, RandomGenerator.getDefault());
    }

    AuditRetention(AuditLog auditLog, JobQueue jobs, AuditRetentionConfig config, RandomGenerator random) {
        this.auditLog = auditLog;
        this.jobs = jobs;
        this.random = random;
        if (config.retention_days() < 0) {
            LOG.warn("Audit retention of {} days is invalid; keeping every entry", config.retention_days());
        }
        this.retentionDays = Math.max(0, config.retention_days());
        scheduleFirstRun();
    }

    /**
     * Starts the daily chain unless a run is already waiting or running (started by this or another node).
     * JobQueue cannot enqueue conditionally, so two nodes starting at the same moment may both enqueue: then two
     * chains run until {@link #scheduleNextRun()} merges them. A purge is idempotent, so the only cost of that is
     * a second {@value #PURGE_ACTION} entry on the days both run.
     */
    private void scheduleFirstRun() {
        try {
            QueueStats stats = jobs.stats(QUEUE);
            if (stats.queued() + stats.running() == 0) {
                jobs.enqueue(QUEUE, PAYLOAD, options(Duration.ZERO));
                LOG.info("Audit log retention scheduled ({})", describe(retentionDays));
            }
        } catch (RuntimeException e) {
            // Still serve as a handler for runs other nodes enqueued; this node retries on its next activation.
            LOG.warn("Could not schedule the audit log retention: {}", e.getMessage());
        }
    }

    @Override
    public void handle(Job job) {
        // The next run is enqueued before purging, so that a failing purge (retried, perhaps dead-lettered) does
        // not end the daily chain.
        scheduleNextRun();
        if (retentionDays == 0) {
            return;
        }
        long deleted = auditLog.purgeOlderThan(Duration.ofDays(retentionDays));
        auditLog.record(new AuditEvent(PURGE_ACTION, Actor.SYSTEM, "audit_log", null,
                Map.of("count", deleted, "retention_days", retentionDays)));
        LOG.info("Deleted {} audit entries older than {} days", deleted, retentionDays);
    }

    /**
     * Enqueues tomorrow's run unless one is queued already: by a retry of this job's earlier attempt, or by a
     * second chain. Skipping then merges two chains into one. The random jitter keeps two chains from being due
     * at the same moment, when both runs would see nothing queued and both enqueue again.
     */
    private void scheduleNextRun() {
        if (jobs.stats(QUEUE).queued() > 0) {
            return;
        }
        Duration jitter = Duration.ofSeconds(random.nextLong(JITTER.toSeconds() + 1));
        jobs.enqueue(QUEUE, PAYLOAD, options(EVERY.plus(jitter)));
    }

    private static JobOptions options(Duration delay) {
        // Failed purges are retried after 1, 2, 4 and 8 minutes: long enough to outlast a database restart.
        return new JobOptions(delay, 5, Duration.ofMinutes(1));
    }

    private static String describe(int days) {
        return days == 0 ? "entries kept forever" : "entries kept " + days + " days";
    }
}
