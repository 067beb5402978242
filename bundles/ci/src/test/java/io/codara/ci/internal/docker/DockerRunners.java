package io.codara.ci.internal.docker;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import io.codara.api.storage.StorageLayout;

/** Real Docker runners for tests outside this package, on the test engine (see {@link #testEngine()}). */
public final class DockerRunners {

    private DockerRunners() {
    }

    /**
     * The engine tests use: {@code CODARA_TEST_DOCKER_HOST}, else {@code DOCKER_HOST}, else podman's socket as
     * {@code .ci/podman-engine.sh} starts it, else Docker's default socket.
     */
    public static String testEngine() {
        String configured = System.getenv("CODARA_TEST_DOCKER_HOST");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            return dockerHost;
        }
        return Files.exists(Path.of("/tmp/codara-podman.sock")) ? "unix:///tmp/codara-podman.sock"
                : "unix:///var/run/docker.sock";
    }

    /** A Docker runner with its workspaces under {@code root}, configured from a map over the defaults. */
    public static DockerRunnerProvider docker(Path root, Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(overrides);
        values.putIfAbsent("kill_grace_seconds", 1);
        values.putIfAbsent("engine", testEngine());
        DockerRunnerConfig config = (DockerRunnerConfig) Proxy.newProxyInstance(DockerRunners.class.getClassLoader(),
                new Class<?>[] {DockerRunnerConfig.class}, (proxy, method, args) -> values.containsKey(method.getName())
                        ? values.get(method.getName()) : method.getDefaultValue());
        StorageLayout layout = () -> root;
        return new DockerRunnerProvider(layout, config, Map.of(), Clock.systemUTC());
    }

    /** Why the runner's engine tests cannot run ({@code null} when they can): no engine, or not the image. */
    public static String unusable(DockerRunnerProvider runner, String... images) throws IOException {
        if (runner.engineVersion() == null) {
            return "no Docker engine answers at " + testEngine() + " (set CODARA_TEST_DOCKER_HOST, or run"
                    + " .ci/podman-engine.sh)";
        }
        for (String image : images) {
            if (!runner.client().call("GET", "/images/" + image + "/json", null).ok()) {
                return "the Docker engine at " + testEngine() + " has no image " + image + " (build it with"
                        + " .ci/podman-engine.sh; no registry is reachable)";
            }
        }
        return null;
    }

    /** The containers of a job still on the engine. */
    public static int containersOf(DockerRunnerProvider runner, long jobId) throws IOException {
        String filters = DockerClient.JSON.writeValueAsString(Map.of("label",
                java.util.List.of("io.codara.ci.job=" + jobId)));
        return runner.client().expect("GET", "/containers/json" + DockerClient.query(Map.of("all", "true",
                "filters", filters)), null).size();
    }

    /** Stops a runner as its component's deactivation would. */
    public static void stop(DockerRunnerProvider runner) {
        runner.deactivate();
    }
}
