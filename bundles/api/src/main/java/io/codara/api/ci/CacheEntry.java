package io.codara.api.ci;

import java.time.Instant;
import java.util.Objects;

/**
 * A dependency cache entry of a repository, saved by {@code actions/cache} under a key.
 *
 * @param id the entry's id
 * @param repositoryId the repository it belongs to
 * @param key the key it was saved under
 * @param version a hash of the cached paths: an entry is restored only for the same paths
 * @param ref the full ref of the run that saved it (its scope): visible to runs of that ref, and an entry of the
 *        default branch to every ref
 * @param sizeInBytes the size of its archive
 * @param createdAt when it was saved
 * @param lastAccessedAt when it was last restored (or saved)
 */
public record CacheEntry(long id, long repositoryId, String key, String version, String ref, long sizeInBytes,
        Instant createdAt, Instant lastAccessedAt) {

    public CacheEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(ref, "ref");
    }
}
