package io.codara.api.ci;

import java.time.Instant;
import java.util.Objects;

/**
 * A workflow run's artifact: a zip archive of files a job uploaded, kept until {@code expiresAt}.
 *
 * @param id the artifact's id
 * @param repositoryId the repository of the run
 * @param runId the workflow run that uploaded it
 * @param name its name, unique within the run
 * @param sizeInBytes the size of its zip archive
 * @param digest {@code sha256:} and the hex SHA-256 of the zip archive
 * @param createdAt when it was uploaded
 * @param updatedAt when it last changed
 * @param expiresAt when it expires (its archive is deleted then)
 * @param expired whether it has expired (its archive can no longer be downloaded)
 */
public record Artifact(long id, long repositoryId, long runId, String name, long sizeInBytes, String digest,
        Instant createdAt, Instant updatedAt, Instant expiresAt, boolean expired) {

    public Artifact {
        Objects.requireNonNull(name, "name");
    }
}
