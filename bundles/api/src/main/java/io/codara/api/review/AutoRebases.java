package io.codara.api.review;

import java.util.Optional;

import io.codara.api.audit.Actor;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Codara's auto-rebase: a pull request's head branch follows its base. After each push that moves the base, the
 * commits of every open pull request with auto-rebase on that base are replayed onto the new base (authors kept,
 * committed by the enabler) and the head branch moves through {@link io.codara.api.git.BranchUpdates} in the
 * enabler's name, compare-and-set against the head the rebase started from, so a concurrent push is never lost. A
 * pull request that does not replay cleanly (conflicts, merge commits), or whose head the enabler may not move, is
 * left alone with the reason. Callers authorise first: the author of the pull request, or whoever may push to its
 * head branch.
 */
@ProviderType
public interface AutoRebases {

    /** The pull request's auto-rebase, if enabled. */
    Optional<AutoRebase> autoRebase(long repositoryId, int number);

    /**
     * Enables auto-rebase of an open pull request in {@code actor}'s name (an attempt follows at once when the head
     * is behind its base). Enabling it again keeps the last result and makes {@code actor} the enabler.
     */
    AutoRebase enable(long repositoryId, int number, Actor actor);

    /** Disables auto-rebase; false when it was not enabled. */
    boolean disable(long repositoryId, int number, Actor actor);
}
