package io.codara.ci.internal.docker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.codara.api.ci.spi.JobListener;
import io.codara.api.ci.spi.RunnerJob;
import io.codara.api.ci.spi.RunnerProvider;
import io.codara.api.ci.spi.RunningJob;
import io.codara.api.storage.StorageLayout;
import io.codara.ci.internal.shell.JobSlots;
import io.codara.ci.internal.shell.RunnerSettings;
import io.codara.ci.internal.shell.ShellJob;
import io.codara.ci.internal.shell.ShellRunnerProvider;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker runner: runs jobs whose {@code runs-on} is {@code docker:<image>} in a container of that image on a
 * Docker engine reached through its Engine API (a unix socket or TCP; podman's {@code system service} serves the
 * same API). The job is checked out on this node as the shell runner does ({@link ShellJob}, whose steps here run
 * through {@code docker exec} with the job's directory mounted at the same path), {@code services:} run as
 * containers on a network of the job. The engine is looked for at activation and again every
 * {@code recheck_seconds} when the dispatcher asks for slots (no thread of its own): while it does not answer, the
 * runner offers no labels and no slots, so its jobs wait for a capable runner. Each running job holds one thread of
 * the runner's pool, as on the shell runner.
 */
@Component(service = RunnerProvider.class, configurationPid = DockerRunnerProvider.PID)
@Designate(ocd = DockerRunnerConfig.class)
public final class DockerRunnerProvider implements RunnerProvider {

    /** Where built-in steps keep artifacts and caches (the CI bundle's own services; optional for a plugin's use). */
    @org.osgi.service.component.annotations.Reference(
            cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    volatile io.codara.api.ci.CiArtifacts artifacts;

    @org.osgi.service.component.annotations.Reference(
            cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    volatile io.codara.api.ci.CiCaches caches;


    static final String PID = "io.codara.ci.runner.docker";
    /** The {@code runs-on} label prefix of a Docker job. */
    public static final String LABEL_PREFIX = "docker:";
    private static final Logger LOG = LoggerFactory.getLogger(DockerRunnerProvider.class);

    private final DockerClient client;
    private final RunnerSettings settings;
    private final Set<String> labels;
    private final DockerContainer.Policy policy;
    private final Duration recheck;
    private final JobSlots jobs;
    private final Object checking = new Object();
    private volatile String engineVersion;
    private volatile long lastCheck;
    /** Why the engine did not answer at the last look, or {@code null}. */
    private volatile String lastProblem;

    @Activate
    public DockerRunnerProvider(@Reference StorageLayout layout, DockerRunnerConfig config) {
        this(layout, config, System.getenv(), Clock.systemUTC());
    }

    DockerRunnerProvider(StorageLayout layout, DockerRunnerConfig config, Map<String, String> environment,
            Clock clock) {
        String pull = config.pull_policy().strip();
        if (!pull.equals("if-not-present") && !pull.equals("never")) {
            throw new IllegalArgumentException("pull_policy must be if-not-present or never, not '" + pull + "'");
        }
        if (config.network().isBlank()) {
            throw new IllegalArgumentException("network must be job or the name of a network");
        }
        this.client = new DockerClient(DockerClient.resolve(config.engine(), environment),
                Duration.ofSeconds(Math.max(1, config.call_timeout_seconds())));
        String name = config.name().isBlank() ? "docker@" + hostName() : config.name();
        Path root = config.workspace_root().isBlank() ? layout.runnerJobs() : Path.of(config.workspace_root());
        this.settings = RunnerSettings.forContainers(name, root.toAbsolutePath(), config.max_log_bytes(),
                Duration.ofSeconds(Math.max(0, config.kill_grace_seconds())), config.path(), config.fetch_depth(),
                config.keep_workspace(), clock);
        this.policy = new DockerContainer.Policy(pull.equals("if-not-present"), config.network().strip(),
                Duration.ofSeconds(Math.max(1, config.pull_timeout_seconds())), config.keep_workspace());
        Set<String> offered = new LinkedHashSet<>(List.of(config.labels()));
        offered.add("linux");
        offered.add(ShellRunnerProvider.architecture());
        this.labels = Set.copyOf(offered);
        this.recheck = Duration.ofSeconds(Math.max(1, config.recheck_seconds()));
        this.jobs = new JobSlots(name, "codara-docker-runner-", config.max_concurrent_jobs());
        check();
        if (engineVersion != null) {
            LOG.info("Docker runner {} ready: engine {} at {}, workspaces in {}, labels docker:<image> and {}", name,
                    engineVersion, client.endpoint(), root, labels);
        }
    }

    @Deactivate
    void deactivate() {
        jobs.stop(settings.killGrace().plusSeconds(30));
    }

    /**
     * Looks whether the engine answers ({@code GET /_ping}, then {@code /version}); a change is logged once. The
     * runner is available exactly while the last look found the engine.
     */
    void check() {
        synchronized (checking) {
            lastCheck = System.nanoTime();
            String before = engineVersion;
            String found;
            String problem = null;
            try {
                DockerClient.Reply ping = client.call("GET", "/_ping", null, Duration.ofSeconds(5));
                if (!ping.ok()) {
                    throw new DockerException(ping.status(), ping.message());
                }
                JsonNode version = client.call("GET", "/version", null, Duration.ofSeconds(5)).json();
                found = version.path("Version").asText("?") + " (API " + version.path("ApiVersion").asText("?")
                        + ")";
            } catch (IOException | RuntimeException e) {
                found = null;
                problem = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            engineVersion = found;
            if (found == null && (before != null || lastProblem == null)) {
                LOG.warn("Docker runner {}: no Docker engine answers at {} ({}); docker:<image> jobs wait for another"
                        + " runner; looking again every {}s", settings.name(), client.endpoint(), problem,
                        recheck.toSeconds());
            } else if (found != null && before == null && lastProblem != null) {
                LOG.info("Docker runner {}: the Docker engine at {} answers now: {}", settings.name(),
                        client.endpoint(), found);
            }
            lastProblem = problem;
        }
    }

    private void checkIfDue() {
        if (System.nanoTime() - lastCheck >= recheck.toNanos()) {
            check();
        }
    }

    /** The engine's client (for tests and diagnostics). */
    DockerClient client() {
        return client;
    }

    /** The engine's version when it answered at the last look, else {@code null}. */
    String engineVersion() {
        return engineVersion;
    }

    @Override
    public String id() {
        return settings.name();
    }

    /** The labels offered while the engine answers (none while it does not). */
    @Override
    public Set<String> labels() {
        return engineVersion == null ? Set.of() : labels;
    }

    /**
     * Whether {@code requested} is exactly one {@code docker:<image>} label and otherwise only labels this runner
     * offers, and the engine answers.
     */
    @Override
    public boolean canRun(Set<String> requested) {
        checkIfDue();
        if (engineVersion == null) {
            return false;
        }
        return image(requested) != null && requested.stream().filter(label -> !label.startsWith(LABEL_PREFIX))
                .allMatch(labels::contains);
    }

    /** The image of the single {@code docker:<image>} label of {@code requested}, or {@code null}. */
    static String image(Set<String> requested) {
        List<String> docker = requested.stream().filter(label -> label.startsWith(LABEL_PREFIX)).toList();
        if (docker.size() != 1) {
            return null;
        }
        String image = docker.get(0).substring(LABEL_PREFIX.length()).strip();
        return image.isEmpty() || image.chars().anyMatch(Character::isWhitespace) ? null : image;
    }

    @Override
    public int availableSlots() {
        checkIfDue();
        return engineVersion == null ? 0 : jobs.available();
    }

    /**
     * Starts a job in a container of the image of its {@code docker:<image>} {@link RunnerJob#runsOn() runs-on}
     * label, with its {@link RunnerJob#services() services}.
     */
    @Override
    public RunningJob start(RunnerJob job, JobListener listener) {
        String image = image(Set.copyOf(job.runsOn()));
        if (image == null) {
            throw new IllegalArgumentException("job " + job.jobId() + " does not ask for one docker:<image> in its"
                    + " runs-on " + job.runsOn());
        }
        List<DockerContainer.Service> services = job.services().stream()
                .map(s -> new DockerContainer.Service(s.id(), s.image(), s.env())).toList();
        return jobs.start(job.jobId(), onEnd -> new ShellJob(job, listener, settings, onEnd,
                new DockerContainer(client, job.jobId(), image, services, policy), artifacts, caches));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
