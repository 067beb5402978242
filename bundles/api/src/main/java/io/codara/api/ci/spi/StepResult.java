package io.codara.api.ci.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * How one step ended.
 *
 * @param index the step's index
 * @param id the step's id, or {@code null}
 * @param outcome the result before {@code continue-on-error} ({@code steps.<id>.outcome})
 * @param conclusion the result after it ({@code steps.<id>.conclusion}): a failed step that may continue is a success
 * @param exitCode the script's exit code, or {@code null} when it did not run or was killed
 * @param outputs the outputs it wrote to {@code $CODARA_OUTPUT} / {@code $GITHUB_OUTPUT}
 * @param message why it failed, was cancelled or skipped (e.g. "timed out after 5m"), or {@code null}
 * @param startedAt when it started, or {@code null} when skipped
 * @param completedAt when it ended
 */
public record StepResult(int index, String id, Conclusion outcome, Conclusion conclusion, Integer exitCode,
        Map<String, String> outputs, String message, Instant startedAt, Instant completedAt) {

    public StepResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(conclusion, "conclusion");
        outputs = Map.copyOf(outputs == null ? Map.of() : outputs);
    }
}
