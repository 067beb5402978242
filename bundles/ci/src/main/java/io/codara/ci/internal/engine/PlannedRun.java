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
 */
public record PlannedRun(long repositoryId, String workflowPath, String name, String event, String headSha,
        String headBranch, String actor, List<PlannedJob> jobs, List<String> errors, Map<String, Object> inputs,
        String headRef) {

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
        if (headRef == null || headRef.isBlank()) {
            headRef = headBranch == null ? "" : "refs/heads/" + headBranch;
        }
        name = name == null || name.isBlank() ? workflowPath : name;
        if (jobs.isEmpty() && errors.isEmpty()) {
            throw new IllegalArgumentException("a run needs jobs or errors");
        }
    }
}
