package io.codara.api.review;

import java.util.List;
import java.util.Optional;

import io.codara.api.audit.Actor;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The pull requests of the hosted repositories. Callers authorise first through
 * {@link io.codara.api.security.Permissions} (resource type {@code repository}); invalid input fails with an
 * {@link io.codara.api.rest.ApiException} (422 in GitHub's shapes) and changes nothing. Changes publish
 * {@code codara/pull_request/*} events (see {@link io.codara.api.event.Topics}).
 */
@ProviderType
public interface PullRequests {

    /**
     * Opens a pull request in repository {@code repositoryId}: both branches must exist, differ, have commits on the
     * head that the base lacks, and have no open pull request already. Mergeability is computed in the background.
     */
    PullRequest open(long repositoryId, NewPullRequest input, Actor author);

    /** The pull request {@code number} of a repository. */
    Optional<PullRequest> find(long repositoryId, int number);

    /** A repository's pull requests that match {@code filter}. */
    Page<PullRequest> list(long repositoryId, PullRequestFilter filter, PageRequest page);

    /** Changes title, body, state (close/reopen), base branch or maintainer setting. */
    PullRequest update(long repositoryId, int number, PullRequestUpdate update, Actor actor);

    /** The commits on the head and not on the base, oldest first (at most 250, as GitHub shows). */
    Page<PullRequestCommit> commits(long repositoryId, int number, PageRequest page);

    /** The files changed between the merge base and the head (at most 3000, as GitHub shows). */
    Page<ChangedFile> files(long repositoryId, int number, PageRequest page);

    /** The accounts asked to review pull request {@code number}, in the order they were asked. */
    List<Long> requestedReviewers(long repositoryId, int number);

    /**
     * Asks {@code accountIds} to review an open pull request (those already asked stay asked); the caller checked that
     * they may review it. 422 for the author or a closed pull request. Answers the reviewers now asked.
     */
    List<Long> requestReviewers(long repositoryId, int number, List<Long> accountIds, Actor actor);

    /** Withdraws the review requests of {@code accountIds}; answers the reviewers still asked. */
    List<Long> removeReviewers(long repositoryId, int number, List<Long> accountIds, Actor actor);

    /** Commits, lines added and removed, and files changed, from one reading of the history. */
    PullRequestStats stats(long repositoryId, int number);
}
