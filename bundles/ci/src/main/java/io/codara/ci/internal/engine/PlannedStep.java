package io.codara.ci.internal.engine;

import java.util.Map;
import java.util.Objects;

/**
 * A step as the engine runs it: its shell command and raw {@code if} condition (empty: {@code success()}).
 *
 * @param timeoutMinutes the step's own timeout, or {@code null} for the job's
 * @param uses the built-in action the runner performs ({@code upload-artifact}, {@code download-artifact},
 *        {@code cache}), or {@code null}; {@code run} then fails on a runner without it
 * @param with the action's inputs (templates, evaluated just before the step)
 */
public record PlannedStep(String id, String name, String run, String shell, String workingDirectory,
        Map<String, String> env, Integer timeoutMinutes, boolean continueOnError, String condition, String uses,
        Map<String, String> with) {

    /** A {@code run} step. */
    public PlannedStep(String id, String name, String run, String shell, String workingDirectory,
            Map<String, String> env, Integer timeoutMinutes, boolean continueOnError, String condition) {
        this(id, name, run, shell, workingDirectory, env, timeoutMinutes, continueOnError, condition, null, null);
    }

    public PlannedStep {
        Objects.requireNonNull(run, "run");
        env = Map.copyOf(env == null ? Map.of() : env);
        with = with == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(with));
        condition = condition == null ? "" : condition;
        if (name == null || name.isBlank()) {
            name = "Run " + run.strip().lines().findFirst().orElse("");
        }
    }
}
