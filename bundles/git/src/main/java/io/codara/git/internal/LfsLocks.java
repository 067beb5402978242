package io.codara.git.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;
import io.codara.api.storage.Database;

/** Git LFS file locks of repositories, in PostgreSQL ({@code git.lfs_locks}): at most one lock per path. */
final class LfsLocks {

    /** A lock on a path, held by a user. */
    record Lock(long id, String path, String owner, Instant lockedAt) {
    }

    /** One page of locks, in id order, and the cursor of the next one ({@code null} after the last). */
    record Page(List<Lock> locks, String nextCursor) {
    }

    /** Which locks a list asks for; {@code null} fields do not filter. */
    record Query(String path, Long id, Long cursor, int limit, String owner) {
    }

    private static final String COLUMNS = "id, path, owner_login, locked_at";

    private final Database database;

    LfsLocks(Database database) {
        this.database = database;
    }

    /** Locks {@code path} for {@code owner}; answers the existing lock instead when the path is locked already. */
    Result create(Repository repository, String path, String owner, String ref) {
        try (Connection c = database.dataSource().getConnection()) {
            // A lock removed between the insert and the select: insert again (a few times at most).
            for (int attempt = 0; attempt < 3; attempt++) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO git.lfs_locks (repository_id, path, owner_login, ref_name) "
                        + "VALUES (?, ?, ?, ?) ON CONFLICT (repository_id, path) DO NOTHING RETURNING " + COLUMNS)) {
                    s.setLong(1, repository.id());
                    s.setString(2, path);
                    s.setString(3, owner);
                    s.setString(4, ref);
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            return new Result(lock(rs), true);
                        }
                    }
                }
                try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM git.lfs_locks WHERE repository_id = ? AND path = ?")) {
                    s.setLong(1, repository.id());
                    s.setString(2, path);
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            return new Result(lock(rs), false);
                        }
                    }
                }
            }
            throw new ApiException(503, "The lock on " + path + " keeps changing; try again.");
        } catch (SQLException e) {
            throw LfsObjects.unavailable(e);
        }
    }

    /** What {@link #create} did: the lock, and whether it is new (otherwise someone held it already). */
    record Result(Lock lock, boolean created) {
    }

    /** A page of the repository's locks. */
    Page list(Repository repository, Query query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM git.lfs_locks WHERE repository_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(repository.id()));
        if (query.path() != null) {
            sql.append(" AND path = ?");
            parameters.add(query.path());
        }
        if (query.id() != null) {
            sql.append(" AND id = ?");
            parameters.add(query.id());
        }
        if (query.cursor() != null) {
            sql.append(" AND id >= ?");
            parameters.add(query.cursor());
        }
        if (query.owner() != null) {
            sql.append(" AND lower(owner_login) = lower(?)");
            parameters.add(query.owner());
        }
        sql.append(" ORDER BY id LIMIT ?");
        parameters.add(query.limit() + 1);
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                s.setObject(i + 1, parameters.get(i));
            }
            List<Lock> locks = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    locks.add(lock(rs));
                }
            }
            if (locks.size() > query.limit()) {
                String next = Long.toString(locks.remove(locks.size() - 1).id());
                return new Page(locks, next);
            }
            return new Page(locks, null);
        } catch (SQLException e) {
            throw LfsObjects.unavailable(e);
        }
    }

    /** The repository's lock {@code id}. */
    Optional<Lock> find(Repository repository, long id) {
        Page page = list(repository, new Query(null, id, null, 1, null));
        return page.locks().stream().findFirst();
    }

    /** Removes lock {@code id}; whether it was there. */
    boolean delete(Repository repository, long id) {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM git.lfs_locks WHERE repository_id = ? AND id = ?")) {
            s.setLong(1, repository.id());
            s.setLong(2, id);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw LfsObjects.unavailable(e);
        }
    }

    private static Lock lock(ResultSet rs) throws SQLException {
        return new Lock(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant());
    }
}
