package io.codara.api.ci;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The artifacts of workflow runs, their zip archives in the blob store: what {@code actions/upload-artifact} and
 * {@code actions/download-artifact} do on any runner, and what the Actions REST API lists and serves.
 */
@ProviderType
public interface CiArtifacts {

    /** A page of artifacts and how many match. */
    record Page(List<Artifact> artifacts, long totalCount) {

        public Page {
            artifacts = List.copyOf(artifacts);
        }
    }

    /**
     * Stores {@code zip} as the artifact {@code name} of run {@code runId}, kept {@code retentionDays} (0: the
     * configured default; more than the configured maximum is cut to it).
     *
     * @throws IllegalStateException when the run already has an artifact of that name and {@code overwrite} is false
     * @throws IllegalArgumentException when there is no such run or the name is not allowed
     */
    Artifact upload(long runId, String name, InputStream zip, int retentionDays, boolean overwrite)
            throws IOException;

    /** The artifacts of a run, expired ones included, by name. */
    List<Artifact> ofRun(long runId);

    /** A repository's artifacts, newest first, optionally only those called {@code name}. */
    Page ofRepository(long repositoryId, String name, int page, int perPage);

    /** One artifact. */
    Optional<Artifact> find(long artifactId);

    /** The zip archive of an artifact that has not expired. */
    Optional<InputStream> open(long artifactId) throws IOException;

    /** Deletes an artifact and its archive; false when there was none. */
    boolean delete(long artifactId);

    /** Deletes the archives of artifacts whose time has come and marks them expired; answers how many. */
    int expire();
}
