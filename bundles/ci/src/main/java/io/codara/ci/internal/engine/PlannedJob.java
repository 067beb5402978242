package io.codara.ci.internal.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A job of a run as planned from its workflow: one entry per matrix combination, all sharing the key that
 * {@code needs} names.
 *
 * @param key the job's id in the workflow ({@code jobs.<key>})
 * @param matrix the matrix values of this combination (empty without a matrix)
 * @param runsOn the labels a runner must offer
 * @param condition the raw {@code if} (empty: {@code success()})
 * @param failFast whether a failure of one job of this key cancels the others ({@code strategy.fail-fast})
 * @param outputs the job's {@code outputs}, templates over the {@code steps} context evaluated when it ends
 * @param maxParallel how many jobs of this key may be queued or run at once, 0: any ({@code strategy.max-parallel})
 * @param concurrency the job's evaluated {@code concurrency}, or {@code null}
 * @param services the job's {@code services:} by id, image and env as templates evaluated when the job starts
 */
public record PlannedJob(String key, String name, Map<String, String> matrix, List<String> needs, List<String> runsOn,
        int timeoutMinutes, boolean continueOnError, String condition, Map<String, String> env,
        List<PlannedStep> steps, boolean failFast, int maxParallel, Map<String, String> outputs,
        PlannedRun.Concurrency concurrency, Map<String, Service> services) {

    /** A {@code services:} entry: its image and environment, as templates. */
    public record Service(String image, Map<String, String> env) {

        public Service {
            Objects.requireNonNull(image, "image");
            env = Map.copyOf(env == null ? Map.of() : env);
        }
    }

    /** A job without concurrency and services. */
    public PlannedJob(String key, String name, Map<String, String> matrix, List<String> needs, List<String> runsOn,
            int timeoutMinutes, boolean continueOnError, String condition, Map<String, String> env,
            List<PlannedStep> steps, boolean failFast, int maxParallel, Map<String, String> outputs) {
        this(key, name, matrix, needs, runsOn, timeoutMinutes, continueOnError, condition, env, steps, failFast,
                maxParallel, outputs, null, Map.of());
    }

    /** A job without services. */
    public PlannedJob(String key, String name, Map<String, String> matrix, List<String> needs, List<String> runsOn,
            int timeoutMinutes, boolean continueOnError, String condition, Map<String, String> env,
            List<PlannedStep> steps, boolean failFast, int maxParallel, Map<String, String> outputs,
            PlannedRun.Concurrency concurrency) {
        this(key, name, matrix, needs, runsOn, timeoutMinutes, continueOnError, condition, env, steps, failFast,
                maxParallel, outputs, concurrency, Map.of());
    }

    /** A job without concurrency. */
    public PlannedJob(String key, String name, Map<String, String> matrix, List<String> needs, List<String> runsOn,
            int timeoutMinutes, boolean continueOnError, String condition, Map<String, String> env,
            List<PlannedStep> steps, boolean failFast, int maxParallel, Map<String, String> outputs,
            Map<String, Service> services) {
        this(key, name, matrix, needs, runsOn, timeoutMinutes, continueOnError, condition, env, steps, failFast,
                maxParallel, outputs, null, services);
    }

    /** A job outside a matrix strategy. */
    public PlannedJob(String key, String name, Map<String, String> matrix, List<String> needs, List<String> runsOn,
            int timeoutMinutes, boolean continueOnError, String condition, Map<String, String> env,
            List<PlannedStep> steps) {
        this(key, name, matrix, needs, runsOn, timeoutMinutes, continueOnError, condition, env, steps, false, 0,
                Map.of());
    }

    public PlannedJob {
        Objects.requireNonNull(key, "key");
        matrix = Map.copyOf(matrix == null ? Map.of() : matrix);
        needs = List.copyOf(needs == null ? List.of() : needs);
        runsOn = List.copyOf(runsOn == null ? List.of() : runsOn);
        env = Map.copyOf(env == null ? Map.of() : env);
        steps = List.copyOf(steps == null ? List.of() : steps);
        outputs = Map.copyOf(outputs == null ? Map.of() : outputs);
        services = services == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(services));
        condition = condition == null ? "" : condition;
        if (runsOn.isEmpty()) {
            throw new IllegalArgumentException("job " + key + " has no runs-on");
        }
        if (timeoutMinutes < 1) {
            throw new IllegalArgumentException("job " + key + " has a timeout below one minute");
        }
        name = name == null || name.isBlank() ? key : name;
        if (maxParallel < 0) {
            throw new IllegalArgumentException("job " + key + " has a negative max-parallel");
        }
    }
}
