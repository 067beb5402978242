package io.codara.api.ci.spi;

import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A kind of runner that executes CI jobs (a plugin registers one as an OSGi service; the engine picks the first whose
 * {@link #canRun} accepts a job's {@code runs-on} labels and that has a free slot).
 */
@ConsumerType
public interface RunnerProvider {

    /** A stable id for this runner, shown in the UI and logs (e.g. {@code shell@node-1}). */
    String id();

    /**
     * The labels this runner offers, e.g. {@code shell}, {@code self-hosted}, {@code linux}, {@code x64};
     * a Docker runner also answers {@code docker:<image>} labels through {@link #canRun}.
     */
    Set<String> labels();

    /** Whether this runner can run a job whose {@code runs-on} asks for all of {@code requested}. */
    default boolean canRun(Set<String> requested) {
        return labels().containsAll(requested);
    }

    /** How many more jobs this runner would start right now (0 when busy). */
    int availableSlots();

    /**
     * Starts {@code job} asynchronously and returns at once; progress and the end arrive through {@code listener}
     * (always ending with exactly one {@link JobListener#jobFinished}).
     *
     * @throws RejectedExecutionException when no slot is free
     * @throws IllegalArgumentException when the job asks for what this runner cannot do
     */
    RunningJob start(RunnerJob job, JobListener listener);
}
