package io.codara.api.review;

import java.util.Optional;

import io.codara.api.audit.Actor;
import io.codara.api.security.Principal;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Merging pull requests: the base branch's protection (reviews, status checks, up to date, linear history,
 * signatures, administrators) and the repository's allowed merge methods are enforced, the base branch moves
 * through {@link io.codara.api.git.BranchUpdates}, and a merged pull request publishes
 * {@link io.codara.api.event.Topics#PULL_REQUEST_CLOSED} with {@code merged=true}. Callers authorise first
 * ({@code write} on the base repository). A merge that cannot be made fails with an
 * {@link io.codara.api.rest.ApiException}: 405 with the reason (GitHub's), 409 when the head moved.
 */
@ProviderType
public interface PullRequestMerges {

    /** Merges pull request {@code number} as {@code merger}. */
    MergeResult merge(long repositoryId, int number, MergeRequest request, Principal merger);

    /** Whether pull request {@code number} may be merged now, for a caller without bypass rights. */
    MergeStatus status(long repositoryId, int number);

    /** The pull request's auto-merge, if enabled. */
    Optional<AutoMerge> autoMerge(long repositoryId, int number);

    /**
     * Enables (or changes) auto-merge of an open pull request: it merges in the background, in {@code actor}'s
     * name, as soon as its requirements are met (at once when they already are).
     */
    AutoMerge enableAutoMerge(long repositoryId, int number, MergeRequest request, Actor actor);

    /** Disables auto-merge; false when it was not enabled. */
    boolean disableAutoMerge(long repositoryId, int number, Actor actor);
}
