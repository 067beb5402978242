package io.codara.git.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;
import io.codara.api.storage.Database;

/**
 * Which repository holds which LFS object, in PostgreSQL ({@code git.lfs_objects}). The store on disk is shared by
 * all repositories, so this is what keeps a private repository's objects private: a repository serves only the
 * objects recorded for it, and an object is recorded for a repository only after its content was uploaded to it.
 */
final class LfsObjects {

    private final Database database;

    LfsObjects(Database database) {
        this.database = database;
    }

    /**
     * The recorded sizes of those of {@code oids} that {@code repository} may serve, by oid: the objects uploaded to
     * it or to one of the repositories it was forked from (a fork's history holds its parent's LFS pointers, so their
     * objects are no more private to the fork's readers than the history itself). This is the one place that decides
     * which objects a repository serves.
     */
    Map<String, Long> sizes(Repository repository, Collection<String> oids) {
        Map<String, Long> sizes = new HashMap<>();
        if (oids.isEmpty()) {
            return sizes;
        }
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("WITH RECURSIVE lenders (id, parent_id) AS ("
                     + " SELECT id, parent_id FROM git.repositories WHERE id = ?"
                     + " UNION SELECT r.id, r.parent_id FROM git.repositories r JOIN lenders l ON r.id = l.parent_id)"
                     + " SELECT oid, max(size) FROM git.lfs_objects"
                     + " WHERE repository_id IN (SELECT id FROM lenders) AND oid = ANY (?) GROUP BY oid")) {
            s.setLong(1, repository.id());
            s.setArray(2, c.createArrayOf("text", oids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sizes.put(rs.getString(1), rs.getLong(2));
                }
            }
            return sizes;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Records that {@code repository} holds {@code oid} of {@code size} bytes (its content is already stored). */
    void record(Repository repository, String oid, long size) {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO git.lfs_objects (repository_id, oid, size) VALUES (?, ?, ?) "
                     + "ON CONFLICT (repository_id, oid) DO NOTHING")) {
            s.setLong(1, repository.id());
            s.setString(2, oid);
            s.setLong(3, size);
            s.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    static ApiException unavailable(SQLException e) {
        ApiException failure = new ApiException(503, "The LFS database is unavailable right now; try again.");
        failure.initCause(e);
        return failure;
    }
}
