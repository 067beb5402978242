package io.codara.ci.internal.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A workflow run as stored; {@code conclusion} is {@code null} until it is completed.
 *
 * @param status {@code pending} (waiting for its concurrency group), {@code queued}, {@code in_progress} or
 *               {@code completed}
 * @param eventPayload {@code github.event}
 * @param sourceRepositoryId the repository whose git directory holds the head commit, when not this one
 * @param withholdSecrets whether its jobs get no secrets (a pull request from a fork)
 * @param concurrencyGroup the workflow's concurrency group, or {@code null}
 */
public record WorkflowRun(long id, long repositoryId, String workflowPath, String name, String event, String headSha,
        String headBranch, String headRef, long runNumber, int runAttempt, String status, String conclusion, String actor,
        List<String> annotations, Map<String, Object> inputs, Instant createdAt, Instant updatedAt,
        Instant startedAt, Map<String, Object> eventPayload, Long sourceRepositoryId, boolean withholdSecrets,
        String concurrencyGroup) {

    public WorkflowRun {
        annotations = List.copyOf(annotations == null ? List.of() : annotations);
        inputs = inputs == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
        eventPayload = eventPayload == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(eventPayload));
    }
}
