package io.codara.api.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A durable job queue on PostgreSQL ({@code FOR UPDATE SKIP LOCKED}), shared by every node. Jobs are retried
 * with exponential backoff and moved to the dead letters after their last attempt. Handlers registered as
 * {@link io.codara.api.storage.spi.JobHandler} services are called by Codara's worker; callers can also claim
 * jobs themselves (a remote runner does).
 */
@ProviderType
public interface JobQueue {

    /** Enqueues a job in its own transaction. */
    Job enqueue(String queue, String payloadJson, JobOptions options);

    /** Enqueues a job inside the caller's transaction: it exists only if that transaction commits. */
    Job enqueue(Connection transaction, String queue, String payloadJson, JobOptions options) throws SQLException;

    /**
     * Claims the oldest due job of {@code queue} for {@code worker}. The job stays invisible to other claimers
     * for {@code visibility}; if it is neither completed nor failed by then, it becomes claimable again.
     */
    Optional<Job> claim(String queue, String worker, Duration visibility);

    /** Marks a claimed job done. Returns false when the claim had expired and someone else holds the job. */
    boolean complete(long jobId, String worker);

    /**
     * Records a failed attempt: the job is retried after a backoff, or becomes a dead letter after its last attempt.
     * Returns false when the claim had expired.
     */
    boolean fail(long jobId, String worker, String error);

    /** Looks a job up. */
    Optional<Job> find(long jobId);

    /** Dead letters of a queue, newest first. */
    List<Job> deadLetters(String queue, int limit);

    /** Puts a dead letter back in its queue with a fresh attempt budget. */
    boolean retry(long jobId);

    /** Counts per state for one queue. */
    QueueStats stats(String queue);

    /**
     * Deletes the jobs of every queue that completed more than {@code age} ago; dead letters stay until retried.
     * Codara's worker calls this on a schedule.
     *
     * @return how many jobs were deleted
     */
    long purgeCompleted(Duration age);
}
