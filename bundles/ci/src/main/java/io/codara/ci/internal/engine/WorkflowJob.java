package io.codara.ci.internal.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A job of a run attempt as stored, with its steps; {@code conclusion} is {@code null} until it is completed. */
public record WorkflowJob(long id, long runId, int runAttempt, String key, String name, Map<String, String> matrix,
        List<String> needs, List<String> runsOn, String status, String conclusion, String message, String runnerName,
        int claims, Instant createdAt, Instant startedAt, Instant completedAt, List<WorkflowStep> steps) {

    public WorkflowJob {
        matrix = Map.copyOf(matrix == null ? Map.of() : matrix);
        needs = List.copyOf(needs);
        runsOn = List.copyOf(runsOn);
        steps = List.copyOf(steps == null ? List.of() : steps);
    }

    /** A step of a job. */
    public record WorkflowStep(int number, String name, String status, String conclusion, Instant startedAt,
            Instant completedAt) {
    }
}
