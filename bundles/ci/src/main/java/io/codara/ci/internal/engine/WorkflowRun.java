package io.codara.ci.internal.engine;

import java.time.Instant;
import java.util.List;

/** A workflow run as stored; {@code conclusion} is {@code null} until it is completed. */
public record WorkflowRun(long id, long repositoryId, String workflowPath, String name, String event, String headSha,
        String headBranch, long runNumber, int runAttempt, String status, String conclusion, String actor,
        List<String> annotations, Instant createdAt, Instant updatedAt, Instant startedAt) {

    public WorkflowRun {
        annotations = List.copyOf(annotations == null ? List.of() : annotations);
    }
}
