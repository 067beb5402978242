package io.codara.api.review;

import java.time.Instant;

/**
 * A pull request set to merge itself once every requirement of its base branch is met (GitHub's auto-merge).
 *
 * @param method how it will be merged
 * @param enabledById the account that enabled it; the merge is made in its name
 * @param commitTitle the title of the commit the merge makes, or {@code null} for the default
 * @param commitMessage the body of that commit, or {@code null} for the default
 * @param enabledAt when it was enabled
 */
public record AutoMerge(MergeMethod method, long enabledById, String commitTitle, String commitMessage,
        Instant enabledAt) {
}
