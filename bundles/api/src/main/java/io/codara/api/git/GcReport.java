package io.codara.api.git;

import java.time.Duration;

/**
 * What a repack changed.
 *
 * @param repository {@code owner/name}
 * @param outcome what was done, in words (a fork is not repacked; a repository with forks prunes nothing)
 * @param before the git directory's objects before
 * @param after the git directory's objects after
 * @param took how long it ran
 */
public record GcReport(String repository, String outcome, DiskUsage before, DiskUsage after, Duration took) {

    /**
     * A repository's objects on disk.
     *
     * @param packBytes bytes in pack files (with their indexes)
     * @param looseBytes bytes in loose objects
     * @param packs pack files
     * @param packedObjects objects in packs
     * @param looseObjects loose objects
     */
    public record DiskUsage(long packBytes, long looseBytes, long packs, long packedObjects, long looseObjects) {

        /** Bytes of all objects. */
        public long totalBytes() {
            return packBytes + looseBytes;
        }
    }
}
