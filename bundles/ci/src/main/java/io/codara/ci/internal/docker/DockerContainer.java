package io.codara.ci.internal.docker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.codara.ci.internal.logs.StepLog;
import io.codara.ci.internal.shell.StepContainer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The containers of one job on a Docker engine: the job container of {@code runs-on: docker:<image>} (kept alive by
 * {@code tail -f /dev/null}, as GitHub's runner does, with the job's directory mounted at the same path) where every
 * step runs through {@code exec}, and its {@code services:} containers on a network of the job, each reachable by
 * its service id. Everything is removed (forcibly, so killed first) when the job ends.
 */
final class DockerContainer implements StepContainer {

    private static final Logger LOG = LoggerFactory.getLogger(DockerContainer.class);

    /** A service container to start for the job: reachable on the job's network under {@code id}. */
    record Service(String id, String image, Map<String, String> env) {

        Service {
            env = Map.copyOf(env == null ? Map.of() : env);
        }
    }

    /** How images are obtained and where the containers are connected. */
    record Policy(boolean pull, String network, Duration pullTimeout, boolean keep) {
    }

    private final DockerClient client;
    private final long jobId;
    private final String image;
    private final List<Service> services;
    private final Policy policy;
    private final String prefix;
    private final List<String> serviceIds = new ArrayList<>();
    private String networkName;
    private boolean networkCreated;
    private String containerId;
    private String defaultShell;

    DockerContainer(DockerClient client, long jobId, String image, List<Service> services, Policy policy) {
        this.client = client;
        this.jobId = jobId;
        this.image = image;
        this.services = List.copyOf(services);
        this.policy = policy;
        this.prefix = "codara-job-" + jobId + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public String description() {
        return "docker, image " + image + " on " + client.endpoint();
    }

    @Override
    public String defaultShell() {
        return defaultShell;
    }

    /** The job container's id once started. */
    String containerId() {
        return containerId;
    }

    /** The job's network, or {@code null}. */
    String networkName() {
        return networkName;
    }

    @Override
    public String start(Path jobDir, StepLog setup) {
        setup.line("##[group]Starting the job's containers on " + client.endpoint());
        try {
            String problem = ensureImage(image, setup);
            for (Service service : services) {
                if (problem == null) {
                    problem = ensureImage(service.image(), setup);
                }
            }
            if (problem != null) {
                return problem;
            }
            if (policy.network().equals("job")) {
                networkName = prefix;
                client.expect("POST", "/networks/create", Map.of("Name", networkName, "Driver", "bridge",
                        "CheckDuplicate", true, "Labels", labels()));
                networkCreated = true;
                setup.line("Network " + networkName);
            } else {
                networkName = policy.network();
            }
            for (Service service : services) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("Image", service.image());
                body.put("Env", envList(service.env()));
                body.put("Labels", labels());
                body.put("HostConfig", Map.of("NetworkMode", networkName));
                body.put("NetworkingConfig", endpoints(List.of(service.id())));
                String id = create(prefix + "-" + safe(service.id()), body);
                serviceIds.add(id);
                client.expect("POST", "/containers/" + id + "/start", null);
                setup.line("Service " + service.id() + ": " + service.image() + " (container " + shortId(id) + ")");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("Image", image);
            body.put("Entrypoint", List.of("tail"));
            body.put("Cmd", List.of("-f", "/dev/null"));
            body.put("WorkingDir", jobDir.resolve("workspace").toString());
            body.put("Labels", labels());
            body.put("HostConfig", Map.of("Binds", List.of(jobDir + ":" + jobDir), "NetworkMode", networkName));
            body.put("NetworkingConfig", endpoints(List.of()));
            containerId = create(prefix, body);
            client.expect("POST", "/containers/" + containerId + "/start", null);
            setup.line("Job container: " + image + " (container " + shortId(containerId) + "), " + jobDir
                    + " mounted at the same path");
            defaultShell = probe(List.of("sh", "-c", "command -v bash")) == 0 ? null : "sh";
            if (defaultShell != null) {
                setup.line("bash is not in the image: steps without a shell run with sh -e {0}");
            }
            return null;
        } catch (DockerException e) {
            return "the Docker engine refused to start the job's containers: " + e.getMessage();
        } catch (IOException | RuntimeException e) {
            return "the Docker engine at " + client.endpoint() + " failed: " + e.getMessage();
        } finally {
            setup.line("##[endgroup]");
        }
    }

    /** Makes sure the engine has {@code reference}, pulling it when allowed; answers why not, or {@code null}. */
    private String ensureImage(String reference, StepLog setup) throws IOException {
        if (client.call("GET", "/images/" + reference + "/json", null).ok()) {
            setup.line("Image " + reference + " is on the engine");
            return null;
        }
        if (!policy.pull()) {
            return "the image " + reference + " is not on the Docker engine, and this runner does not pull images"
                    + " (pull_policy never)";
        }
        setup.line("Pulling " + reference);
        Map<String, String> query = new LinkedHashMap<>();
        int at = reference.indexOf('@');
        int colon = reference.lastIndexOf(':');
        if (at >= 0 || colon <= reference.lastIndexOf('/')) {
            query.put("fromImage", reference);
            if (at < 0) {
                query.put("tag", "latest");
            }
        } else {
            query.put("fromImage", reference.substring(0, colon));
            query.put("tag", reference.substring(colon + 1));
        }
        DockerClient.Reply reply = client.call("POST", "/images/create" + DockerClient.query(query), null,
                policy.pullTimeout());
        String error = reply.ok() ? null : reply.message();
        for (String line : reply.body().split("\n")) {
            if (error == null && line.contains("\"error\"")) {
                try {
                    error = DockerClient.JSON.readTree(line).path("error").asText(line);
                } catch (IOException e) {
                    error = line;
                }
            }
        }
        if (error != null || !client.call("GET", "/images/" + reference + "/json", null).ok()) {
            return "the image " + reference + " could not be pulled: " + (error == null ? "the engine does not have"
                    + " it after the pull" : error.strip());
        }
        setup.line("Pulled " + reference);
        return null;
    }

    private String create(String name, Map<String, Object> body) throws IOException {
        JsonNode created = client.expect("POST", "/containers/create" + DockerClient.query(Map.of("name", name)),
                body);
        return created.path("Id").asText();
    }

    private Map<String, Object> endpoints(List<String> aliases) {
        if (!networkCreated) {
            return Map.of();
        }
        return Map.of("EndpointsConfig", Map.of(networkName, Map.of("Aliases", aliases)));
    }

    private Map<String, String> labels() {
        return Map.of("io.codara.ci.job", Long.toString(jobId));
    }

    /** Runs {@code command} in the job container to its end, its output dropped; answers its exit code. */
    private int probe(List<String> command) throws IOException {
        try (Execution execution = exec(command, Map.of(), null)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (((DockerExecution) execution).drain(200)) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new IOException("`" + String.join(" ", command) + "` did not end within 30s");
                }
            }
            Integer code = execution.exitCode();
            return code == null ? -1 : code;
        }
    }

    @Override
    public Execution exec(List<String> command, Map<String, String> env, Path workDir) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("AttachStdin", false);
        body.put("AttachStdout", true);
        body.put("AttachStderr", true);
        body.put("Tty", false);
        body.put("Cmd", command);
        body.put("Env", envList(env));
        if (workDir != null) {
            body.put("WorkingDir", workDir.toString());
        }
        String execId = client.expect("POST", "/containers/" + containerId + "/exec", body).path("Id").asText();
        DockerClient.Exchange exchange = client.open("POST", "/exec/" + execId + "/start",
                Map.of("Detach", false, "Tty", false), Duration.ofSeconds(60));
        if (exchange.status() != 200 && exchange.status() != 101) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (exchange) {
                while (exchange.pump(out::write, 5000)) {
                    // read the error body
                }
            }
            throw new DockerException(exchange.status(), new DockerClient.Reply(exchange.status(),
                    out.toString(java.nio.charset.StandardCharsets.UTF_8)).message());
        }
        return new DockerExecution(execId, exchange);
    }

    /** One exec: its multiplexed output demultiplexed into the step's log, stdout and stderr merged. */
    private final class DockerExecution implements Execution {

        private final String execId;
        private final DockerClient.Exchange exchange;
        private final StreamDemultiplexer demultiplexer;
        private StepLog target;

        DockerExecution(String execId, DockerClient.Exchange exchange) {
            this.execId = execId;
            this.exchange = exchange;
            this.demultiplexer = new StreamDemultiplexer((stream, bytes, offset, length) -> {
                if (target != null) {
                    target.write(bytes, offset, length);
                }
            });
        }

        @Override
        public boolean pump(StepLog log, long waitMillis) throws IOException {
            target = log;
            return exchange.pump(demultiplexer::feed, waitMillis);
        }

        /** Reads and drops output; false once it ended. */
        boolean drain(long waitMillis) throws IOException {
            target = null;
            return exchange.pump(demultiplexer::feed, waitMillis);
        }

        @Override
        public boolean running() throws IOException {
            return client.expect("GET", "/exec/" + execId + "/json", null).path("Running").asBoolean(false);
        }

        @Override
        public Integer exitCode() throws IOException {
            JsonNode state = client.expect("GET", "/exec/" + execId + "/json", null);
            if (state.path("Running").asBoolean(false) || !state.path("ExitCode").canConvertToInt()) {
                return null;
            }
            return state.path("ExitCode").asInt();
        }

        @Override
        public void close() throws IOException {
            exchange.close();
        }
    }

    @Override
    public void stopProcesses(Duration grace) {
        try {
            probe(List.of("sh", "-c", "kill -TERM -1 2>/dev/null; exit 0"));
            long until = System.nanoTime() + grace.toNanos();
            while (System.nanoTime() - until < 0
                    && probe(List.of("sh", "-c", "for p in /proc/[0-9]*; do case ${p#/proc/} in 1|$$) ;; *) exit 1;; "
                            + "esac; done; exit 0")) != 0) {
                Thread.sleep(200);
            }
            probe(List.of("sh", "-c", "kill -KILL -1 2>/dev/null; exit 0"));
        } catch (IOException e) {
            LOG.warn("Job {}: cannot stop the processes in container {}: {}", jobId, containerId, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void remove(StepLog setup) {
        if (policy.keep()) {
            setup.line("Keeping the job's containers" + (networkCreated ? " and network " + networkName : ""));
            return;
        }
        List<String> containers = new ArrayList<>();
        if (containerId != null) {
            containers.add(containerId);
        }
        containers.addAll(serviceIds);
        for (String id : containers) {
            try {
                DockerClient.Reply reply = client.call("DELETE", "/containers/" + id + "?force=true&v=true", null);
                if (!reply.ok() && reply.status() != 404) {
                    setup.line("##[warning]Cannot remove container " + shortId(id) + ": " + reply.message());
                }
            } catch (IOException e) {
                setup.line("##[warning]Cannot remove container " + shortId(id) + ": " + e.getMessage());
            }
        }
        if (networkCreated) {
            try {
                DockerClient.Reply reply = client.call("DELETE", "/networks/" + networkName, null);
                if (!reply.ok() && reply.status() != 404) {
                    setup.line("##[warning]Cannot remove network " + networkName + ": " + reply.message());
                }
            } catch (IOException e) {
                setup.line("##[warning]Cannot remove network " + networkName + ": " + e.getMessage());
            }
        }
        if (!containers.isEmpty()) {
            setup.line("Removed the job's containers" + (networkCreated ? " and network" : ""));
        }
    }

    private static List<String> envList(Map<String, String> env) {
        List<String> list = new ArrayList<>();
        env.forEach((name, value) -> list.add(name + "=" + value));
        return list;
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    /** A container name part from a service id: letters, digits, '_', '.', '-'. */
    static String safe(String id) {
        String cleaned = id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-");
        return cleaned.isEmpty() ? "service" : cleaned;
    }
}
