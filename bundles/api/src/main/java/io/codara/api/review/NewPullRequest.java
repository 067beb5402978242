package io.codara.api.review;

/**
 * What opening a pull request asks for.
 *
 * @param headRepositoryId the repository of the head branch: the base repository or a fork in its network
 * @param headRef the head branch name
 * @param baseRef the base branch name in the base repository
 * @param title the title, required
 * @param body the Markdown description, or {@code null}
 * @param draft whether it opens as a draft
 * @param maintainerCanModify whether the base repository's maintainers may push to the head branch
 */
public record NewPullRequest(long headRepositoryId, String headRef, String baseRef, String title, String body,
        boolean draft, boolean maintainerCanModify) {
}
