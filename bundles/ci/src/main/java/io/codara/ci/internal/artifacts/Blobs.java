package io.codara.ci.internal.artifacts;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.codara.api.storage.BlobStore;
import io.codara.api.storage.Database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a blob once no artifact or cache entry refers to it any more: blobs are content-addressed, so two artifacts
 * with the same bytes share one.
 */
final class Blobs {

    private static final Logger LOG = LoggerFactory.getLogger(Blobs.class);

    private Blobs() {
    }

    static void deleteIfUnused(Database database, BlobStore blobs, String sha256) {
        if (sha256 == null) {
            return;
        }
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM ci.artifacts WHERE "
                        + "blob_sha256 = ?) OR EXISTS (SELECT 1 FROM ci.caches WHERE blob_sha256 = ?)")) {
            s.setString(1, sha256);
            s.setString(2, sha256);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    blobs.delete(sha256);
                }
            }
        } catch (SQLException | IOException e) {
            // a blob left behind costs space only; the next delete of the same content retries
            LOG.warn("Could not delete the unused blob {}: {}", sha256, e.getMessage());
        }
    }
}
