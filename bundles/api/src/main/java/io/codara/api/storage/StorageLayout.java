package io.codara.api.storage;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/** The storage root ({@code codara.root}) and the fixed layout beneath it. */
@ProviderType
public interface StorageLayout {

    /** The storage root itself. */
    Path root();

    /** {@code mnt/repos}: bare repositories. */
    default Path repos() {
        return root().resolve("mnt").resolve("repos");
    }

    /** {@code mnt/lfs}: LFS objects by oid. */
    default Path lfs() {
        return root().resolve("mnt").resolve("lfs");
    }

    /** {@code mnt/blobs}: artifacts, attachments, packages. */
    default Path blobs() {
        return root().resolve("mnt").resolve("blobs");
    }

    /** {@code mnt/runners/jobs}: CI job workspaces. */
    default Path runnerJobs() {
        return root().resolve("mnt").resolve("runners").resolve("jobs");
    }

    /** {@code models/codara}: model versions and checkpoints. */
    default Path models() {
        return root().resolve("models").resolve("codara");
    }

    /** {@code search}: Lucene indexes, rebuildable from git. */
    default Path search() {
        return root().resolve("search");
    }

    /** {@code postgres}: embedded PostgreSQL data, absent when the database is external. */
    default Path postgres() {
        return root().resolve("postgres");
    }
}
