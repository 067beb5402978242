package io.codara.git.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.storage.Database;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Who watches which repository (GitHub's repository subscriptions), by account id. Whether the account may still
 * read a repository is decided by the callers when they read; repositories take their subscriptions along when
 * they are deleted.
 */
@Component(service = RepositorySubscriptions.class)
public final class RepositorySubscriptions {

    /** One account's subscription to one repository. */
    record Subscription(boolean subscribed, boolean ignored, Instant createdAt) {
    }

    private final Database database;

    @Activate
    public RepositorySubscriptions(@Reference GitSchema schema, @Reference Database database) {
        this.database = database;
    }

    Optional<Subscription> find(long repositoryId, long accountId) {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT subscribed, ignored, created_at FROM git.subscriptions"
                    + " WHERE repository_id = ? AND account_id = ?")) {
                s.setLong(1, repositoryId);
                s.setLong(2, accountId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(new Subscription(rs.getBoolean(1), rs.getBoolean(2),
                            rs.getTimestamp(3).toInstant())) : Optional.empty();
                }
            }
        });
    }

    /** Creates or changes a subscription; a changed one keeps its creation time. */
    Subscription set(long repositoryId, long accountId, boolean subscribed, boolean ignored) {
        try {
            return database.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO git.subscriptions (repository_id, account_id,"
                        + " subscribed, ignored) VALUES (?, ?, ?, ?) ON CONFLICT (repository_id, account_id) DO UPDATE"
                        + " SET subscribed = EXCLUDED.subscribed, ignored = EXCLUDED.ignored"
                        + " RETURNING subscribed, ignored, created_at")) {
                    s.setLong(1, repositoryId);
                    s.setLong(2, accountId);
                    s.setBoolean(3, subscribed);
                    s.setBoolean(4, ignored);
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        return new Subscription(rs.getBoolean(1), rs.getBoolean(2), rs.getTimestamp(3).toInstant());
                    }
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not change the subscription: " + e.getMessage(), e);
        }
    }

    /** Removes a subscription; false when there was none. */
    boolean delete(long repositoryId, long accountId) {
        try {
            return database.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM git.subscriptions"
                        + " WHERE repository_id = ? AND account_id = ?")) {
                    s.setLong(1, repositoryId);
                    s.setLong(2, accountId);
                    return s.executeUpdate() == 1;
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not remove the subscription: " + e.getMessage(), e);
        }
    }

    /** How many accounts watch the repository (GitHub's {@code subscribers_count}). */
    long count(long repositoryId) {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM git.subscriptions"
                    + " WHERE repository_id = ? AND subscribed")) {
                s.setLong(1, repositoryId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** The ids of the accounts that watch the repository, longest-standing first, one page. */
    Page<Long> watchers(long repositoryId, PageRequest page) {
        List<Long> ids = read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT account_id FROM git.subscriptions"
                    + " WHERE repository_id = ? AND subscribed ORDER BY created_at, account_id LIMIT ? OFFSET ?")) {
                s.setLong(1, repositoryId);
                s.setInt(2, page.perPage());
                s.setLong(3, page.offset());
                return ids(s);
            }
        });
        return new Page<>(ids, page, count(repositoryId));
    }

    /** The ids of the repositories the account watches, most recently watched first (all of them). */
    List<Long> watched(long accountId) {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT repository_id FROM git.subscriptions"
                    + " WHERE account_id = ? AND subscribed ORDER BY created_at DESC, repository_id DESC")) {
                s.setLong(1, accountId);
                return ids(s);
            }
        });
    }

    private static List<Long> ids(PreparedStatement s) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
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
}
