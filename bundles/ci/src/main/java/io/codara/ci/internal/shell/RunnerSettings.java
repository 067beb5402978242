package io.codara.ci.internal.shell;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.codara.api.ci.spi.ResourceLimits;

/**
 * What every job of one shell runner shares, resolved from its configuration.
 *
 * @param name the runner's name
 * @param jobsRoot the directory holding one workspace per job id
 * @param sandbox how steps are sandboxed
 * @param limits the default resource limits (a job's own win)
 * @param prlimit the {@code prlimit} executable, or {@code null} when limits cannot be applied
 * @param setsid the {@code setsid} executable, or {@code null} (steps then share the runner's process group and are
 *        found through their descendants and cookie only)
 * @param maxLogBytes the cap of one step's log
 * @param killGrace the time between SIGTERM and SIGKILL
 * @param path the steps' base {@code PATH}
 * @param fetchDepth commits fetched for the checkout (0: full history)
 * @param keepWorkspace whether a job's directory is kept after it ends
 * @param clock the clock for timestamps
 */
public record RunnerSettings(String name, Path jobsRoot, Sandbox sandbox, ResourceLimits limits, Path prlimit,
        Path setsid, long maxLogBytes, Duration killGrace, String path, int fetchDepth, boolean keepWorkspace,
        Clock clock) {

    /**
     * The settings of a runner whose steps run in containers ({@link StepContainer}): no sandbox or process limits
     * on the host, where only the checkout runs.
     */
    public static RunnerSettings forContainers(String name, Path jobsRoot, long maxLogBytes, Duration killGrace,
            String path, int fetchDepth, boolean keepWorkspace, Clock clock) {
        return new RunnerSettings(name, jobsRoot, Sandbox.NONE, ResourceLimits.NONE, null, Sandbox.find("setsid",
                "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), maxLogBytes, killGrace, path,
                fetchDepth, keepWorkspace, clock);
    }
}
