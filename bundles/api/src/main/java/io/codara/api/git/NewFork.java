package io.codara.api.git;

/**
 * What forking takes, as GitHub's {@code POST /repos/{owner}/{repo}/forks} does.
 *
 * @param owner the user or organisation that will own the fork
 * @param name the fork's name; {@code null} for the parent's name
 * @param defaultBranchOnly copy only the default branch (otherwise every branch and tag)
 */
public record NewFork(String owner, String name, boolean defaultBranchOnly) {
}
