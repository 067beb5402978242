package io.codara.api.ci.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The engine's side of a running job: a runner reports progress here, in order, from one thread at a time, and asks
 * here whether each step runs. Every argument is plain data, so a remote runner can make the same calls over HTTP.
 */
@ProviderType
public interface JobListener {

    /**
     * Whether {@code step} runs, asked just before it: the engine evaluates the step's {@code if} against
     * {@code finished} (the results so far, outputs included) and whether the job was {@code cancelled} (by
     * {@link RunningJob#cancel} or its timeout). A step that does not run is reported as skipped.
     */
    boolean shouldRun(RunnerStep step, List<StepResult> finished, boolean cancelled);

    /**
     * The inputs ({@code with}) of a built-in step, asked just before it runs: the engine evaluates their templates
     * against {@code finished} ({@code steps} context), calling {@code hashFiles} for each {@code hashFiles(...)},
     * which the runner answers over its workspace (GitHub's hash: SHA-256 over the files' SHA-256s; empty when
     * nothing matches). Throws {@link IllegalArgumentException} when an expression fails.
     */
    default Map<String, String> inputs(RunnerStep step, List<StepResult> finished,
            Function<List<String>, String> hashFiles) {
        return step.with();
    }

    /** A step has started. */
    void stepStarted(RunnerStep step, Instant at);

    /** Log lines of a step (or of the set-up, {@link RunnerStep#SETUP}), masked and timestamped. */
    void log(LogChunk chunk);

    /** A step has ended (also called for a skipped step). */
    void stepFinished(StepResult result);

    /** The job has ended; the last call for this job. */
    void jobFinished(JobResult result);
}
