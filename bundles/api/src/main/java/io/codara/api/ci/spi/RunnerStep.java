package io.codara.api.ci.spi;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a job, with its expressions already evaluated: a {@code run} script, or one of Codara's built-in
 * actions ({@link #uses}: {@code upload-artifact}, {@code download-artifact}, {@code cache}) that a runner performs
 * itself through {@link io.codara.api.ci.CiArtifacts} and {@link io.codara.api.ci.CiCaches}.
 *
 * @param index the step's position, from 1 (0 is the runner's own "Set up job" log, {@link #SETUP})
 * @param id the step's {@code id} for {@code steps.<id>.outputs}, or {@code null}
 * @param name the name shown in the UI ({@code name}, else the first line of {@code run})
 * @param run the script
 * @param shell {@code bash}, {@code sh}, {@code python}, {@code pwsh}, a template with {@code {0}} for the script file
 *        (e.g. {@code perl {0}}), or {@code null} for the default ({@code bash -e {0}})
 * @param workingDirectory a directory relative to the workspace (or absolute inside it), or {@code null}
 * @param env the step's {@code env}
 * @param timeout the step's {@code timeout-minutes}, or {@code null} for the job's
 * @param continueOnError whether a failure of this step still lets the job succeed
 * @param uses the built-in action this step performs ({@link #UPLOAD_ARTIFACT}, {@link #DOWNLOAD_ARTIFACT},
 *        {@link #CACHE}), or {@code null} for a script; {@code run} is then a script that fails with a message
 *        saying so, for a runner that does not know the action
 * @param with the built-in action's inputs, as templates: a runner resolves them just before the step with
 *        {@link JobListener#inputs}, as {@code hashFiles} reads its workspace
 */
public record RunnerStep(int index, String id, String name, String run, String shell, String workingDirectory,
        Map<String, String> env, Duration timeout, boolean continueOnError, String uses, Map<String, String> with) {

    /** {@link #uses} of {@code actions/upload-artifact}. */
    public static final String UPLOAD_ARTIFACT = "upload-artifact";
    /** {@link #uses} of {@code actions/download-artifact}. */
    public static final String DOWNLOAD_ARTIFACT = "download-artifact";
    /** {@link #uses} of {@code actions/cache}. */
    public static final String CACHE = "cache";

    /** The index under which a runner reports its own set-up and clean-up output (checkout, sandbox). */
    public static final int SETUP = 0;

    public RunnerStep {
        Objects.requireNonNull(run, "run");
        if (index < 1) {
            throw new IllegalArgumentException("step indexes start at 1: " + index);
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        env = Map.copyOf(env == null ? Map.of() : env);
        with = Map.copyOf(with == null ? Map.of() : with);
        if (name == null || name.isBlank()) {
            String first = run.strip().lines().findFirst().orElse("");
            name = "Run " + first;
        }
    }

    /** A {@code run} step. */
    public RunnerStep(int index, String id, String name, String run, String shell, String workingDirectory,
            Map<String, String> env, Duration timeout, boolean continueOnError) {
        this(index, id, name, run, shell, workingDirectory, env, timeout, continueOnError, null, null);
    }
}
