package io.codara.api.ci.spi;

import java.time.Duration;

import org.osgi.annotation.versioning.ConsumerType;

/** A job a {@link RunnerProvider} has started: it can be cancelled and awaited. */
@ConsumerType
public interface RunningJob {

    /** The job's id ({@link RunnerJob#jobId()}). */
    long jobId();

    /**
     * Cancels the job: the running step's whole process tree is stopped, and later steps run only where the engine's
     * {@link JobListener#shouldRun} still says so (for {@code if: always()} or {@code cancelled()}). Idempotent.
     */
    void cancel();

    /** Whether {@link JobListener#jobFinished} has been delivered. */
    boolean isDone();

    /** Waits at most {@code timeout} for the job to finish; answers whether it did. */
    boolean await(Duration timeout) throws InterruptedException;
}
