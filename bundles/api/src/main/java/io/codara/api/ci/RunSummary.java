package io.codara.api.ci;

import java.time.Instant;

/**
 * A workflow run in brief.
 *
 * @param id the run's id
 * @param repositoryId its repository's id
 * @param repository its repository's full name ({@code owner/name}), or {@code null} if it was deleted since
 * @param workflowPath the workflow file, e.g. {@code .codara/workflows/ci.yml}
 * @param name the workflow's name
 * @param event what triggered it ({@code push}, {@code workflow_dispatch}...)
 * @param headBranch the branch or tag it ran on
 * @param headSha the commit it ran on
 * @param runNumber its number among its workflow's runs
 * @param attempt its attempt (re-runs count up)
 * @param status {@code queued}, {@code in_progress} or {@code completed}
 * @param conclusion once completed: {@code success}, {@code failure}, {@code cancelled}...; else {@code null}
 * @param actor who triggered it
 * @param createdAt when it was created
 */
public record RunSummary(long id, long repositoryId, String repository, String workflowPath, String name,
        String event, String headBranch, String headSha, long runNumber, int attempt, String status,
        String conclusion, String actor, Instant createdAt) {
}
