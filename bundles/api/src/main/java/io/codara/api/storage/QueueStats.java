package io.codara.api.storage;

/** Number of jobs of one queue per state. */
public record QueueStats(String queue, long queued, long running, long done, long dead) {
}
