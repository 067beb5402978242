package io.codara.auth.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.codara.api.identity.Account;
import io.codara.api.identity.AccountType;
import io.codara.api.security.Role;

/** The JDBC plumbing the auth stores share: binding, reading rows, and telling a duplicate from a failure. */
final class Sql {

    static final String ACCOUNT_COLUMNS = "a.id, a.login, a.type, a.name, a.email, a.bio, a.company, a.location,"
            + " a.blog, a.site_admin, a.suspended_at, a.avatar_updated_at, a.base_permission, a.created_at, a.updated_at";

    private Sql() {
    }

    /** Reads a row of {@link #ACCOUNT_COLUMNS} starting at column 1. */
    static Account account(ResultSet rs) throws SQLException {
        String base = rs.getString(13);
        return new Account(rs.getLong(1), rs.getString(2),
                "Organization".equals(rs.getString(3)) ? AccountType.ORGANIZATION : AccountType.USER,
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getBoolean(10), instant(rs, 11), instant(rs, 12), base == null ? null : Role.valueOf(base),
                instant(rs, 14), instant(rs, 15));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static void bind(PreparedStatement statement, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            statement.setObject(i + 1, arg instanceof Instant instant ? Timestamp.from(instant) : arg);
        }
    }

    /** Runs a query and maps every row. */
    static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            bind(statement, args);
            try (ResultSet rs = statement.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        }
    }

    static <T> Optional<T> one(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        List<T> rows = list(c, sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    static long count(Connection c, String sql, Object... args) throws SQLException {
        return one(c, sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            bind(statement, args);
            return statement.executeUpdate();
        }
    }

    /** Whether {@code e} is a unique violation of {@code constraint} (a concurrent duplicate). */
    static boolean duplicate(SQLException e, String constraint) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())
                    && String.valueOf(sql.getMessage()).contains(constraint)) {
                return true;
            }
        }
        return false;
    }

    /** Maps one row. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Work on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }
}
