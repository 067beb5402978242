package io.codara.api.review;

import java.time.Instant;

/**
 * A pull request of a repository.
 *
 * @param id stable id across repositories
 * @param repositoryId the base repository, where the pull request lives
 * @param number the number within its repository, from 1
 * @param title one-line title
 * @param body Markdown description, or {@code null}
 * @param state {@code open} or {@code closed}
 * @param draft whether it is a draft
 * @param merged whether it was merged
 * @param authorId the account that opened it
 * @param headRepositoryId the repository of the head branch (the base repository or a fork of it)
 * @param headRef the head branch name
 * @param headSha the head branch's commit as last seen
 * @param baseRef the base branch name
 * @param baseSha the base branch's commit as last seen
 * @param mergeable whether head merges cleanly into base, {@code null} while unknown (not computed yet)
 * @param mergeableState GitHub's {@code clean}, {@code dirty} or {@code unknown}
 * @param maintainerCanModify whether the base repository's maintainers may push to the head branch
 * @param createdAt when it was opened
 * @param updatedAt last change
 * @param closedAt when it was last closed, {@code null} while open
 * @param mergedAt when it was merged, or {@code null}
 * @param mergeCommitSha the commit its merge made the base branch's tip, or {@code null}
 * @param mergedById the account that merged it, or {@code null}
 */
public record PullRequest(long id, long repositoryId, int number, String title, String body, String state,
        boolean draft, boolean merged, long authorId, long headRepositoryId, String headRef, String headSha,
        String baseRef, String baseSha, Boolean mergeable, String mergeableState, boolean maintainerCanModify,
        Instant createdAt, Instant updatedAt, Instant closedAt, Instant mergedAt, String mergeCommitSha,
        Long mergedById) {

    /** A pull request that was not merged. */
    public PullRequest(long id, long repositoryId, int number, String title, String body, String state,
            boolean draft, boolean merged, long authorId, long headRepositoryId, String headRef, String headSha,
            String baseRef, String baseSha, Boolean mergeable, String mergeableState, boolean maintainerCanModify,
            Instant createdAt, Instant updatedAt, Instant closedAt, Instant mergedAt) {
        this(id, repositoryId, number, title, body, state, draft, merged, authorId, headRepositoryId, headRef,
                headSha, baseRef, baseSha, mergeable, mergeableState, maintainerCanModify, createdAt, updatedAt,
                closedAt, mergedAt, null, null);
    }

    /** The state of an open pull request. */
    public static final String OPEN = "open";
    /** The state of a closed (or merged) pull request. */
    public static final String CLOSED = "closed";

    /** Whether it is open. */
    public boolean open() {
        return OPEN.equals(state);
    }
}
