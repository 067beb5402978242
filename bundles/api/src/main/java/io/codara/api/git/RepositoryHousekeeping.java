package io.codara.api.git;

import io.codara.api.audit.Actor;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Administrative checks and maintenance of a repository's git directory, run now rather than in the background:
 * for the shell and for operators. Callers authorise first (site administrators); an unknown repository fails with
 * a 404 {@link io.codara.api.rest.ApiException}.
 */
@ProviderType
public interface RepositoryHousekeeping {

    /** Checks that every object reachable from a ref is present and well formed, as {@code git fsck} does. */
    FsckReport fsck(String owner, String name, Actor actor);

    /** Repacks the repository now (everything into one pack with a bitmap index), as background maintenance does. */
    GcReport gc(String owner, String name, Actor actor);
}
