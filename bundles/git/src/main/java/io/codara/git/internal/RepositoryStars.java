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
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.storage.Database;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Stars, by account id: a row per star and the repository's {@code stargazers_count} changed in the same
 * transaction, so the count is read with the repository and never drifts. Whether an account may still read a
 * starred repository is decided by the callers when they read; a deleted repository takes its stars along.
 */
@Component(service = RepositoryStars.class)
public final class RepositoryStars {

    /** A starred repository as its row was when read, and when it was starred. */
    record Starred(Repository repository, Instant starredAt) {
    }

    /** One account that starred a repository, and when. */
    record Stargazer(long accountId, Instant starredAt) {
    }

    private final Database database;

    @Activate
    public RepositoryStars(@Reference GitSchema schema, @Reference Database database) {
        this.database = database;
    }

    /** Stars the repository for the account; false when it was starred already (nothing changes then). */
    boolean star(long repositoryId, long accountId) {
        return write(c -> {
            boolean added;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO git.stars (repository_id, account_id)"
                    + " VALUES (?, ?) ON CONFLICT (repository_id, account_id) DO NOTHING")) {
                s.setLong(1, repositoryId);
                s.setLong(2, accountId);
                added = s.executeUpdate() == 1;
            }
            if (added) {
                count(c, repositoryId, 1);
            }
            return added;
        });
    }

    /** Removes the account's star; false when there was none. */
    boolean unstar(long repositoryId, long accountId) {
        return write(c -> {
            boolean removed;
            try (PreparedStatement s = c.prepareStatement("DELETE FROM git.stars WHERE repository_id = ?"
                    + " AND account_id = ?")) {
                s.setLong(1, repositoryId);
                s.setLong(2, accountId);
                removed = s.executeUpdate() == 1;
            }
            if (removed) {
                count(c, repositoryId, -1);
            }
            return removed;
        });
    }

    /** When the account starred the repository, if it did. */
    Optional<Instant> starredAt(long repositoryId, long accountId) {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT starred_at FROM git.stars WHERE repository_id = ?"
                    + " AND account_id = ?")) {
                s.setLong(1, repositoryId);
                s.setLong(2, accountId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
                }
            }
        });
    }

    /**
     * Every repository the account starred, most recently starred first, read in one query (the callers filter what
     * their viewer may read, then page).
     */
    List<Starred> starredBy(long accountId) {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + PostgresRepositories.COLUMNS + ", st.starred_at"
                    + " FROM git.stars st JOIN git.repositories r ON r.id = st.repository_id WHERE st.account_id = ?"
                    + " ORDER BY st.starred_at DESC, r.id DESC")) {
                s.setLong(1, accountId);
                List<Starred> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    int starredAt = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        out.add(new Starred(PostgresRepositories.repository(rs),
                                rs.getTimestamp(starredAt).toInstant()));
                    }
                }
                return out;
            }
        });
    }

    /** The accounts that starred the repository, earliest first (as GitHub lists them), one page. */
    Page<Stargazer> stargazers(long repositoryId, PageRequest page) {
        return read(c -> {
            List<Stargazer> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT account_id, starred_at FROM git.stars"
                    + " WHERE repository_id = ? ORDER BY starred_at, account_id LIMIT ? OFFSET ?")) {
                s.setLong(1, repositoryId);
                s.setInt(2, page.perPage());
                s.setLong(3, page.offset());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Stargazer(rs.getLong(1), rs.getTimestamp(2).toInstant()));
                    }
                }
            }
            long total;
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM git.stars WHERE repository_id = ?")) {
                s.setLong(1, repositoryId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            return new Page<>(out, page, total);
        });
    }

    private static void count(Connection c, long repositoryId, int delta) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE git.repositories SET stargazers_count ="
                + " stargazers_count + ? WHERE id = ?")) {
            s.setInt(1, delta);
            s.setLong(2, repositoryId);
            s.executeUpdate();
        }
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(Work<T> work) {
        try (Connection c = database.dataSource().getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Database failure: " + e.getMessage(), e);
        }
    }

    private <T> T write(Work<T> work) {
        try {
            return database.inTransaction(work::run);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not change the star: " + e.getMessage(), e);
        }
    }
}
