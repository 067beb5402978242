package io.codara.api.git;

import io.codara.api.security.Principal;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Moves branches on the server side (a pull request's merge, a deleted head branch) as a push by {@code actor}
 * would: the branch protection that applies to the branch is enforced for {@code actor} (restrictions, deletions,
 * force pushes, linear history, signatures; administrators bypass it unless it enforces admins), the move is
 * compare-and-set against the expected old commit, one {@link io.codara.api.event.Topics#GIT_PUSH} event is written
 * to the outbox in the same transaction, and the ref and the objects it points to are on stable storage before the
 * call returns. The new commit's objects must already be in the repository's object database. Callers authorise
 * first ({@code write} on the repository).
 */
@ProviderType
public interface BranchUpdates {

    /**
     * Moves {@code branch} (a short name such as {@code main}) from {@code expectedOld} to {@code newSha}; a
     * {@code null} {@code newSha} deletes the branch. {@code reason} goes to the reflog.
     */
    BranchUpdate update(long repositoryId, String branch, String expectedOld, String newSha, Principal actor,
            String reason);
}
