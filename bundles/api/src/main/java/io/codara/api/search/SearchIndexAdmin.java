package io.codara.api.search;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Administers the code search index: rebuilds it from git (in the background) and tells what it holds. Callers
 * authorise first (site administration).
 */
@ProviderType
public interface SearchIndexAdmin {

    /**
     * Drops what the index holds of repository {@code owner/name} and queues its indexing from scratch; a 404
     * {@link io.codara.api.rest.ApiException} when there is no such repository.
     */
    void rebuild(String owner, String name);

    /**
     * Drops the whole index and queues the indexing of every repository from scratch.
     *
     * @return how many repositories were queued
     */
    int rebuildAll();

    /** What the index holds now. */
    IndexStatus status();
}
