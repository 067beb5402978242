package io.codara.api.ci.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How a job ended.
 *
 * @param jobId the job's id
 * @param conclusion success, failure (a step failed without {@code continue-on-error}, the job timed out, or the
 *        runner could not prepare it) or cancelled
 * @param message why it did not succeed, or {@code null}
 * @param steps every step's result, in order (skipped ones included)
 * @param startedAt when the runner started it
 * @param completedAt when it ended
 */
public record JobResult(long jobId, Conclusion conclusion, String message, List<StepResult> steps,
        Instant startedAt, Instant completedAt) {

    public JobResult {
        Objects.requireNonNull(conclusion, "conclusion");
        steps = List.copyOf(steps == null ? List.of() : steps);
    }
}
