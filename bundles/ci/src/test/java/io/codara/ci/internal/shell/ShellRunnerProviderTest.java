package io.codara.ci.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;

import io.codara.api.ci.spi.Conclusion;
import io.codara.api.ci.spi.JobResult;
import io.codara.api.ci.spi.RepositorySource;
import io.codara.api.ci.spi.ResourceLimits;
import io.codara.api.ci.spi.RunnerJob;
import io.codara.api.ci.spi.RunnerStep;
import io.codara.api.ci.spi.RunningJob;
import io.codara.api.ci.spi.StepResult;
import io.codara.api.storage.StorageLayout;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellRunnerProviderTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private Path root;
    private Path bare;
    private String sha;
    private final List<ShellRunnerProvider> runners = new ArrayList<>();
    private long nextJobId = 100;

    @BeforeEach
    void repository() throws Exception {
        root = temp.resolve("codara");
        Path source = temp.resolve("source");
        git(temp, "init", "-q", "-b", "main", source.toString());
        Files.writeString(source.resolve("README.md"), "hello from the repository\n");
        Files.createDirectories(source.resolve("sub/dir"));
        Files.writeString(source.resolve("sub/dir/file.txt"), "nested\n");
        git(source, "add", ".");
        git(source, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "first");
        sha = git(source, "rev-parse", "HEAD").strip();
        bare = temp.resolve("repos/o/r.git");
        git(temp, "clone", "-q", "--bare", source.toString(), bare.toString());
    }

    @AfterEach
    void stop() {
        runners.forEach(ShellRunnerProvider::deactivate);
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void runsStepsInTheCheckedOutWorkspaceAndRemovesItAfterwards() throws Exception {
        ShellRunnerProvider runner = runner(Map.of());
        RecordingListener listener = new RecordingListener();
        RunnerJob job = job(List.of(step(1, "cat README.md; git rev-parse HEAD; pwd; echo \"ws=$GITHUB_WORKSPACE\"\n"
                + "for i in 1 2 3; do echo \"out $i\"; echo \"err $i\" >&2; done\n"
                + "printf '\\033[32mgreen\\033[0m\\n'")), Duration.ofMinutes(1));
        RunningJob running = runner.start(job, listener);
        JobResult result = listener.await(WAIT);

        assertThat(result.conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(result.message()).isNull();
        assertThat(result.steps()).singleElement().satisfies(step -> {
            assertThat(step.conclusion()).isEqualTo(Conclusion.SUCCESS);
            assertThat(step.exitCode()).isZero();
        });
        Path workspace = root.resolve("mnt/runners/jobs/" + job.jobId() + "/workspace");
        assertThat(listener.log(1)).contains("hello from the repository", sha, workspace.toString() + "\n",
                "ws=" + workspace, "out 1\nerr 1\nout 2\nerr 2\nout 3\nerr 3\n", "\u001b[32mgreen\u001b[0m\n");
        assertThat(listener.log(RunnerStep.SETUP)).contains("Checking out o/r at " + sha);
        assertThat(listener.events).containsExactly("started 1", "finished 1 SUCCESS", "job SUCCESS");
        assertThat(running.isDone()).isTrue();
        assertThat(running.await(Duration.ofSeconds(1))).isTrue();
        assertThat(workspace.getParent()).doesNotExist();
        assertThat(runner.availableSlots()).isEqualTo(2);
    }

    @Test
    void servicesAreNotStartedOnTheShellRunnerAndTheLogSaysSo() throws Exception {
        ShellRunnerProvider runner = runner(Map.of());
        RecordingListener listener = new RecordingListener();
        RunnerJob job = new RunnerJob(nextJobId++, 7, 1, 1, "ci", "build", "o/r", RepositorySource.local(bare), sha,
                "refs/heads/main", Map.of(), Duration.ofMinutes(1), List.of(step(1, "echo ran")), Set.of(),
                ResourceLimits.NONE, List.of("shell"),
                List.of(new io.codara.api.ci.spi.ServiceContainer("db", "postgres:17", Map.of())));
        JobResult result = run(runner, listener, job);

        assertThat(result.conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(listener.log(RunnerStep.SETUP)).contains("##[warning]services: need a runner with a Docker engine"
                + " (runs-on: docker:<image>); the shell runner does not start db");
    }

    @Test
    void aFailingStepReportsItsExitCodeAndSkipsTheRestUnlessTheEngineLetsThemRun() throws Exception {
        ShellRunnerProvider runner = runner(Map.of());
        // step 3 is "if: failure()": the engine's gate lets it run because step 1 failed
        RecordingListener listener = new RecordingListener(q -> q.step() == 3 && q.finished().stream()
                .anyMatch(r -> r.conclusion() == Conclusion.FAILURE));
        JobResult result = run(runner, listener, job(List.of(step(1, "echo before; exit 3"), step(2, "echo second"),
                step(3, "echo reporting failure")), Duration.ofMinutes(1)));

        assertThat(result.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(result.steps()).extracting(StepResult::conclusion)
                .containsExactly(Conclusion.FAILURE, Conclusion.SKIPPED, Conclusion.SUCCESS);
        assertThat(result.steps().get(0).exitCode()).isEqualTo(3);
        assertThat(result.steps().get(0).message()).isEqualTo("Process completed with exit code 3.");
        assertThat(listener.log(1)).contains("before", "##[error]Process completed with exit code 3.");
        assertThat(listener.log(2)).isEmpty();
        assertThat(listener.log(3)).contains("reporting failure");
        assertThat(listener.questions).extracting(RecordingListener.Question::step).containsExactly(1, 2, 3);
    }

    @Test
    void continueOnErrorKeepsTheJobGoing() throws Exception {
        ShellRunnerProvider runner = runner(Map.of());
        RunnerStep flaky = new RunnerStep(1, "flaky", "Flaky", "false", "bash", null, Map.of(), null, true);
        JobResult result = run(runner, new RecordingListener(),
                job(List.of(flaky, step(2, "echo after")), Duration.ofMinutes(1)));

        assertThat(result.conclusion()).isEqualTo(Conclusion.SUCCESS);
        StepResult first = result.steps().get(0);
        assertThat(first.outcome()).isEqualTo(Conclusion.FAILURE);
        assertThat(first.conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(first.exitCode()).isEqualTo(1);
        assertThat(result.steps().get(1).conclusion()).isEqualTo(Conclusion.SUCCESS);
    }

    @Test
    void aStepTimeoutKillsTheWholeProcessTree() throws Exception {
        ShellRunnerProvider runner = runner(Map.of());
        String marker = uniqueSleep();
        // a background child, a grandchild, a double-forked orphan, one that left the session with setsid, and a
        // double-forked one in its own session (neither in the group nor a descendant any more: found by its cookie)
        String script = "sleep " + marker + " &\n"
                + "bash -c 'sleep " + marker + " & wait' &\n"
                + "( sleep " + marker + " & )\n"
                + "setsid sleep " + marker + " &\n"
                + "( setsid sleep " + marker + " & )\n"
                + "echo spawned\n"
                + "wait\n";
        RunnerStep step = new RunnerStep(1, null, "Sleeps", script, null, null, Map.of(), Duration.ofSeconds(2),
                false);
        RecordingListener listener = new RecordingListener();
        long started = System.nanoTime();
        JobResult result = run(runner, listener, job(List.of(step, step(2, "echo never")), Duration.ofMinutes(1)));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

        assertThat(result.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(result.steps().get(0).conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(result.steps().get(0).message()).isEqualTo("The step timed out after 2s.");
        assertThat(result.steps().get(0).exitCode()).isNull();
        assertThat(result.steps().get(1).conclusion()).isEqualTo(Conclusion.SKIPPED);
        assertThat(listener.log(1)).contains("spawned", "##[error]The step timed out after 2s.");
        assertThat(seconds).isLessThan(20);
        assertThat(survivors(marker)).isEmpty();
    }

    @Test
    void cancelStopsTheRunningStepAndOnlyAlwaysStepsRunAfterwards() throws Exception {
        ShellRunnerProvider runner = runner(Map.of());
        String marker = uniqueSleep();
        RecordingListener listener = new RecordingListener(q -> q.step() == 3);
        RunnerJob job = job(List.of(step(1, "echo started; sleep " + marker + " & sleep " + marker + "; echo after-$((1 + 1))"),
                step(2, "echo not after cancel"), step(3, "echo cleanup ran")), Duration.ofMinutes(1));
        RunningJob running = runner.start(job, listener);
        waitFor(() -> listener.log(1).contains("started"));
        running.cancel();
        JobResult result = listener.await(WAIT);

        assertThat(result.conclusion()).isEqualTo(Conclusion.CANCELLED);
        assertThat(result.steps()).extracting(StepResult::conclusion)
                .containsExactly(Conclusion.CANCELLED, Conclusion.SKIPPED, Conclusion.SUCCESS);
        assertThat(listener.questions.get(1).cancelled()).isTrue();
        assertThat(listener.log(1)).doesNotContain("after-2");
        assertThat(listener.log(3)).contains("cleanup ran");
        assertThat(survivors(marker)).isEmpty();
    }

    @Test
    void theJobTimeoutStopsTheJob() throws Exception {
        ShellRunnerProvider runner = runner(Map.of());
        String marker = uniqueSleep();
        RecordingListener listener = new RecordingListener();
        JobResult result = run(runner, listener, job(List.of(step(1, "sleep " + marker)), Duration.ofSeconds(3)));

        assertThat(result.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(result.message()).isEqualTo("The job exceeded its time limit of 3s.");
        assertThat(result.steps().get(0).message()).contains("the job exceeded its time limit of 3s");
        assertThat(survivors(marker)).isEmpty();
    }

    @Test
    void backgroundProcessesOutliveTheirStepButNotTheJob() throws Exception {
        ShellRunnerProvider runner = runner(Map.of());
        String marker = uniqueSleep();
        RecordingListener listener = new RecordingListener();
        JobResult result = run(runner, listener, job(List.of(step(1, "sleep " + marker + " & echo bg=$!"),
                step(2, "pgrep -f 'sleep " + marker + "' > /dev/null && echo still running")),
                Duration.ofMinutes(1)));

        assertThat(result.conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(listener.log(2)).contains("still running");
        assertThat(listener.log(RunnerStep.SETUP)).contains("Cleaning up orphan processes");
        assertThat(survivors(marker)).isEmpty();
    }

    @Test
    void outputsEnvAndPathFilesReachLaterSteps() throws Exception {
        ShellRunnerProvider runner = runner(Map.of());
        String first = String.join("\n",
                "echo 'greeting=hello world' >> \"$GITHUB_OUTPUT\"",
                "{ echo 'notes<<EOF_1'; echo 'line one'; echo 'line two'; echo 'EOF_1'; } >> \"$CODARA_OUTPUT\"",
                "echo 'FROM_FIRST=set by step one' >> \"$GITHUB_ENV\"",
                "mkdir -p \"$HOME/tools\"",
                "printf '#!/bin/sh\\necho tool ran\\n' > \"$HOME/tools/mytool\"",
                "chmod +x \"$HOME/tools/mytool\"",
                "echo \"$HOME/tools\" >> \"$GITHUB_PATH\"");
        RunnerStep one = new RunnerStep(1, "one", null, first, "bash", null, Map.of(), null, false);
        RecordingListener listener = new RecordingListener();
        JobResult result = run(runner, listener, job(List.of(one,
                step(2, "echo \"env=$FROM_FIRST\"; mytool; echo \"path=$PATH\"")), Duration.ofMinutes(1)));

        assertThat(result.conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(result.steps().get(0).outputs())
                .containsOnly(Map.entry("greeting", "hello world"), Map.entry("notes", "line one\nline two"));
        assertThat(result.steps().get(0).id()).isEqualTo("one");
        // the engine sees step one's outputs when it decides about step two
        assertThat(listener.questions.get(1).finished().get(0).outputs()).containsKey("greeting");
        assertThat(listener.log(2)).contains("env=set by step one", "tool ran",
                "path=" + root.resolve("mnt/runners/jobs/" + result.jobId() + "/home/tools") + ":");
    }

    @Test
    void aMalformedOutputFileFailsTheStepWithTheReason() throws Exception {
        ShellRunnerProvider runner = runner(Map.of());
        RecordingListener listener = new RecordingListener();
        JobResult result = run(runner, listener, job(List.of(step(1,
                "echo 'value<<END' >> $GITHUB_OUTPUT; echo 'no end' >> $GITHUB_OUTPUT")), Duration.ofMinutes(1)));

        assertThat(result.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(result.steps().get(0).message()).contains("no line 'END' ends the value of value");
    }

    @Test
    void secretsAreMaskedEvenWhenPrintedInPiecesAndAcrossSteps() throws Exception {
        ShellRunnerProvider runner = runner(Map.of());
        String secret = "sup3r-s3cret-value";
        String multiLine = "first-secret-line\nsecond-secret-line";
        RunnerJob job = new RunnerJob(nextJobId++, 7, 1, 1, "ci", "build", "o/r", RepositorySource.local(bare), sha,
                "refs/heads/main", Map.of("TOKEN", secret), Duration.ofMinutes(1),
                List.of(step(1, "printf 'a sup3r-s3'; sleep 0.4; printf 'cret-value b\\n'; echo \"$TOKEN\";"
                        + " printf 'first-secret-line\\nsecond-secret-line\\n';"
                        + " v=runtime; echo \"::add-mask::$v-only-value\"; echo \"$v-only-value\""),
                        step(2, "echo later runtime-only-value; echo \"out=$TOKEN\" >> $GITHUB_OUTPUT")),
                Set.of(secret, multiLine), ResourceLimits.NONE);
        RecordingListener listener = new RecordingListener();
        JobResult result = run(runner, listener, job);

        String all = listener.allLogs();
        assertThat(all).doesNotContain("s3cret", "secret-line", "runtime-only-value")
                .contains("a *** b", "::add-mask::***", "later ***");
        assertThat(result.steps().get(1).outputs()).isEmpty();
        assertThat(listener.log(2)).contains("Skip output 'out' since it may contain secret.");
    }

    @Test
    void stepsSeeACleanEnvironment() throws Exception {
        ShellRunnerProvider runner = runner(Map.of());
        RunnerStep step = new RunnerStep(1, null, null, "env | cut -d= -f1 | sort; echo \"both=$BOTH\"",
                null, null, Map.of("BOTH", "step wins", "STEP_ONLY", "s"), null, false);
        RunnerJob job = new RunnerJob(nextJobId++, 7, 1, 1, "ci", "build", "o/r", RepositorySource.local(bare), sha,
                "refs/heads/main", Map.of("BOTH", "job", "JOB_ONLY", "j"), Duration.ofMinutes(1), List.of(step),
                Set.of(), ResourceLimits.NONE);
        RecordingListener listener = new RecordingListener();
        run(runner, listener, job);

        String log = listener.log(1);
        List<String> names = Arrays.stream(log.substring(log.indexOf("##[endgroup]\n") + 13).split("\n")).toList();
        assertThat(names).contains("PATH", "HOME", "LANG", "CI", "GITHUB_SHA", "GITHUB_REF", "GITHUB_WORKSPACE",
                "GITHUB_RUN_ID", "RUNNER_TEMP", "CODARA_OUTPUT", "GITHUB_OUTPUT", "JOB_ONLY", "STEP_ONLY", "both=step wins");
        List<String> leaked = System.getenv().keySet().stream()
                .filter(name -> !Set.of("PATH", "HOME", "LANG", "CI", "PWD", "SHLVL", "_", "OLDPWD").contains(name))
                .filter(names::contains).toList();
        assertThat(System.getenv()).isNotEmpty();
        assertThat(leaked).isEmpty();
        assertThat(names).allMatch(line -> line.startsWith("both=") || line.matches("[A-Z_][A-Z0-9_]*"))
                .filteredOn(line -> !line.startsWith("GITHUB_") && !line.startsWith("CODARA_")
                        && !line.startsWith("RUNNER_") && !line.startsWith("both="))
                .containsExactlyInAnyOrder("BOTH", "CI", "HOME", "JOB_ONLY", "LANG", "PATH", "PWD", "SHLVL",
                        "STEP_ONLY", "_");
    }

    @Test
    void shellsWorkingDirectoriesAndBadShells() throws Exception {
        ShellRunnerProvider runner = runner(Map.of());
        RecordingListener listener = new RecordingListener(q -> true);
        JobResult result = run(runner, listener, job(List.of(
                new RunnerStep(1, null, null, "import os\nprint('py', os.getcwd())", "python", "sub/dir", Map.of(),
                        null, false),
                new RunnerStep(2, null, null, "echo \"sh $0\"; cat file.txt", "sh", "sub/dir", Map.of(), null, false),
                new RunnerStep(3, null, null, "print \"perl $]\\n\";", "perl {0}", null, Map.of(), null, false),
                new RunnerStep(4, null, null, "false | true; echo $((40 + 2))", "bash", null, Map.of(), null, false),
                new RunnerStep(5, null, null, "echo x", "fish", null, Map.of(), null, false),
                new RunnerStep(6, null, null, "echo x", null, "../../..", Map.of(), null, false),
                new RunnerStep(7, null, null, "echo x", null, "missing", Map.of(), null, false)),
                Duration.ofMinutes(1)));

        Path workspace = root.resolve("mnt/runners/jobs/" + result.jobId() + "/workspace");
        assertThat(listener.log(1)).contains("py " + workspace.resolve("sub/dir"));
        assertThat(listener.log(2)).contains("sh " + root.resolve("mnt/runners/jobs/" + result.jobId()
                + "/files/step_2.sh"), "nested");
        assertThat(listener.log(3)).containsPattern("perl 5\\.\\d+");
        // bash runs with -o pipefail: the failing first command of the pipe fails the step
        assertThat(result.steps().get(3).conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(listener.log(4)).doesNotContain("42");
        assertThat(result.steps().get(4).message()).contains("must contain {0}");
        assertThat(result.steps().get(5).message()).contains("outside the job's directory");
        assertThat(result.steps().get(6).message()).contains("does not exist");
    }

    @Test
    void checksOutAForkWhoseObjectsLiveInItsParent() throws Exception {
        Path fork = temp.resolve("repos/f/r.git");
        git(temp, "clone", "-q", "--bare", "--shared", bare.toString(), fork.toString());
        assertThat(fork.resolve("objects/info/alternates")).exists();
        try (var packs = Files.list(fork.resolve("objects/pack"))) {
            assertThat(packs.filter(p -> p.toString().endsWith(".pack"))).isEmpty();
        }
        ShellRunnerProvider runner = runner(Map.of());
        RecordingListener listener = new RecordingListener();
        RunnerJob job = new RunnerJob(nextJobId++, 7, 1, 1, "ci", "build", "f/r", RepositorySource.local(fork), sha,
                "refs/heads/main", Map.of(), Duration.ofMinutes(1), List.of(step(1, "cat README.md")), Set.of(),
                ResourceLimits.NONE);
        JobResult result = run(runner, listener, job);

        assertThat(result.conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(listener.log(1)).contains("hello from the repository");
    }

    @Test
    void fetchesOverHttpWithTheTokenAndNeverLogsIt() throws Exception {
        // git's dumb HTTP protocol over a static file server that demands the token as basic auth
        git(bare, "update-server-info");
        String token = "ghs_runner-token-1234567890";
        String expected = "Basic " + java.util.Base64.getEncoder()
                .encodeToString(("x-access-token:" + token).getBytes(StandardCharsets.UTF_8));
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer server =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/o/r.git/", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            seen.add(String.valueOf(authorization));
            Path file = bare.resolve(exchange.getRequestURI().getPath().substring("/o/r.git/".length())).normalize();
            if (!expected.equals(authorization)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"codara\"");
                exchange.sendResponseHeaders(401, -1);
            } else if (!file.startsWith(bare) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                byte[] body = Files.readAllBytes(file);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        try {
            ShellRunnerProvider runner = runner(Map.of("fetch_depth", 0));
            RecordingListener listener = new RecordingListener();
            java.net.URI url = java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/o/r.git");
            RunnerJob job = new RunnerJob(nextJobId++, 7, 1, 1, "ci", "build", "o/r",
                    RepositorySource.remote(url, token), sha, "refs/heads/main", Map.of(), Duration.ofMinutes(1),
                    List.of(step(1, "cat README.md")), Set.of(), ResourceLimits.NONE);
            JobResult result = run(runner, listener, job);

            assertThat(result.conclusion()).as(listener.log(RunnerStep.SETUP)).isEqualTo(Conclusion.SUCCESS);
            assertThat(listener.log(1)).contains("hello from the repository");
            assertThat(seen).isNotEmpty().allMatch(expected::equals);
            assertThat(listener.allLogs()).doesNotContain(token, expected.substring(6));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUnknownCommitFailsTheJobAtCheckoutAndSkipsItsSteps() throws Exception {
        ShellRunnerProvider runner = runner(Map.of());
        RecordingListener listener = new RecordingListener();
        RunnerJob job = new RunnerJob(nextJobId++, 7, 1, 1, "ci", "build", "o/r", RepositorySource.local(bare),
                "0123456789012345678901234567890123456789", "refs/heads/main", Map.of(), Duration.ofMinutes(1),
                List.of(step(1, "echo never")), Set.of(), ResourceLimits.NONE);
        JobResult result = run(runner, listener, job);

        assertThat(result.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(result.message()).startsWith("checkout failed");
        assertThat(result.steps()).extracting(StepResult::conclusion).containsExactly(Conclusion.SKIPPED);
        assertThat(listener.log(RunnerStep.SETUP)).contains("##[error]checkout failed");
    }

    @Test
    void limitsApplyThroughPrlimit() throws Exception {
        ShellRunnerProvider runner = runner(Map.of("cpu_seconds", 30L, "memory_bytes", 4L << 30));
        RecordingListener listener = new RecordingListener();
        RunnerJob job = new RunnerJob(nextJobId++, 7, 1, 1, "ci", "build", "o/r", RepositorySource.local(bare), sha,
                "refs/heads/main", Map.of(), Duration.ofMinutes(1),
                List.of(step(1, "echo \"cpu=$(ulimit -t) as=$(ulimit -v)\"")), Set.of(),
                new ResourceLimits(7, 0, 0));
        run(runner, listener, job);

        // the job's own CPU limit wins, the runner's memory limit applies (ulimit -v counts KiB)
        assertThat(listener.log(1)).contains("cpu=7 as=" + (4L << 20));
    }

    @Test
    void aBusyRunnerRejectsMoreJobs() throws Exception {
        ShellRunnerProvider runner = runner(Map.of("max_concurrent_jobs", 1));
        RecordingListener first = new RecordingListener();
        RunningJob running = runner.start(job(List.of(step(1, "echo go; sleep 30")), Duration.ofMinutes(1)), first);
        assertThat(runner.availableSlots()).isZero();
        assertThatThrownBy(() -> runner.start(job(List.of(step(1, "true")), Duration.ofMinutes(1)),
                new RecordingListener())).isInstanceOf(RejectedExecutionException.class);
        running.cancel();
        assertThat(first.await(WAIT).conclusion()).isEqualTo(Conclusion.CANCELLED);
        waitFor(() -> runner.availableSlots() == 1);
        assertThat(runner.labels()).contains("shell", "self-hosted", "linux");
        assertThat(runner.canRun(Set.of("shell", "linux"))).isTrue();
        assertThat(runner.canRun(Set.of("docker:alpine"))).isFalse();
    }

    @Test
    void theBubblewrapSandboxConfinesWritesToTheJobDirectory() throws Exception {
        ShellRunnerProvider runner = runner(Map.of("sandbox", "bwrap"));
        assertThat(runner.sandbox().active()).isTrue();
        Path outside = Files.createDirectories(temp.resolve("outside"));
        RecordingListener listener = new RecordingListener(q -> true);
        JobResult result = run(runner, listener, job(List.of(
                step(1, "echo \"pid1=$(cat /proc/1/comm)\"; echo \"host=$(hostname)\"; echo inside > in-workspace.txt;"
                        + " cat in-workspace.txt"),
                step(2, "echo escaped > " + outside.resolve("escape.txt")),
                step(3, "touch /usr/codara-escape")), Duration.ofMinutes(1)));

        assertThat(listener.log(1)).contains("pid1=bwrap", "host=codara-runner", "inside");
        assertThat(result.steps().get(0).conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(result.steps().get(1).conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(result.steps().get(2).conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(outside.resolve("escape.txt")).doesNotExist();
        assertThat(Path.of("/usr/codara-escape")).doesNotExist();
    }

    @Test
    void aSandboxedStepIsKilledWithEverythingItStartedAndHasItsLimits() throws Exception {
        ShellRunnerProvider runner = runner(Map.of("sandbox", "bwrap", "cpu_seconds", 11L));
        String marker = uniqueSleep();
        RunnerStep step = new RunnerStep(1, null, null, "echo \"cpu=$(ulimit -t)\"; sleep " + marker
                + " & ( setsid sleep " + marker + " & ); sleep " + marker, null, null, Map.of(),
                Duration.ofSeconds(2), false);
        RecordingListener listener = new RecordingListener();
        JobResult result = run(runner, listener, job(List.of(step), Duration.ofMinutes(1)));

        assertThat(result.steps().get(0).message()).isEqualTo("The step timed out after 2s.");
        assertThat(listener.log(1)).contains("cpu=11");
        assertThat(survivors(marker)).isEmpty();
    }

    @Test
    void withoutASandboxStepsRunOnTheHost() throws Exception {
        ShellRunnerProvider runner = runner(Map.of("sandbox", "none"));
        assertThat(runner.sandbox().active()).isFalse();
        Path outside = Files.createDirectories(temp.resolve("outside"));
        RecordingListener listener = new RecordingListener();
        JobResult result = run(runner, listener, job(List.of(
                step(1, "echo \"pid1=$(cat /proc/1/comm)\"; echo escaped > " + outside.resolve("escape.txt"))),
                Duration.ofMinutes(1)));

        assertThat(result.conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(listener.log(1)).doesNotContain("pid1=bwrap");
        assertThat(outside.resolve("escape.txt")).exists();
    }

    @Test
    void aRequiredSandboxThatCannotWorkFailsJobsClearlyAndAutoFallsBack() throws Exception {
        // no bwrap on this PATH: "bwrap" must fail jobs, "auto" must run them unsandboxed with a warning
        ShellRunnerProvider strict = runner(Map.of("sandbox", "bwrap", "path", "/nonexistent"));
        assertThat(strict.sandbox().active()).isFalse();
        RecordingListener listener = new RecordingListener();
        JobResult result = run(strict, listener, job(List.of(step(1, "echo never")), Duration.ofMinutes(1)));
        assertThat(result.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(result.message()).contains("bubblewrap sandbox is required but unusable", "bwrap is not installed");

        Sandbox auto = Sandbox.configure("auto", true, List.of("/usr"), "/nonexistent");
        assertThat(auto.active()).isFalse();
        assertThat(auto.error()).isNull();
        assertThat(auto.notice()).contains("steps run without a sandbox");
        assertThatThrownBy(() -> Sandbox.configure("docker", true, List.of(), "/usr/bin"))
                .hasMessageContaining("auto, bwrap or none");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private ShellRunnerProvider runner(Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(overrides);
        values.putIfAbsent("kill_grace_seconds", 1);
        values.putIfAbsent("sandbox", "none");
        ShellRunnerConfig config = (ShellRunnerConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ShellRunnerConfig.class}, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    return method.getDefaultValue();
                });
        StorageLayout layout = () -> root;
        ShellRunnerProvider runner = new ShellRunnerProvider(layout, config);
        runners.add(runner);
        return runner;
    }

    private RunnerJob job(List<RunnerStep> steps, Duration timeout) {
        return new RunnerJob(nextJobId++, 7, 1, 1, "ci", "build", "o/r", RepositorySource.local(bare), sha,
                "refs/heads/main", Map.of(), timeout, steps, Set.of(), ResourceLimits.NONE);
    }

    private static RunnerStep step(int index, String run) {
        return new RunnerStep(index, null, null, run, null, null, Map.of(), null, false);
    }

    private static JobResult run(ShellRunnerProvider runner, RecordingListener listener, RunnerJob job)
            throws Exception {
        runner.start(job, listener);
        return listener.await(WAIT);
    }

    /** A sleep argument no other process on the machine uses, to find this test's processes by. */
    private static String uniqueSleep() {
        return "1000" + ThreadLocalRandom.current().nextInt(100000, 999999) + ".5";
    }

    /** Live processes whose command line mentions {@code marker}, as pgrep sees them, and as the JDK does. */
    private static List<String> survivors(String marker) throws Exception {
        Process pgrep = new ProcessBuilder("pgrep", "-a", "-f", "sleep " + marker).redirectErrorStream(true).start();
        String found = new String(pgrep.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        pgrep.waitFor();
        List<String> survivors = new ArrayList<>(found.isEmpty() ? List.of() : List.of(found.split("\n")));
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(line -> line.contains("sleep " + marker)).orElse(false))
                .forEach(p -> survivors.add("jdk: " + p.pid() + " " + p.info().commandLine().orElse("")));
        return survivors;
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(20);
        }
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
