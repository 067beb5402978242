package io.codara.ci.internal.artifacts;

import java.time.Duration;

import io.codara.api.ci.CiArtifacts;
import io.codara.api.storage.Job;
import io.codara.api.storage.JobOptions;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.QueueStats;
import io.codara.api.storage.spi.JobHandler;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the archives of expired artifacts every hour, as jobs of a queue every node shares (each run enqueueing the
 * next), so that in a cluster one node does it and no thread of its own is needed.
 */
@Component(service = JobHandler.class, property = JobHandler.QUEUE + "=" + ArtifactRetention.QUEUE)
public final class ArtifactRetention implements JobHandler {

    static final String QUEUE = "ci.artifact-retention";
    static final Duration EVERY = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(ArtifactRetention.class);

    private final CiArtifacts artifacts;
    private final JobQueue jobs;

    @Activate
    public ArtifactRetention(@Reference CiArtifacts artifacts, @Reference JobQueue jobs) {
        this.artifacts = artifacts;
        this.jobs = jobs;
        try {
            QueueStats stats = jobs.stats(QUEUE);
            if (stats.queued() + stats.running() == 0) {
                jobs.enqueue(QUEUE, "{}", options(Duration.ZERO));
            }
        } catch (RuntimeException e) {
            // still handles the runs other nodes enqueued; this node retries on its next activation
            LOG.warn("Could not schedule the artifact retention: {}", e.getMessage());
        }
    }

    @Override
    public void handle(Job job) {
        // the next run first, so that a failing one (retried, perhaps dead-lettered) does not end the chain
        if (jobs.stats(QUEUE).queued() == 0) {
            jobs.enqueue(QUEUE, "{}", options(EVERY));
        }
        int expired = artifacts.expire();
        if (expired > 0) {
            LOG.info("Deleted the archives of {} expired CI artifacts", expired);
        }
    }

    private static JobOptions options(Duration delay) {
        return new JobOptions(delay, 5, Duration.ofMinutes(1));
    }
}
