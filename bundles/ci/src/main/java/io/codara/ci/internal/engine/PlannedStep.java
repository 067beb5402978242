package io.codara.ci.internal.engine;

import java.util.Map;
import java.util.Objects;

/**
 * A step as the engine runs it: its shell command and raw {@code if} condition (empty: {@code success()}).
 *
 * @param timeoutMinutes the step's own timeout, or {@code null} for the job's
 */
public record PlannedStep(String id, String name, String run, String shell, String workingDirectory,
        Map<String, String> env, Integer timeoutMinutes, boolean continueOnError, String condition) {

    public PlannedStep {
        Objects.requireNonNull(run, "run");
        env = Map.copyOf(env == null ? Map.of() : env);
        condition = condition == null ? "" : condition;
        if (name == null || name.isBlank()) {
            name = "Run " + run.strip().lines().findFirst().orElse("");
        }
    }
}
