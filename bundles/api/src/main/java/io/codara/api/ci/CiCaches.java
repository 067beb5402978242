package io.codara.api.ci;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Dependency caches of repositories ({@code actions/cache}), their archives in the blob store. A run sees the
 * entries saved by runs of its own ref and of the repository's default branch, as on GitHub; entries over a
 * repository's size cap are evicted least recently used first.
 */
@ProviderType
public interface CiCaches {

    /** A page of cache entries and how many match. */
    record Page(List<CacheEntry> caches, long totalCount) {

        public Page {
            caches = List.copyOf(caches);
        }
    }

    /** How many entries a repository has and their total size. */
    record Usage(long count, long sizeInBytes) {
    }

    /**
     * The entry run {@code runId} restores for {@code key}: an exact match of key and version, else the newest entry
     * whose key starts with the first of {@code restoreKeys} that matches any; its own ref's entries before the
     * default branch's. A restored entry's last use is updated.
     */
    Optional<CacheEntry> restore(long runId, String key, List<String> restoreKeys, String version);

    /** The archive of an entry. */
    Optional<InputStream> open(long cacheId) throws IOException;

    /**
     * Saves {@code content} under {@code key} and {@code version} in the scope of run {@code runId}'s ref; empty when
     * that scope already has the key (entries are immutable, as on GitHub). Evicts old entries over the cap.
     */
    Optional<CacheEntry> save(long runId, String key, String version, InputStream content) throws IOException;

    /** A repository's entries, most recently used first, filtered by key prefix and ref when given. */
    Page list(long repositoryId, String keyPrefix, String ref, int page, int perPage);

    /** A repository's usage. */
    Usage usage(long repositoryId);

    /** Deletes one entry of a repository; false when there was none. */
    boolean delete(long repositoryId, long cacheId);

    /** Deletes a repository's entries of exactly {@code key} (of {@code ref} only, when given); the deleted ones. */
    List<CacheEntry> delete(long repositoryId, String key, String ref);
}
