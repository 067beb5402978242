package io.codara.api.search;

import java.util.List;

/**
 * What the code search index holds.
 *
 * @param repositories how many repositories have at least one indexed branch
 * @param files how many files (one per repository, branch and path) are indexed
 * @param bytes the size of those files' content
 * @param indexBytes the size of the index on disk
 * @param pendingJobs indexing jobs queued or running
 * @param branches the indexed branches, by repository id and branch
 * @param problems what keeps the index from being complete, e.g. a missing symbol tagger; empty when nothing does
 */
public record IndexStatus(int repositories, long files, long bytes, long indexBytes, long pendingJobs,
        List<IndexedBranch> branches, List<String> problems) {

    public IndexStatus {
        branches = List.copyOf(branches);
        problems = List.copyOf(problems);
    }

    /** A status without problems. */
    public IndexStatus(int repositories, long files, long bytes, long indexBytes, long pendingJobs,
            List<IndexedBranch> branches) {
        this(repositories, files, bytes, indexBytes, pendingJobs, branches, List.of());
    }
}
