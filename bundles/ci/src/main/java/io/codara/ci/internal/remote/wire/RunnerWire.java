package io.codara.ci.internal.remote.wire;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.codara.api.ci.spi.Conclusion;
import io.codara.api.ci.spi.JobResult;
import io.codara.api.ci.spi.RepositorySource;
import io.codara.api.ci.spi.ResourceLimits;
import io.codara.api.ci.spi.RunnerJob;
import io.codara.api.ci.spi.RunnerStep;
import io.codara.api.ci.spi.StepResult;

/**
 * The JSON of the remote runner protocol, shared by the server's resource and the {@code codara-runner} program
 * (which packages this package without OSGi): a job as the runner gets it, and step and job results as it reports
 * them. Plain maps and lists, as Jackson reads and writes them.
 */
public final class RunnerWire {

    /** The header a runner sends its credential in (never {@code Authorization}, which belongs to users). */
    public static final String CREDENTIAL_HEADER = "X-Codara-Runner-Token";

    private RunnerWire() {
    }

    /** A job for the runner: the source must be a clone URL (a remote runner shares no file system). */
    public static Map<String, Object> job(RunnerJob job) {
        if (job.source().cloneUrl() == null) {
            throw new IllegalArgumentException("a remote job needs a clone URL");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job_id", job.jobId());
        out.put("run_id", job.runId());
        out.put("run_number", job.runNumber());
        out.put("run_attempt", job.runAttempt());
        out.put("workflow", job.workflow());
        out.put("job_key", job.jobKey());
        out.put("repository", job.repository());
        out.put("clone_url", job.source().cloneUrl().toString());
        out.put("token", job.source().token());
        out.put("sha", job.sha());
        out.put("ref", job.ref());
        out.put("env", job.env());
        out.put("timeout_seconds", job.timeout().toSeconds());
        out.put("steps", job.steps().stream().map(RunnerWire::runnerStep).toList());
        out.put("secrets", List.copyOf(job.secrets()));
        out.put("limits", Map.of("cpu_seconds", job.limits().cpuSeconds(), "memory_bytes", job.limits().memoryBytes(),
                "max_processes", job.limits().maxProcesses()));
        return out;
    }

    /** The job {@link #job(RunnerJob)} wrote. */
    @SuppressWarnings("unchecked")
    public static RunnerJob job(Map<String, Object> in) {
        List<RunnerStep> steps = new ArrayList<>();
        for (Object o : (List<Object>) in.getOrDefault("steps", List.of())) {
            steps.add(runnerStep((Map<String, Object>) o));
        }
        Map<String, Object> limits = (Map<String, Object>) in.getOrDefault("limits", Map.of());
        return new RunnerJob(number(in.get("job_id")), number(in.get("run_id")), number(in.get("run_number")),
                integer(in.get("run_attempt")), (String) in.get("workflow"), (String) in.get("job_key"),
                (String) in.get("repository"),
                RepositorySource.remote(URI.create((String) in.get("clone_url")), (String) in.get("token")),
                (String) in.get("sha"), (String) in.get("ref"), (Map<String, String>) in.get("env"),
                seconds(in.get("timeout_seconds")), steps,
                Set.copyOf((List<String>) in.getOrDefault("secrets", List.of())),
                new ResourceLimits(number(limits.getOrDefault("cpu_seconds", 0)),
                        number(limits.getOrDefault("memory_bytes", 0)),
                        integer(limits.getOrDefault("max_processes", 0))));
    }

    /** A step to run, as the job and the answer to {@code prepare} carry it. */
    public static Map<String, Object> runnerStep(RunnerStep step) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("index", step.index());
        s.put("id", step.id());
        s.put("name", step.name());
        s.put("run", step.run());
        s.put("shell", step.shell());
        s.put("working_directory", step.workingDirectory());
        s.put("env", step.env());
        s.put("timeout_seconds", step.timeout() == null ? null : step.timeout().toSeconds());
        s.put("continue_on_error", step.continueOnError());
        return s;
    }

    /** The step {@link #runnerStep(RunnerStep)} wrote. */
    @SuppressWarnings("unchecked")
    public static RunnerStep runnerStep(Map<String, Object> s) {
        return new RunnerStep(integer(s.get("index")), (String) s.get("id"), (String) s.get("name"),
                (String) s.get("run"), (String) s.get("shell"), (String) s.get("working_directory"),
                (Map<String, String>) s.get("env"), seconds(s.get("timeout_seconds")),
                Boolean.TRUE.equals(s.get("continue_on_error")));
    }

    /** A step's result. */
    public static Map<String, Object> step(StepResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("index", r.index());
        out.put("id", r.id());
        out.put("outcome", r.outcome().apiName());
        out.put("conclusion", r.conclusion().apiName());
        out.put("exit_code", r.exitCode());
        out.put("outputs", r.outputs());
        out.put("message", r.message());
        out.put("started_at", r.startedAt() == null ? null : r.startedAt().toString());
        out.put("completed_at", r.completedAt() == null ? null : r.completedAt().toString());
        return out;
    }

    /** The step result {@link #step(StepResult)} wrote. */
    @SuppressWarnings("unchecked")
    public static StepResult step(Map<String, Object> in) {
        Object exit = in.get("exit_code");
        return new StepResult(integer(in.get("index")), (String) in.get("id"), conclusion(in.get("outcome")),
                conclusion(in.get("conclusion")), exit == null ? null : integer(exit),
                (Map<String, String>) in.get("outputs"), (String) in.get("message"), instant(in.get("started_at")),
                instant(in.get("completed_at")));
    }

    /** Step results in order. */
    @SuppressWarnings("unchecked")
    public static List<StepResult> steps(Object list) {
        List<StepResult> out = new ArrayList<>();
        for (Object o : list == null ? List.of() : (List<Object>) list) {
            out.add(step((Map<String, Object>) o));
        }
        return out;
    }

    /** A job's result. */
    public static Map<String, Object> result(JobResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("conclusion", r.conclusion().apiName());
        out.put("message", r.message());
        out.put("steps", r.steps().stream().map(RunnerWire::step).toList());
        out.put("started_at", r.startedAt() == null ? null : r.startedAt().toString());
        out.put("completed_at", r.completedAt() == null ? null : r.completedAt().toString());
        return out;
    }

    /** The job result {@link #result(JobResult)} wrote, for {@code jobId}. */
    public static JobResult result(long jobId, Map<String, Object> in) {
        return new JobResult(jobId, conclusion(in.get("conclusion")), (String) in.get("message"),
                steps(in.get("steps")), instant(in.get("started_at")), instant(in.get("completed_at")));
    }

    /** A conclusion by its API name. */
    public static Conclusion conclusion(Object name) {
        if (!(name instanceof String s)) {
            throw new IllegalArgumentException("a conclusion is required");
        }
        return Conclusion.valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }

    /** An ISO-8601 instant, or {@code null}. */
    public static Instant instant(Object value) {
        return value == null ? null : Instant.parse(value.toString());
    }

    private static Duration seconds(Object value) {
        return value == null ? null : Duration.ofSeconds(number(value));
    }

    private static long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalArgumentException("a number is required: " + value);
    }

    private static int integer(Object value) {
        return Math.toIntExact(number(value));
    }
}
