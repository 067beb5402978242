package io.codara.api.git;

/**
 * What generating a repository from a template takes, as GitHub's {@code POST /repos/{owner}/{repo}/generate}
 * does.
 *
 * @param owner the user or organisation that will own the new repository
 * @param name its name
 * @param description description, or {@code null}
 * @param includeAllBranches copy every branch (otherwise the default branch only)
 * @param visibility who may see it; {@code null} for public
 */
public record NewFromTemplate(String owner, String name, String description, boolean includeAllBranches,
        Visibility visibility) {
}
