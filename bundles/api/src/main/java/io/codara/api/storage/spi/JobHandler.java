package io.codara.api.storage.spi;

import io.codara.api.storage.Job;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs the jobs of one queue. Register it as a service with the property {@link #QUEUE}; Codara's worker claims
 * jobs of that queue on every node and calls {@link #handle}. Handlers must be idempotent: a job whose worker
 * died is run again.
 */
@ConsumerType
public interface JobHandler {

    /** Service property naming the queue this handler serves. */
    String QUEUE = "codara.job.queue";

    /**
     * Runs one job. Returning completes it; throwing records a failed attempt (retried with backoff, then
     * dead-lettered).
     */
    void handle(Job job) throws Exception;
}
