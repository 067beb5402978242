package io.codara.api.review;

/**
 * Changes to a pull request; {@code null} leaves a field as it is.
 *
 * @param title a new title
 * @param body a new description (an empty string clears it)
 * @param state {@code open} to reopen, {@code closed} to close
 * @param baseRef a new base branch of the base repository
 * @param maintainerCanModify a new setting
 */
public record PullRequestUpdate(String title, String body, String state, String baseRef, Boolean maintainerCanModify) {
}
