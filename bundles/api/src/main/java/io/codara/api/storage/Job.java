package io.codara.api.storage;

import java.time.Instant;

/**
 * A job of the {@link JobQueue}.
 *
 * @param id unique id
 * @param queue queue name
 * @param payload the JSON payload given when enqueued
 * @param state current state
 * @param attempts attempts started so far (including the current one when running)
 * @param maxAttempts attempts allowed before the job becomes a dead letter
 * @param runAt when the job is (or was) due
 * @param lastError the error of the last failed attempt, if any
 * @param createdAt when it was enqueued
 */
public record Job(long id, String queue, String payload, JobState state, int attempts, int maxAttempts,
        Instant runAt, String lastError, Instant createdAt) {
}
