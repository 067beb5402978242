package io.codara.api.git;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a repository's bare git directory lives on this node, for capabilities that read history themselves (search,
 * analytics, CI checkouts). Readers open it read-only; only the git capability writes to it.
 */
@ProviderType
public interface RepositoryDirectories {

    /** The bare git directory of repository {@code repositoryId} (it may not exist yet, or any more). */
    Path gitDirectory(long repositoryId);
}
