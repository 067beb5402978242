package io.codara.ci.internal.shell;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.codara.ci.internal.logs.StepLog;

/**
 * Where a {@link ShellJob}'s steps run when not as local processes: a container (the Docker runner's). The job is
 * checked out, its command files are read and its results reported exactly as on the shell runner; only the steps'
 * processes run inside, with the job's directory mounted at the same path.
 */
public interface StepContainer {

    /** What the set-up log says about where steps run, e.g. {@code docker, image alpine:3.20}. */
    String description();

    /**
     * Starts the container after the checkout (image, network, service containers), logging to {@code setup};
     * answers why the job cannot run, or {@code null}.
     */
    String start(Path jobDir, StepLog setup);

    /** The shell of a step that names none: {@code null} for the runner's default (bash), or {@code sh}. */
    String defaultShell();

    /** Starts {@code command} inside the container with exactly {@code env}, in {@code workDir}. */
    Execution exec(List<String> command, Map<String, String> env, Path workDir) throws IOException;

    /** Stops every process the steps started in the container (SIGTERM, then SIGKILL after {@code grace}). */
    void stopProcesses(Duration grace);

    /** Removes the containers and network of the job, logging to {@code setup}; never throws. */
    void remove(StepLog setup);

    /** One command running in the container; closing it lets go of its output. */
    interface Execution extends Closeable {

        /** Writes the output that arrives within {@code waitMillis} to {@code log}; false once the output ended. */
        boolean pump(StepLog log, long waitMillis) throws IOException;

        /** Whether the command's process still runs. */
        boolean running() throws IOException;

        /** The command's exit code once it ended, or {@code null} when the engine does not know it. */
        Integer exitCode() throws IOException;
    }
}
