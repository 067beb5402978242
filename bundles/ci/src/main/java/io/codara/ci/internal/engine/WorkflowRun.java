package io.codara.ci.internal.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A workflow run as stored; {@code conclusion} is {@code null} until it is completed. */
public record WorkflowRun(long id, long repositoryId, String workflowPath, String name, String event, String headSha,
        String headBranch, String headRef, long runNumber, int runAttempt, String status, String conclusion, String actor,
        List<String> annotations, Map<String, Object> inputs, Instant createdAt, Instant updatedAt,
        Instant startedAt) {

    public WorkflowRun {
        annotations = List.copyOf(annotations == null ? List.of() : annotations);
        inputs = inputs == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
    }
}
