package io.codara.ci.internal.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.codara.api.ci.spi.Conclusion;
import io.codara.api.ci.spi.JobResult;
import io.codara.api.ci.spi.RepositorySource;
import io.codara.api.ci.spi.ResourceLimits;
import io.codara.api.ci.spi.RunnerJob;
import io.codara.api.ci.spi.RunnerStep;
import io.codara.api.ci.spi.RunningJob;
import io.codara.api.ci.spi.ServiceContainer;
import io.codara.api.ci.spi.StepResult;
import io.codara.api.storage.StorageLayout;
import io.codara.ci.internal.shell.RecordingListener;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker runner against a real engine: the one named by {@code CODARA_TEST_DOCKER_HOST}, else
 * {@code DOCKER_HOST}, else podman's socket as {@code .ci/podman-engine.sh} starts it, else Docker's default socket,
 * with the images {@code .ci/podman-engine.sh} builds (no registry is reachable in CI). Tests that need an engine are
 * skipped, with the reason printed, when none answers.
 */
class DockerRunnerProviderTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String IMAGE = "codara-test/busybox:latest";
    private static final String SERVICE_IMAGE = "codara-test/busybox-httpd:latest";

    @TempDir
    Path temp;

    private Path root;
    private Path bare;
    private String sha;
    private final List<DockerRunnerProvider> runners = new ArrayList<>();
    private long nextJobId = 9_000_000 + (System.nanoTime() & 0xffff) * 100;

    @BeforeEach
    void repository() throws Exception {
        root = temp.resolve("codara");
        Path source = temp.resolve("source");
        git(temp, "init", "-q", "-b", "main", source.toString());
        Files.writeString(source.resolve("README.md"), "hello from the repository\n");
        git(source, "add", ".");
        git(source, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "first");
        sha = git(source, "rev-parse", "HEAD").strip();
        bare = temp.resolve("repos/o/r.git");
        git(temp, "clone", "-q", "--bare", source.toString(), bare.toString());
    }

    @AfterEach
    void stop() {
        runners.forEach(DockerRunnerProvider::deactivate);
    }

    // ------------------------------------------------------------------------------------------- without an engine

    @Test
    void withoutAnEngineTheRunnerOffersNothingAndTakesNoJob() {
        DockerRunnerProvider runner = runner(Map.of("engine", "unix://" + temp.resolve("no-engine.sock")));

        assertThat(runner.engineVersion()).isNull();
        assertThat(runner.labels()).isEmpty();
        assertThat(runner.availableSlots()).isZero();
        assertThat(runner.canRun(Set.of("docker:alpine"))).isFalse();
    }

    @Test
    void aDockerLabelNamesExactlyOneImage() {
        assertThat(DockerRunnerProvider.image(Set.of("docker:alpine:3.20"))).isEqualTo("alpine:3.20");
        assertThat(DockerRunnerProvider.image(Set.of("docker:ghcr.io/o/i@sha256:abc", "linux")))
                .isEqualTo("ghcr.io/o/i@sha256:abc");
        assertThat(DockerRunnerProvider.image(Set.of("docker:a", "docker:b"))).isNull();
        assertThat(DockerRunnerProvider.image(Set.of("docker:"))).isNull();
        assertThat(DockerRunnerProvider.image(Set.of("shell"))).isNull();
    }

    // ---------------------------------------------------------------------------------------------- with an engine

    @Test
    void runsAJobInAContainerOfItsImageOnTheCheckedOutWorkspaceAndRemovesEverything() throws Exception {
        DockerRunnerProvider runner = engineRunner(Map.of());
        assertThat(runner.canRun(Set.of("docker:" + IMAGE))).isTrue();
        assertThat(runner.canRun(Set.of("docker:" + IMAGE, "linux", "docker"))).isTrue();
        assertThat(runner.canRun(Set.of("docker:" + IMAGE, "gpu"))).isFalse();
        assertThat(runner.canRun(Set.of("shell"))).isFalse();
        assertThat(runner.labels()).contains("docker", "linux");

        RecordingListener listener = new RecordingListener(q -> q.step() == 4);
        RunnerJob job = job(List.of(
                new RunnerStep(1, "first", null, "cat README.md; git --version 2>&1 | head -1; pwd\n"
                        + "echo \"in container: $(cat /etc/passwd | wc -l) passwd line(s)\"\n"
                        + "test -f /run/.containerenv || test -f /.dockerenv && echo \"engine marker found\"\n"
                        + "echo to-stderr >&2\n"
                        + "echo \"greeting=hi from $(hostname)\" >> \"$CODARA_OUTPUT\"\n"
                        + "echo \"ADDED=from step one\" >> \"$GITHUB_ENV\"\n"
                        + "echo made-inside > made.txt", null, null, Map.of("STEP_VAR", "x"), null, false),
                step(2, "echo \"added: $ADDED, job: $JOB_VAR, workspace: $GITHUB_WORKSPACE\"; cat made.txt"),
                step(3, "echo failing; exit 4"),
                step(4, "echo always runs")), Duration.ofMinutes(5), List.of());
        RunningJob running = runner.start(job, listener);
        JobResult result = listener.await(WAIT);

        assertThat(result.conclusion()).as(listener.log(RunnerStep.SETUP)).isEqualTo(Conclusion.FAILURE);
        assertThat(result.steps()).extracting(StepResult::conclusion)
                .containsExactly(Conclusion.SUCCESS, Conclusion.SUCCESS, Conclusion.FAILURE, Conclusion.SUCCESS);
        assertThat(result.steps().get(2).exitCode()).isEqualTo(4);
        assertThat(result.steps().get(0).outputs().get("greeting")).startsWith("hi from ");
        Path workspace = root.resolve("mnt/runners/jobs/" + job.jobId() + "/workspace");
        String first = listener.log(1);
        assertThat(first).contains("hello from the repository", workspace + "\n", "in container: 1 passwd line(s)",
                "engine marker found", "to-stderr\n");
        // git is on this machine but not in the image: the step ran inside
        assertThat(first).containsPattern("git: not found|git: command not found");
        assertThat(listener.log(2)).contains("added: from step one, job: job-value, workspace: " + workspace,
                "made-inside");
        assertThat(listener.log(3)).contains("failing", "##[error]Process completed with exit code 4.");
        assertThat(listener.log(4)).contains("always runs");
        assertThat(listener.log(RunnerStep.SETUP)).contains("docker, image " + IMAGE, "Checking out o/r at " + sha,
                "Job container: " + IMAGE, "steps without a shell run with sh -e {0}", "Removed the job's containers");
        assertThat(running.isDone()).isTrue();
        assertThat(workspace.getParent()).doesNotExist();
        assertThat(containersOf(runner, job.jobId())).isEmpty();
        assertThat(runner.availableSlots()).isEqualTo(2);
    }

    @Test
    void aServiceContainerIsReachableByItsIdOnTheJobsNetworkAndRemovedAfterwards() throws Exception {
        DockerRunnerProvider runner = engineRunner(Map.of());
        assumeImage(runner, SERVICE_IMAGE);
        RecordingListener listener = new RecordingListener();
        RunnerJob job = job(List.of(step(1, "for i in $(seq 1 50); do wget -qO- http://web:8080/ && exit 0;"
                + " sleep 0.2; done; echo no answer from web; exit 1")), Duration.ofMinutes(5),
                List.of(new ServiceContainer("web", SERVICE_IMAGE, Map.of("GREETING", "hello from the service"))));
        runner.start(job, listener);
        JobResult result = listener.await(WAIT);

        assertThat(result.conclusion()).as(listener.log(RunnerStep.SETUP) + listener.log(1))
                .isEqualTo(Conclusion.SUCCESS);
        assertThat(listener.log(1)).contains("hello from the service");
        assertThat(listener.log(RunnerStep.SETUP)).contains("Service web: " + SERVICE_IMAGE, "Network codara-job-");
        assertThat(containersOf(runner, job.jobId())).isEmpty();
        assertThat(runner.client().call("GET", "/networks", null).json().findValuesAsText("Name"))
                .noneMatch(name -> name.startsWith("codara-job-" + job.jobId() + "-"));
    }

    @Test
    void cancellingAndTimeOutsStopTheStepInsideTheContainer() throws Exception {
        DockerRunnerProvider runner = engineRunner(Map.of());
        RecordingListener listener = new RecordingListener(q -> q.step() == 2);
        RunnerJob job = job(List.of(step(1, "echo started; sleep 300; echo never"),
                step(2, "echo cleanup after cancel")), Duration.ofMinutes(5), List.of());
        RunningJob running = runner.start(job, listener);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!listener.log(1).contains("started")) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(50);
        }
        long before = System.nanoTime();
        running.cancel();
        JobResult result = listener.await(WAIT);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(30));
        assertThat(result.conclusion()).isEqualTo(Conclusion.CANCELLED);
        assertThat(result.steps().get(0).outcome()).isEqualTo(Conclusion.CANCELLED);
        assertThat(listener.log(1)).doesNotContainPattern("(?m)^never$").contains("The step was cancelled.");
        assertThat(listener.log(2)).contains("cleanup after cancel");
        assertThat(containersOf(runner, job.jobId())).isEmpty();

        RecordingListener timed = new RecordingListener();
        RunnerJob slow = job(List.of(new RunnerStep(1, null, null, "echo slow; sleep 300", null, null, Map.of(),
                Duration.ofSeconds(2), false)), Duration.ofMinutes(5), List.of());
        runner.start(slow, timed);
        JobResult timedOut = timed.await(WAIT);
        assertThat(timedOut.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(timedOut.steps().get(0).message()).isEqualTo("The step timed out after 2s.");
    }

    @Test
    void anEngineThatAppearsLaterIsFoundAtTheNextLookAndOneThatGoesAwayIsDropped() throws Exception {
        String engine = testEngine();
        engineRunner(Map.of()); // skips without an engine
        if (!engine.startsWith("unix://")) {
            Assumptions.abort("the test engine is not a unix socket: " + engine);
        }
        Path link = temp.resolve("later.sock");
        DockerRunnerProvider runner = runner(Map.of("engine", "unix://" + link, "recheck_seconds", 1));
        assertThat(runner.availableSlots()).isZero();
        assertThat(runner.canRun(Set.of("docker:" + IMAGE))).isFalse();

        Files.createSymbolicLink(link, Path.of(engine.substring("unix://".length())));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (runner.availableSlots() == 0) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(runner.availableSlots()).isEqualTo(2);
        assertThat(runner.canRun(Set.of("docker:" + IMAGE))).isTrue();
        assertThat(runner.labels()).contains("docker");

        Files.delete(link);
        deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (runner.availableSlots() > 0) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(runner.labels()).isEmpty();
    }

    @Test
    void anImageTheEngineLacksFailsTheJobClearlyWhenTheRunnerMustNotPull() throws Exception {
        DockerRunnerProvider runner = engineRunner(Map.of("pull_policy", "never"));
        RecordingListener listener = new RecordingListener();
        RunnerJob job = job(List.of(step(1, "echo never")), Duration.ofMinutes(5), List.of(), "codara-test/absent:9");
        runner.start(job, listener);
        JobResult result = listener.await(WAIT);

        assertThat(result.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(result.message()).isEqualTo("the image codara-test/absent:9 is not on the Docker engine, and this"
                + " runner does not pull images (pull_policy never)");
        assertThat(listener.log(RunnerStep.SETUP)).contains("##[error]the image codara-test/absent:9 is not on");
        assertThat(result.steps()).extracting(StepResult::conclusion).containsExactly(Conclusion.SKIPPED);
        assertThatThrownBy(() -> runner.start(job(List.of(step(1, "true")), Duration.ofMinutes(1), List.of(),
                null), new RecordingListener())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not ask for one docker:<image>");
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** A runner on the test engine with {@link #IMAGE}; skips the test (printing why) when there is none. */
    private DockerRunnerProvider engineRunner(Map<String, Object> overrides) throws IOException {
        Map<String, Object> values = new HashMap<>(overrides);
        values.put("engine", testEngine());
        DockerRunnerProvider runner = runner(values);
        if (runner.engineVersion() == null) {
            String reason = "no Docker engine answers at " + testEngine() + " (set CODARA_TEST_DOCKER_HOST, or run"
                    + " .ci/podman-engine.sh): the Docker runner's engine tests are skipped";
            System.out.println("SKIPPED: " + reason);
            Assumptions.abort(reason);
        }
        assumeImage(runner, IMAGE);
        return runner;
    }

    private static void assumeImage(DockerRunnerProvider runner, String image) throws IOException {
        if (!runner.client().call("GET", "/images/" + image + "/json", null).ok()) {
            String reason = "the Docker engine at " + testEngine() + " has no image " + image + " (build it with"
                    + " .ci/podman-engine.sh; no registry is reachable): skipped";
            System.out.println("SKIPPED: " + reason);
            Assumptions.abort(reason);
        }
    }

    private static String testEngine() {
        return DockerRunners.testEngine();
    }

    /** The containers of a job still on the engine (by the runner's label). */
    private static List<String> containersOf(DockerRunnerProvider runner, long jobId) throws IOException {
        String filters = DockerClient.JSON.writeValueAsString(Map.of("label", List.of("io.codara.ci.job=" + jobId)));
        JsonNode list = runner.client().expect("GET", "/containers/json" + DockerClient.query(Map.of("all", "true",
                "filters", filters)), null);
        return list.findValuesAsText("Id");
    }

    private DockerRunnerProvider runner(Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(overrides);
        values.putIfAbsent("kill_grace_seconds", 1);
        DockerRunnerConfig config = (DockerRunnerConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DockerRunnerConfig.class}, (proxy, method, args) -> values.containsKey(method.getName())
                        ? values.get(method.getName()) : method.getDefaultValue());
        StorageLayout layout = () -> root;
        DockerRunnerProvider runner = new DockerRunnerProvider(layout, config, Map.of(), Clock.systemUTC());
        runners.add(runner);
        return runner;
    }

    private RunnerJob job(List<RunnerStep> steps, Duration timeout, List<ServiceContainer> services) {
        return job(steps, timeout, services, IMAGE);
    }

    private RunnerJob job(List<RunnerStep> steps, Duration timeout, List<ServiceContainer> services, String image) {
        return new RunnerJob(nextJobId++, 7, 1, 1, "ci", "build", "o/r", RepositorySource.local(bare), sha,
                "refs/heads/main", Map.of("JOB_VAR", "job-value"), timeout, steps, Set.of(), ResourceLimits.NONE,
                image == null ? List.of("linux") : List.of("docker:" + image), services);
    }

    private static RunnerStep step(int index, String run) {
        return new RunnerStep(index, null, null, run, null, null, Map.of(), null, false);
    }

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }
}
