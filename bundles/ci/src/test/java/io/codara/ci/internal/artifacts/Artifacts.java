package io.codara.ci.internal.artifacts;

import java.time.Duration;

import io.codara.api.storage.JobQueue;
import io.codara.api.storage.spi.JobHandler;

/** Package-private parts of the artifact components, for tests outside this package. */
public final class Artifacts {

    private Artifacts() {
    }

    /** Moves an artifact's expiry to {@code in} from now. */
    public static void expireIn(PostgresArtifacts artifacts, long artifactId, Duration in) {
        artifacts.expireIn(artifactId, in);
    }

    /** The retention job handler, which schedules its first run on {@code queue}. */
    public static JobHandler retention(PostgresArtifacts artifacts, JobQueue queue) {
        return new ArtifactRetention(artifacts, queue);
    }
}
