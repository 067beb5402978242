package io.codara.api.review;

/**
 * A pull request's merge, as GitHub answers it.
 *
 * @param sha the new tip of the base branch (the merge commit, the squashed commit or the last rebased one)
 * @param merged always {@code true}: a merge that cannot be made fails with an exception
 * @param message GitHub's {@code "Pull Request successfully merged"}
 */
public record MergeResult(String sha, boolean merged, String message) {
}
