package io.codara.api.review;

/**
 * The size of a pull request, as GitHub shows it on a single pull request.
 *
 * @param commits commits on the head and not on the base
 * @param additions lines added over all changed files
 * @param deletions lines removed over all changed files
 * @param changedFiles files changed
 */
public record PullRequestStats(int commits, int additions, int deletions, int changedFiles) {
}
