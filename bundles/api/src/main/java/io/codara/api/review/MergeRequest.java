package io.codara.api.review;

/**
 * What merging a pull request asks for ({@code PUT /repos/{o}/{r}/pulls/{n}/merge}).
 *
 * @param method how to merge
 * @param commitTitle the title of the commit a merge or squash makes, or {@code null} for GitHub's default
 * @param commitMessage the message body of that commit, or {@code null} for GitHub's default
 * @param sha the head commit the caller reviewed; when set and the head moved, the merge is refused (409)
 */
public record MergeRequest(MergeMethod method, String commitTitle, String commitMessage, String sha) {
}
