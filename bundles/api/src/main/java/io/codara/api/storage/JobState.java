package io.codara.api.storage;

/** Life cycle of a {@link Job}. */
public enum JobState {
    /** Waiting to be claimed (possibly after a backoff). */
    QUEUED,
    /** Claimed by a worker whose claim has not expired. */
    RUNNING,
    /** Completed. */
    DONE,
    /** Failed on its last attempt; kept for inspection and manual retry. */
    DEAD
}
