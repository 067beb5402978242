package io.codara.api.storage;

import java.time.Duration;

/**
 * How a job is scheduled and retried.
 *
 * @param delay wait before the first attempt
 * @param maxAttempts attempts before it becomes a dead letter (at least 1)
 * @param backoff base delay between attempts, doubled after each failure
 */
public record JobOptions(Duration delay, int maxAttempts, Duration backoff) {

    /** Defaults: now, 5 attempts, 10 s backoff doubling. */
    public static final JobOptions DEFAULT = new JobOptions(Duration.ZERO, 5, Duration.ofSeconds(10));

    public JobOptions {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay must be zero or positive");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (backoff == null || backoff.isNegative()) {
            throw new IllegalArgumentException("backoff must be zero or positive");
        }
    }
}
