package io.codara.ci.internal.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A workflow run to create: what triggered it and its jobs, or the errors of its workflow file (then it has no jobs
 * and is created as a failed run).
 *
 * @param inputs the inputs of a workflow_dispatch run
 * @param headRef the full ref ({@code refs/heads/...}, {@code refs/tags/...}); empty or {@code null}: the branch's
 * @param errors the workflow file's errors ({@code line:column: message}); non-empty for a failed run
 * @param eventPayload what {@code github.event} holds (a pull request's payload, a schedule's cron)
 * @param sourceRepositoryId the repository whose git directory holds {@code headSha} when it is not this one (a
 *                           pull request from a fork), or {@code null}
 * @param withholdSecrets whether the run's jobs get no secrets (a pull request from a fork)
 * @param concurrency the workflow's evaluated {@code concurrency}, or {@code null}
 */
public record PlannedRun(long repositoryId, String workflowPath, String name, String event, String headSha,
        String headBranch, String actor, List<PlannedJob> jobs, List<String> errors, Map<String, Object> inputs,
        String headRef, Map<String, Object> eventPayload, Long sourceRepositoryId, boolean withholdSecrets,
        Concurrency concurrency) {

    /**
     * An evaluated {@code concurrency}: at most one run (or job) of {@code group} runs and one waits.
     *
     * @param group the group's name, unique within the repository
     * @param cancelInProgress whether a newer one cancels the running one
     */
    public record Concurrency(String group, boolean cancelInProgress) {
        public Concurrency {
            Objects.requireNonNull(group, "group");
            if (group.isBlank() || group.length() > 1024) {
                throw new IllegalArgumentException("a concurrency group must have 1 to 1024 characters");
            }
        }
    }

    /** A run without event payload, fork source or concurrency. */
    public PlannedRun(long repositoryId, String workflowPath, String name, String event, String headSha,
            String headBranch, String actor, List<PlannedJob> jobs, List<String> errors, Map<String, Object> inputs,
            String headRef) {
        this(repositoryId, workflowPath, name, event, headSha, headBranch, actor, jobs, errors, inputs, headRef,
                Map.of(), null, false, null);
    }

    /** A run of branch {@code headBranch} without inputs. */
    public PlannedRun(long repositoryId, String workflowPath, String name, String event, String headSha,
            String headBranch, String actor, List<PlannedJob> jobs, List<String> errors) {
        this(repositoryId, workflowPath, name, event, headSha, headBranch, actor, jobs, errors, Map.of(), null);
    }

    public PlannedRun {
        Objects.requireNonNull(workflowPath, "workflowPath");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(headSha, "headSha");
        jobs = List.copyOf(jobs == null ? List.of() : jobs);
        errors = List.copyOf(errors == null ? List.of() : errors);
        inputs = Map.copyOf(inputs == null ? Map.of() : inputs);
        eventPayload = eventPayload == null ? Map.of() : eventPayload;
        if (headRef == null || headRef.isBlank()) {
            headRef = headBranch == null ? "" : "refs/heads/" + headBranch;
        }
        name = name == null || name.isBlank() ? workflowPath : name;
        if (jobs.isEmpty() && errors.isEmpty()) {
            throw new IllegalArgumentException("a run needs jobs or errors");
        }
    }
}
