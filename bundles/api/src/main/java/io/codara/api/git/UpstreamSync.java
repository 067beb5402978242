package io.codara.api.git;

/**
 * What syncing a fork's branch with its upstream did, as GitHub's {@code merge-upstream} answers.
 *
 * @param message what happened, for people
 * @param mergeType {@code "fast-forward"} when the branch moved, {@code "none"} when it was not behind
 * @param baseBranch the upstream branch, {@code owner:branch}
 */
public record UpstreamSync(String message, String mergeType, String baseBranch) {
}
