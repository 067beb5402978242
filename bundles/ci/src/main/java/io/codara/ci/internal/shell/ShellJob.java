package io.codara.ci.internal.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.codara.api.ci.spi.Conclusion;
import io.codara.api.ci.spi.JobListener;
import io.codara.api.ci.spi.JobResult;
import io.codara.api.ci.spi.ResourceLimits;
import io.codara.api.ci.spi.RunnerJob;
import io.codara.api.ci.spi.RunnerStep;
import io.codara.api.ci.spi.RunningJob;
import io.codara.api.ci.spi.StepResult;
import io.codara.ci.internal.logs.SecretMasker;
import io.codara.ci.internal.logs.StepLog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job on the shell runner (or, with a {@link StepContainer}, the Docker runner), run on one thread from start to
 * end: it makes the job's directory
 * ({@code workspace/} checked out at the commit, {@code home/}, {@code temp/}, {@code files/} for scripts and command
 * files), runs each step the engine lets run as its own session with a clean environment, reads the step's output
 * (stderr merged into stdout) into its log, applies the step's output, env and path files, and in the end stops every
 * process the job left behind and removes the directory.
 */
public final class ShellJob implements RunningJob, Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ShellJob.class);
    /** How long the output of a step whose main process ended is still read (background children may hold it). */
    private static final long DRAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    private static final long POLL_MILLIS = 10;
    private static final Duration AFTER_TIMEOUT = Duration.ofMinutes(5);

    private final RunnerJob job;
    private final JobListener listener;
    private final RunnerSettings settings;
    private final Runnable onEnd;
    /** Where the steps run, or {@code null} for local processes. */
    private final StepContainer container;
    private final SecretMasker masker = new SecretMasker();
    private final String cookie = UUID.randomUUID().toString();
    private final CountDownLatch done = new CountDownLatch(1);
    private final List<InputStream> heldOutputs = new ArrayList<>();
    private final Map<String, String> addedEnv = new LinkedHashMap<>();
    private final List<String> addedPath = new ArrayList<>();
    private final Path jobDir;
    private final Path workspace;
    private final Path home;
    private final Path temp;
    private final Path files;
    /** Cancel requests so far: a step is stopped by those that arrive while it runs, so {@code always()} steps
     * still run after a cancel (and a second cancel stops them too). */
    private final java.util.concurrent.atomic.AtomicInteger cancels = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean cancelRequested;
    /** The cancel requests the engine knew of when it last decided about a step. */
    private int cancelsSeen;
    private long jobDeadline;
    private boolean jobTimedOut;

    /** The built-in actions' work on this job's workspace. */
    private final BuiltinSteps builtins;
    /** Caches {@code actions/cache} steps save after the job, if it succeeds. */
    private final List<BuiltinSteps.CacheSave> cacheSaves = new ArrayList<>();

    ShellJob(RunnerJob job, JobListener listener, RunnerSettings settings, Runnable onEnd) {
        this(job, listener, settings, onEnd, null, null, null);
    }

    /**
     * A job whose steps run in {@code container} (the Docker runner's), or as local processes when it is null; its
     * built-in steps store artifacts and caches through {@code artifacts} and {@code caches}.
     */
    public ShellJob(RunnerJob job, JobListener listener, RunnerSettings settings, Runnable onEnd,
            StepContainer container, io.codara.api.ci.CiArtifacts artifacts, io.codara.api.ci.CiCaches caches) {
        this.container = container;
        this.job = job;
        this.listener = listener;
        this.settings = settings;
        this.onEnd = onEnd;
        this.jobDir = settings.jobsRoot().resolve(Long.toString(job.jobId()));
        this.workspace = jobDir.resolve("workspace");
        this.home = jobDir.resolve("home");
        this.temp = jobDir.resolve("temp");
        this.files = jobDir.resolve("files");
        this.builtins = new BuiltinSteps(job, workspace, home, temp, artifacts, caches);
        job.secrets().forEach(masker::add);
        if (job.source().token() != null) {
            masker.add(job.source().token());
            masker.add(basicAuth(job.source().token()));
        }
    }

    @Override
    public long jobId() {
        return job.jobId();
    }

    @Override
    public void cancel() {
        cancelRequested = true;
        cancels.incrementAndGet();
    }

    @Override
    public boolean isDone() {
        return done.getCount() == 0;
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The directory of this job. */
    Path directory() {
        return jobDir;
    }

    @Override
    public void run() {
        Instant startedAt = settings.clock().instant();
        jobDeadline = System.nanoTime() + job.timeout().toNanos();
        List<StepResult> results = new ArrayList<>();
        String message = null;
        StepLog setup = new StepLog(RunnerStep.SETUP, masker, settings.maxLogBytes(), settings.clock(), listener::log);
        try {
            String problem = prepare(setup);
            if (problem != null) {
                message = problem;
                setup.line("##[error]" + problem);
                for (RunnerStep step : job.steps()) {
                    results.add(skipped(step, "not run: " + problem));
                    listener.stepFinished(results.get(results.size() - 1));
                }
            } else {
                for (RunnerStep step : job.steps()) {
                    if (!jobTimedOut && System.nanoTime() - jobDeadline >= 0) {
                        jobTimedOut = true;
                        setup.line("##[error]The job exceeded its time limit of " + human(job.timeout()) + ".");
                    }
                    cancelsSeen = cancels.get();
                    boolean stopped = cancelsSeen > 0 || jobTimedOut;
                    StepResult result;
                    if (listener.shouldRun(step, List.copyOf(results), stopped)) {
                        result = step.uses() != null ? runBuiltin(step, List.copyOf(results)) : runStep(step);
                    } else {
                        result = skipped(step, null);
                    }
                    results.add(result);
                    listener.stepFinished(result);
                }
                if (!cancelRequested && !jobTimedOut
                        && results.stream().noneMatch(r -> r.conclusion() == Conclusion.FAILURE)) {
                    saveCaches(setup);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Job {} of {} failed in the runner", job.jobId(), job.repository(), e);
            message = "the runner failed: " + e;
            setup.line("##[error]" + message);
        } finally {
            cleanUp(setup);
        }
        Conclusion conclusion;
        if (cancelRequested) {
            conclusion = Conclusion.CANCELLED;
            message = message == null ? "The job was cancelled." : message;
        } else if (jobTimedOut) {
            conclusion = Conclusion.FAILURE;
            message = message == null ? "The job exceeded its time limit of " + human(job.timeout()) + "." : message;
        } else if (message != null || results.stream().anyMatch(r -> r.conclusion() == Conclusion.FAILURE)) {
            conclusion = Conclusion.FAILURE;
        } else {
            conclusion = Conclusion.SUCCESS;
        }
        try {
            listener.jobFinished(new JobResult(job.jobId(), conclusion, message, results, startedAt,
                    settings.clock().instant()));
        } finally {
            done.countDown();
            onEnd.run();
        }
    }

    /** Makes the job's directory and checks the commit out; answers why the job cannot run, or {@code null}. */
    private String prepare(StepLog setup) {
        setup.line("Runner: " + settings.name() + " (" + (container != null ? container.description()
                : "shell" + (settings.sandbox().active() ? ", bubblewrap sandbox" : ", no sandbox")) + ")");
        if (container == null && settings.sandbox().error() != null) {
            return settings.sandbox().error();
        }
        if (container == null && !job.services().isEmpty()) {
            setup.line("##[warning]services: need a runner with a Docker engine (runs-on: docker:<image>); the shell"
                    + " runner does not start " + String.join(", ", job.services().stream()
                            .map(io.codara.api.ci.spi.ServiceContainer::id).toList()));
        }
        if (settings.sandbox().notice() != null) {
            setup.line("##[warning]" + settings.sandbox().notice());
        }
        try {
            if (Files.exists(jobDir)) {
                deleteTree(jobDir);
            }
            for (Path directory : List.of(workspace, home, temp, files)) {
                Files.createDirectories(directory);
            }
        } catch (IOException | UncheckedIOException e) {
            return "cannot make the job directory " + jobDir + ": " + e.getMessage();
        }
        setup.line("##[group]Checking out " + job.repository() + " at " + job.sha()
                + (job.ref().isEmpty() ? "" : " (" + job.ref() + ")"));
        try {
            Map<String, String> env = baseEnv();
            env.put("GIT_TERMINAL_PROMPT", "0");
            env.put("GIT_CONFIG_NOSYSTEM", "1");
            String source;
            if (job.source().gitDir() != null) {
                source = job.source().gitDir().toAbsolutePath().toString();
            } else {
                source = job.source().cloneUrl().toString();
                if (job.source().token() != null) {
                    // in the environment, not the arguments: other users can read a process's arguments
                    env.put("GIT_CONFIG_COUNT", "1");
                    env.put("GIT_CONFIG_KEY_0", "http.extraHeader");
                    env.put("GIT_CONFIG_VALUE_0", "Authorization: Basic " + basicAuth(job.source().token()));
                }
            }
            List<List<String>> commands = new ArrayList<>();
            commands.add(List.of("git", "init", "-q", workspace.toString()));
            List<String> fetch = new ArrayList<>(List.of("git", "-C", workspace.toString(), "fetch", "--no-tags",
                    "--no-recurse-submodules"));
            if (settings.fetchDepth() > 0) {
                fetch.add("--depth=" + settings.fetchDepth());
            }
            fetch.addAll(List.of(source, job.sha()));
            commands.add(fetch);
            commands.add(List.of("git", "-C", workspace.toString(), "-c", "advice.detachedHead=false", "checkout",
                    "-q", "--force", "--detach", job.sha()));
            for (List<String> command : commands) {
                setup.line("[command]" + String.join(" ", command));
                Outcome outcome = execute(command, env, workspace, setup, remaining(), false);
                if (outcome.stop() != null) {
                    return "checkout " + outcome.stop();
                }
                if (outcome.exitCode() != 0) {
                    return "checkout failed: `" + String.join(" ", command.subList(0, 4)) + " ...` exited with "
                            + outcome.exitCode();
                }
            }
        } finally {
            setup.line("##[endgroup]");
        }
        return container == null ? null : container.start(jobDir, setup);
    }

    private StepResult runStep(RunnerStep step) {
        Instant startedAt = settings.clock().instant();
        listener.stepStarted(step, startedAt);
        StepLog log = new StepLog(step.index(), masker, settings.maxLogBytes(), settings.clock(), listener::log);
        String id = step.id();
        try {
            ShellCommand shell;
            try {
                shell = ShellCommand.of(step.shell() == null && container != null ? container.defaultShell()
                        : step.shell());
            } catch (IllegalArgumentException e) {
                return failed(step, log, startedAt, e.getMessage());
            }
            Path script = files.resolve("step_" + step.index() + shell.extension());
            Path output = files.resolve("output_" + step.index());
            Path envFile = files.resolve("env_" + step.index());
            Path pathFile = files.resolve("path_" + step.index());
            Path summary = files.resolve("summary_" + step.index());
            Files.writeString(script, step.run(), StandardCharsets.UTF_8);
            for (Path file : List.of(output, envFile, pathFile, summary)) {
                Files.writeString(file, "");
            }
            Path workDir = workspace;
            if (step.workingDirectory() != null && !step.workingDirectory().isBlank()) {
                workDir = workspace.resolve(step.workingDirectory()).normalize();
                if (!workDir.startsWith(jobDir)) {
                    return failed(step, log, startedAt, "working-directory '" + step.workingDirectory()
                            + "' is outside the job's directory");
                }
                if (!Files.isDirectory(workDir)) {
                    return failed(step, log, startedAt, "working-directory '" + step.workingDirectory()
                            + "' does not exist in the workspace");
                }
            }
            List<String> arguments = shell.arguments(script.toString());
            log.line("##[group]" + step.name());
            log.line(step.run().stripTrailing());
            log.line("shell: " + shell.template());
            log.line("##[endgroup]");

            Map<String, String> env = baseEnv();
            env.putAll(job.env());
            env.putAll(addedEnv);
            env.putAll(step.env());
            env.putAll(contextEnv());
            env.put("PATH", path());
            for (String name : List.of("GITHUB_OUTPUT", "CODARA_OUTPUT")) {
                env.put(name, output.toString());
            }
            for (String name : List.of("GITHUB_ENV", "CODARA_ENV")) {
                env.put(name, envFile.toString());
            }
            for (String name : List.of("GITHUB_PATH", "CODARA_PATH")) {
                env.put(name, pathFile.toString());
            }
            for (String name : List.of("GITHUB_STEP_SUMMARY", "CODARA_STEP_SUMMARY")) {
                env.put(name, summary.toString());
            }
            env.put(ProcessTree.COOKIE, cookie);

            Duration limit;
            if (jobTimedOut) {
                // a step the engine still runs after the job's timeout (if: always()) gets its own limit, or 5 min
                limit = step.timeout() == null ? AFTER_TIMEOUT : step.timeout();
            } else {
                limit = step.timeout() == null ? remaining() : min(step.timeout(), remaining());
            }
            Outcome outcome = execute(arguments, env, workDir, log, limit, true);

            Map<String, String> outputs = new LinkedHashMap<>();
            String fileProblem = null;
            try {
                CommandFiles.readPairs(output).forEach((name, value) -> {
                    if (masker.reveals(value)) {
                        log.line("##[warning]Skip output '" + name + "' since it may contain secret.");
                    } else {
                        outputs.put(name, value);
                    }
                });
                addedEnv.putAll(CommandFiles.readPairs(envFile));
                List<String> directories = new ArrayList<>(CommandFiles.readPath(pathFile));
                java.util.Collections.reverse(directories);
                for (String directory : directories) {
                    addedPath.remove(directory);
                    addedPath.add(0, directory);
                }
            } catch (IOException e) {
                fileProblem = e.getMessage();
                log.line("##[error]" + fileProblem);
            }

            Conclusion outcomeConclusion;
            String message;
            Integer exitCode = outcome.stop() == null ? outcome.exitCode() : null;
            if (outcome.stop() != null) {
                boolean cancelled = outcome.stop().startsWith("was cancelled");
                outcomeConclusion = cancelled ? Conclusion.CANCELLED : Conclusion.FAILURE;
                message = "The step " + outcome.stop() + ".";
                log.line((cancelled ? "##[warning]" : "##[error]") + message);
            } else if (outcome.exitCode() != 0) {
                outcomeConclusion = Conclusion.FAILURE;
                message = "Process completed with exit code " + outcome.exitCode() + ".";
                log.line("##[error]" + message);
            } else if (fileProblem != null) {
                outcomeConclusion = Conclusion.FAILURE;
                message = fileProblem;
            } else {
                outcomeConclusion = Conclusion.SUCCESS;
                message = null;
            }
            Conclusion conclusion = outcomeConclusion == Conclusion.FAILURE && step.continueOnError()
                    && !jobTimedOut ? Conclusion.SUCCESS : outcomeConclusion;
            return new StepResult(step.index(), id, outcomeConclusion, conclusion, exitCode, outputs, message,
                    startedAt, settings.clock().instant());
        } catch (IOException e) {
            return failed(step, log, startedAt, "cannot prepare the step: " + e.getMessage());
        } finally {
            log.close();
        }
    }

    /** Runs a built-in action ({@code uses:}) of the runner itself on the workspace. */
    private StepResult runBuiltin(RunnerStep step, List<StepResult> finished) {
        Instant startedAt = settings.clock().instant();
        listener.stepStarted(step, startedAt);
        StepLog log = new StepLog(step.index(), masker, settings.maxLogBytes(), settings.clock(), listener::log);
        try {
            Map<String, String> with = listener.inputs(step, finished, builtins::hashFiles);
            log.line("##[group]Run actions/" + step.uses());
            log.line("with:");
            with.forEach((k, v) -> v.stripTrailing().lines().findFirst().ifPresentOrElse(
                    first -> {
                        log.line("  " + k + ": " + first);
                        v.stripTrailing().lines().skip(1).forEach(more -> log.line("    " + more));
                    }, () -> log.line("  " + k + ":")));
            log.line("##[endgroup]");
            BuiltinSteps.Outcome outcome = builtins.run(step, with, log);
            if (outcome.failure() != null) {
                return failed(step, log, startedAt, outcome.failure());
            }
            if (outcome.save() != null) {
                cacheSaves.add(outcome.save());
            }
            return new StepResult(step.index(), step.id(), Conclusion.SUCCESS, Conclusion.SUCCESS, null,
                    outcome.outputs(), null, startedAt, settings.clock().instant());
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            return failed(step, log, startedAt, e.getMessage());
        } finally {
            log.close();
        }
    }

    /** The post-job part of {@code actions/cache}: saves each cache that had no exact hit, into the set-up log. */
    private void saveCaches(StepLog setup) {
        for (BuiltinSteps.CacheSave save : cacheSaves) {
            setup.line("Post job cleanup of step " + save.step() + " (actions/cache)");
            try {
                setup.line(builtins.save(save));
            } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
                // a cache that cannot be saved costs the next run time, not this job its success, as on GitHub
                setup.line("##[warning]Failed to save the cache " + save.key() + ": " + e.getMessage());
            }
        }
    }

    /** How one process ended: its exit code, or why it was stopped. */
    private record Outcome(int exitCode, String stop) {
    }

    /**
     * Runs {@code command} in its own session with exactly {@code env}, feeding its merged output to {@code log},
     * and stops its whole tree when {@code limit} passes or the job is cancelled.
     */
    private Outcome execute(List<String> command, Map<String, String> env, Path workDir, StepLog log,
            Duration limit, boolean userCode) {
        if (userCode && container != null) {
            return executeInContainer(command, env, workDir, log, limit);
        }
        List<String> full = new ArrayList<>();
        if (settings.setsid() != null) {
            full.add(settings.setsid().toString());
        }
        List<String> inner = new ArrayList<>();
        if (userCode) {
            ResourceLimits limits = job.limits().orElse(settings.limits());
            if (settings.prlimit() != null && !limits.equals(ResourceLimits.NONE)) {
                inner.add(settings.prlimit().toString());
                if (limits.cpuSeconds() > 0) {
                    inner.add("--cpu=" + limits.cpuSeconds());
                }
                if (limits.memoryBytes() > 0) {
                    inner.add("--as=" + limits.memoryBytes());
                }
                if (limits.maxProcesses() > 0) {
                    inner.add("--nproc=" + limits.maxProcesses());
                }
                inner.add("--");
            }
            inner.addAll(command);
            full.addAll(settings.sandbox().wrap(inner, jobDir, workDir));
        } else {
            full.addAll(command);
        }
        ProcessBuilder builder = new ProcessBuilder(full).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().clear();
        builder.environment().putAll(env);
        if (!userCode) {
            builder.environment().put(ProcessTree.COOKIE, cookie);
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            log.line("##[error]Cannot start " + full.get(0) + ": " + e.getMessage());
            return new Outcome(127, null);
        }
        long deadline = System.nanoTime() + limit.toNanos();
        int cancelsBefore = cancelsSeen;
        boolean jobTimeoutApplies = !jobTimedOut && System.nanoTime() + limit.toNanos() - jobDeadline >= 0;
        InputStream in = process.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        String stop = null;
        long exitedAt = 0;
        try {
            while (true) {
                int available = in.available();
                if (available > 0) {
                    int read = in.read(buffer, 0, Math.min(available, buffer.length));
                    if (read < 0) {
                        break;
                    }
                    log.write(buffer, 0, read);
                    if (exitedAt == 0 || System.nanoTime() - exitedAt < DRAIN_NANOS) {
                        continue;
                    }
                }
                if (!process.isAlive()) {
                    if (exitedAt == 0) {
                        exitedAt = System.nanoTime();
                        if (ProcessTree.withCookie(cookie).isEmpty()) {
                            // no writer is left: what is in the pipe is all there will be, no need to wait for quiet
                            int left;
                            while ((left = in.available()) > 0) {
                                int read = in.read(buffer, 0, Math.min(left, buffer.length));
                                if (read < 0) {
                                    break;
                                }
                                log.write(buffer, 0, read);
                            }
                            break;
                        }
                    } else if (System.nanoTime() - exitedAt >= DRAIN_NANOS) {
                        break;
                    }
                } else if (stop == null && (cancels.get() != cancelsBefore || System.nanoTime() - deadline >= 0)) {
                    stop = stopReason(cancelsBefore, jobTimeoutApplies, limit);
                    int killed = ProcessTree.kill(process.toHandle(), cookie, settings.killGrace());
                    LOG.debug("Job {}: {} processes stopped ({})", job.jobId(), killed, stop);
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException e) {
            log.line("##[error]Cannot read the output: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessTree.kill(process.toHandle(), cookie, settings.killGrace());
            stop = "was cancelled";
        }
        log.close();
        // Background children may still hold the pipe: it is closed when the job ends, not now, so that a server a
        // step started keeps running (and writing) for the steps after it, as on GitHub.
        heldOutputs.add(in);
        int exitCode;
        try {
            exitCode = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exitCode = -1;
        }
        return new Outcome(exitCode, stop);
    }

    /** Why a step is stopped now: cancelled, or which time limit it reached (noting the job's). */
    private String stopReason(int cancelsBefore, boolean jobTimeoutApplies, Duration limit) {
        if (cancels.get() != cancelsBefore) {
            return "was cancelled";
        } else if (jobTimeoutApplies) {
            jobTimedOut = true;
            return "was stopped: the job exceeded its time limit of " + human(job.timeout());
        }
        return "timed out after " + human(limit);
    }

    /**
     * Runs a step's {@code command} in the container, feeding its output (stderr merged) to {@code log}, and stops
     * the container's step processes when {@code limit} passes or the job is cancelled. The output is read until the
     * command ended and then for a moment more, as background processes may hold it open.
     */
    private Outcome executeInContainer(List<String> command, Map<String, String> env, Path workDir, StepLog log,
            Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        int cancelsBefore = cancelsSeen;
        boolean jobTimeoutApplies = !jobTimedOut && System.nanoTime() + limit.toNanos() - jobDeadline >= 0;
        String stop = null;
        try (StepContainer.Execution execution = container.exec(command, env, workDir)) {
            long exitedAt = 0;
            long nextLook = 0;
            while (execution.pump(log, POLL_MILLIS * 5)) {
                long now = System.nanoTime();
                if (exitedAt == 0 && now - nextLook >= 0) {
                    nextLook = now + TimeUnit.MILLISECONDS.toNanos(250);
                    if (!execution.running()) {
                        exitedAt = now;
                    }
                }
                if (exitedAt != 0 && now - exitedAt >= DRAIN_NANOS) {
                    break;
                }
                if (stop == null && (cancels.get() != cancelsBefore || now - deadline >= 0)) {
                    stop = stopReason(cancelsBefore, jobTimeoutApplies, limit);
                    container.stopProcesses(settings.killGrace());
                    LOG.debug("Job {}: container processes stopped ({})", job.jobId(), stop);
                }
            }
            log.close();
            Integer exitCode = execution.exitCode();
            return new Outcome(exitCode == null ? -1 : exitCode, stop);
        } catch (IOException | RuntimeException e) {
            log.line("##[error]The container engine failed to run the step: " + e.getMessage());
            log.close();
            return new Outcome(125, stop);
        }
    }

    /** Stops what the job left running, closes its pipes and removes its directory. */
    private void cleanUp(StepLog setup) {
        int left = ProcessTree.kill(null, cookie, settings.killGrace());
        if (left > 0) {
            setup.line("Cleaning up orphan processes: " + left + " stopped");
        }
        for (InputStream in : heldOutputs) {
            try {
                in.close();
            } catch (IOException e) {
                LOG.debug("Closing a step's output of job {}: {}", job.jobId(), e.toString());
            }
        }
        if (container != null) {
            container.remove(setup);
        }
        setup.close();
        if (!settings.keepWorkspace()) {
            try {
                deleteTree(jobDir);
            } catch (IOException | UncheckedIOException e) {
                LOG.warn("Cannot remove the directory of job {}: {}", job.jobId(), e.toString());
            }
        }
    }

    private StepResult failed(RunnerStep step, StepLog log, Instant startedAt, String message) {
        log.line("##[error]" + message);
        Conclusion conclusion = step.continueOnError() ? Conclusion.SUCCESS : Conclusion.FAILURE;
        return new StepResult(step.index(), step.id(), Conclusion.FAILURE, conclusion, null, Map.of(), message,
                startedAt, settings.clock().instant());
    }

    private StepResult skipped(RunnerStep step, String message) {
        return new StepResult(step.index(), step.id(), Conclusion.SKIPPED, Conclusion.SKIPPED, null, Map.of(),
                message, null, settings.clock().instant());
    }

    /** The variables every process of the job gets, whatever the runner's own environment holds. */
    private Map<String, String> baseEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", settings.path());
        env.put("HOME", home.toString());
        env.put("LANG", "C.UTF-8");
        env.put("CI", "true");
        return env;
    }

    /** The context variables GitHub sets, each also under its CODARA_ name. */
    private Map<String, String> contextEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        String ref = job.ref();
        String refName = ref.replaceFirst("^refs/(heads|tags)/", "").replaceFirst("^refs/pull/", "");
        String owner = job.repository().contains("/") ? job.repository().substring(0, job.repository().indexOf('/'))
                : job.repository();
        env.put("GITHUB_ACTIONS", "true");
        env.put("CODARA_ACTIONS", "true");
        Map<String, String> shared = new LinkedHashMap<>();
        shared.put("SHA", job.sha());
        shared.put("REF", ref);
        shared.put("REF_NAME", refName);
        shared.put("REF_TYPE", ref.startsWith("refs/tags/") ? "tag" : "branch");
        shared.put("REPOSITORY", job.repository());
        shared.put("REPOSITORY_OWNER", owner);
        shared.put("RUN_ID", Long.toString(job.runId()));
        shared.put("RUN_NUMBER", Long.toString(job.runNumber()));
        shared.put("RUN_ATTEMPT", Integer.toString(job.runAttempt()));
        shared.put("WORKFLOW", job.workflow());
        shared.put("JOB", job.jobKey());
        shared.put("WORKSPACE", workspace.toString());
        shared.forEach((name, value) -> {
            env.put("GITHUB_" + name, value);
            env.put("CODARA_" + name, value);
        });
        env.put("CODARA_JOB_ID", Long.toString(job.jobId()));
        env.put("RUNNER_NAME", settings.name());
        env.put("RUNNER_OS", "Linux");
        env.put("RUNNER_ARCH", ShellRunnerProvider.architecture().toUpperCase(java.util.Locale.ROOT));
        env.put("RUNNER_TEMP", temp.toString());
        env.put("RUNNER_ENVIRONMENT", "self-hosted");
        return env;
    }

    private String path() {
        if (addedPath.isEmpty()) {
            return settings.path();
        }
        return String.join(":", addedPath) + ":" + settings.path();
    }

    private Duration remaining() {
        long nanos = jobDeadline - System.nanoTime();
        return Duration.ofNanos(Math.max(1, nanos));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static String human(Duration duration) {
        long seconds = Math.max(0, Math.round(duration.toMillis() / 1000.0));
        if (seconds < 60) {
            return seconds + "s";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds / 60 + "m" + seconds % 60 + "s";
    }

    private static String basicAuth(String token) {
        return Base64.getEncoder().encodeToString(("x-access-token:" + token).getBytes(StandardCharsets.UTF_8));
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
