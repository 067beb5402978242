package io.codara.ci.internal.shell;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.codara.api.ci.CiArtifacts;
import io.codara.api.ci.CiCaches;
import io.codara.api.ci.spi.JobListener;
import io.codara.api.ci.spi.ResourceLimits;
import io.codara.api.ci.spi.RunnerJob;
import io.codara.api.ci.spi.RunnerProvider;
import io.codara.api.ci.spi.RunningJob;
import io.codara.api.storage.StorageLayout;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in runner: runs jobs as local processes of the Codara server, each in
 * {@code <codara.root>/mnt/runners/jobs/{job_id}/} with the repository checked out at the commit by the {@code git}
 * CLI, a clean environment, optional bubblewrap sandboxing and {@code prlimit} limits, and the whole process tree
 * stopped on timeout or cancel. Each running job holds one thread of its own pool: a job blocks on its processes for
 * its whole life, which a shared scheduler must not do.
 */
@Component(service = RunnerProvider.class, configurationPid = ShellRunnerProvider.PID)
@Designate(ocd = ShellRunnerConfig.class)
public final class ShellRunnerProvider implements RunnerProvider {

    static final String PID = "io.codara.ci.runner.shell";
    private static final Logger LOG = LoggerFactory.getLogger(ShellRunnerProvider.class);

    private final RunnerSettings settings;
    private final Set<String> labels;
    private final JobSlots jobs;

    private final CiArtifacts artifacts;
    private final CiCaches caches;

    @Activate
    public ShellRunnerProvider(@Reference StorageLayout layout, @Reference CiArtifacts artifacts,
            @Reference CiCaches caches, ShellRunnerConfig config) {
        this(layout, config, Clock.systemUTC(), artifacts, caches);
    }

    /** A runner without the artifact and cache services: its built-in steps fail saying so. */
    ShellRunnerProvider(StorageLayout layout, ShellRunnerConfig config) {
        this(layout, config, Clock.systemUTC(), null, null);
    }

    ShellRunnerProvider(StorageLayout layout, ShellRunnerConfig config, Clock clock) {
        this(layout, config, clock, null, null);
    }

    ShellRunnerProvider(StorageLayout layout, ShellRunnerConfig config, Clock clock, CiArtifacts artifacts,
            CiCaches caches) {
        this.artifacts = artifacts;
        this.caches = caches;
        String path = config.path();
        Path root = config.workspace_root().isBlank() ? layout.runnerJobs() : Path.of(config.workspace_root());
        String name = config.name().isBlank() ? "shell@" + hostName() : config.name();
        Sandbox sandbox = Sandbox.configure(config.sandbox(), config.sandbox_network(),
                Arrays.asList(config.sandbox_read_only()), path);
        if (sandbox.notice() != null) {
            LOG.warn("Shell runner {}: {}", name, sandbox.notice());
        }
        if (sandbox.error() != null) {
            LOG.error("Shell runner {}: {}; its jobs will fail", name, sandbox.error());
        }
        Path prlimit = Sandbox.find("prlimit", path);
        ResourceLimits limits = new ResourceLimits(config.cpu_seconds(), config.memory_bytes(),
                config.max_processes());
        if (prlimit == null && !limits.equals(ResourceLimits.NONE)) {
            LOG.warn("Shell runner {}: prlimit (util-linux) is not installed, CPU and memory limits are not applied",
                    name);
        }
        this.settings = new RunnerSettings(name, root.toAbsolutePath(), sandbox, limits, prlimit,
                Sandbox.find("setsid", path), config.max_log_bytes(),
                Duration.ofSeconds(Math.max(0, config.kill_grace_seconds())), path, config.fetch_depth(),
                config.keep_workspace(), clock);
        Set<String> offered = new LinkedHashSet<>(List.of(config.labels()));
        offered.add("linux");
        offered.add(architecture());
        this.labels = Set.copyOf(offered);
        this.jobs = new JobSlots(name, "codara-shell-runner-", config.max_concurrent_jobs());
        LOG.info("Shell runner {} ready: workspaces in {}, {}, labels {}", name, root,
                sandbox.active() ? "bubblewrap sandbox" : "no sandbox", labels);
    }

    @Deactivate
    void deactivate() {
        jobs.stop(settings.killGrace().plusSeconds(15));
    }

    @Override
    public String id() {
        return settings.name();
    }

    @Override
    public Set<String> labels() {
        return labels;
    }

    @Override
    public int availableSlots() {
        return jobs.available();
    }

    @Override
    public RunningJob start(RunnerJob job, JobListener listener) {
        return jobs.start(job.jobId(), onEnd -> new ShellJob(job, listener, settings, onEnd, null, artifacts, caches));
    }

    /** The sandbox in use (for tests and diagnostics). */
    Sandbox sandbox() {
        return settings.sandbox();
    }

    /** The workspace root. */
    Path jobsRoot() {
        return settings.jobsRoot();
    }

    /** GitHub's runner label for this machine's architecture. */
    public static String architecture() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "x64";
            case "aarch64", "arm64" -> "arm64";
            case "arm" -> "arm";
            case "x86", "i386", "i686" -> "x86";
            default -> arch;
        };
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
