package io.codara.api.ci.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One job as the engine hands it to a runner: everything is already resolved (matrix expanded, expressions in
 * {@code env} and {@code run} evaluated, secrets looked up), except each step's {@code if}, which the runner asks
 * {@link JobListener#shouldRun} about just before the step, and a built-in step's {@code with}, which it asks
 * {@link JobListener#inputs} about then (they may read the workspace through {@code hashFiles}).
 *
 * @param jobId the job's id, unique across runs; names the workspace {@code mnt/runners/jobs/{job_id}/}
 * @param runId the workflow run's id ({@code GITHUB_RUN_ID})
 * @param runNumber the run's number within its workflow ({@code GITHUB_RUN_NUMBER})
 * @param runAttempt the attempt, from 1 ({@code GITHUB_RUN_ATTEMPT})
 * @param workflow the workflow's name ({@code GITHUB_WORKFLOW})
 * @param jobKey the job's key under {@code jobs:} ({@code GITHUB_JOB})
 * @param repository the repository's {@code owner/name} ({@code GITHUB_REPOSITORY})
 * @param source where to fetch the commit from
 * @param sha the commit to check out ({@code GITHUB_SHA})
 * @param ref the full ref that triggered the run, e.g. {@code refs/heads/main} ({@code GITHUB_REF})
 * @param env the job's environment: workflow and job {@code env}, plus context variables the engine sets
 *        ({@code GITHUB_EVENT_NAME}, {@code GITHUB_ACTOR}, ...)
 * @param timeout the job's time limit ({@code timeout-minutes}); the engine passes GitHub's 360 minutes when unset
 * @param steps the steps, in order, with indexes from 1
 * @param secrets values to mask in every log line (each line of a multi-line value is masked on its own)
 * @param limits resource limits per step process, where the runner can apply them
 * @param runsOn the job's {@code runs-on} labels, e.g. {@code [docker:alpine:3.20]} (the runner's image), or empty
 * @param services the job's {@code services:} containers, for a runner with a container engine
 */
public record RunnerJob(long jobId, long runId, long runNumber, int runAttempt, String workflow, String jobKey,
        String repository, RepositorySource source, String sha, String ref, Map<String, String> env,
        Duration timeout, List<RunnerStep> steps, Set<String> secrets, ResourceLimits limits, List<String> runsOn,
        List<ServiceContainer> services) {

    /** A job without {@code runs-on} labels or services (as before version 1.1 of this package). */
    public RunnerJob(long jobId, long runId, long runNumber, int runAttempt, String workflow, String jobKey,
            String repository, RepositorySource source, String sha, String ref, Map<String, String> env,
            Duration timeout, List<RunnerStep> steps, Set<String> secrets, ResourceLimits limits) {
        this(jobId, runId, runNumber, runAttempt, workflow, jobKey, repository, source, sha, ref, env, timeout, steps,
                secrets, limits, List.of(), List.of());
    }

    public RunnerJob {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sha, "sha");
        Objects.requireNonNull(timeout, "timeout");
        if (!sha.matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha must be a full hexadecimal commit id: " + sha);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        workflow = workflow == null ? "" : workflow;
        jobKey = jobKey == null ? "" : jobKey;
        ref = ref == null ? "" : ref;
        env = Map.copyOf(env == null ? Map.of() : env);
        steps = List.copyOf(steps == null ? List.of() : steps);
        secrets = Set.copyOf(secrets == null ? Set.of() : secrets);
        limits = limits == null ? ResourceLimits.NONE : limits;
        runsOn = List.copyOf(runsOn == null ? List.of() : runsOn);
        services = List.copyOf(services == null ? List.of() : services);
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).index() != i + 1) {
                throw new IllegalArgumentException("step " + (i + 1) + " has index " + steps.get(i).index());
            }
        }
    }
}
