package io.codara.api.ci;

import java.time.Instant;

/**
 * A status posted on a commit; statuses are never changed, a newer one with the same context supersedes it.
 *
 * @param id stable numeric id
 * @param repositoryId the repository of the commit
 * @param sha the commit's full SHA-1
 * @param state the state
 * @param targetUrl where the details are, or {@code null}
 * @param description a short description, or {@code null}
 * @param context what reported it
 * @param creatorId the account that posted it, or {@code null} when Codara itself did (its CI engine)
 * @param createdAt when it was posted
 * @param updatedAt the same as {@code createdAt}: statuses are immutable, GitHub shows both
 */
public record CommitStatus(long id, long repositoryId, String sha, CommitState state, String targetUrl,
        String description, String context, Long creatorId, Instant createdAt, Instant updatedAt) {
}
