package io.codara.ci.internal.artifacts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.codara.api.event.Topics;
import io.codara.api.storage.BlobStore;
import io.codara.api.storage.Database;
import io.codara.ci.internal.CiSchema;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a deleted repository's artifacts and caches with their archives. Idempotent, as outbox delivery is at least
 * once; a failure is logged and the rows stay harmless, since repository ids are never reused.
 */
@Component(service = EventHandler.class, property = EventConstants.EVENT_TOPIC + "=" + Topics.GIT_REPOSITORY_DELETED)
public final class ArtifactCleanup implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ArtifactCleanup.class);

    private final Database database;
    private final BlobStore blobs;

    @Activate
    public ArtifactCleanup(@Reference CiSchema schema, @Reference Database database, @Reference BlobStore blobs) {
        this.database = database;
        this.blobs = blobs;
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty("repository_id") instanceof Number id) {
            forget(id.longValue());
        }
    }

    /** Deletes the repository's artifacts and caches; answers how many rows. */
    public int forget(long repositoryId) {
        List<String> shas = new ArrayList<>();
        try {
            database.inTransaction(c -> {
                for (String table : new String[] {"artifacts", "caches"}) {
                    try (PreparedStatement s = c.prepareStatement("DELETE FROM ci." + table
                            + " WHERE repository_id = ? RETURNING blob_sha256")) {
                        s.setLong(1, repositoryId);
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                shas.add(rs.getString(1));
                            }
                        }
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            LOG.warn("Could not delete the CI artifacts and caches of deleted repository {}", repositoryId, e);
            return 0;
        }
        shas.stream().filter(java.util.Objects::nonNull).distinct()
                .forEach(sha -> Blobs.deleteIfUnused(database, blobs, sha));
        return shas.size();
    }
}
