package io.codara.api.search;

/**
 * A branch of a repository as the index holds it.
 *
 * @param repositoryId the repository's id
 * @param repository its current {@code owner/name}, or {@code null} when it no longer exists
 * @param branch the branch's name
 * @param commit the last indexed commit
 * @param files how many of its files are indexed
 */
public record IndexedBranch(long repositoryId, String repository, String branch, String commit, long files) {
}
