package io.codara.api.ci;

import java.util.Optional;

import io.codara.api.audit.Actor;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Commit statuses (GitHub's statuses API) for CI engines, external CI systems and merge checks. Callers authorise
 * first through {@link io.codara.api.security.Permissions} ({@code write} on the repository to post, {@code read}
 * to list); invalid input fails with an {@link io.codara.api.rest.ApiException}.
 */
@ProviderType
public interface CommitStatuses {

    /**
     * Posts a status on commit {@code sha} (a full SHA-1) of repository {@code repositoryId} and publishes
     * {@link io.codara.api.event.Topics#CI_STATUS} in the same transaction; 422 when the repository has no such
     * commit.
     *
     * @param creator who posts it: a user's login, or {@link Actor#SYSTEM} for Codara's own CI
     */
    CommitStatus create(long repositoryId, String sha, NewCommitStatus status, Actor creator);

    /** The statuses of a commit, newest first. */
    Page<CommitStatus> list(long repositoryId, String sha, PageRequest page);

    /** The combined status of a commit, its contexts newest first. */
    CombinedStatus combined(long repositoryId, String sha, PageRequest page);

    /**
     * The full SHA-1 of the commit that {@code ref} names in the repository: a full or abbreviated SHA, a branch or
     * a tag (peeled); empty when it names none.
     */
    Optional<String> resolve(long repositoryId, String ref);
}
