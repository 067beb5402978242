package io.codara.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.codara.api.storage.Database;
import io.codara.api.storage.DatabaseInfo;
import io.codara.api.storage.PoolStats;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.flywaydb.core.Flyway;

/**
 * A real PostgreSQL for a bundle's tests: one embedded server per test JVM, one fresh database per
 * {@link #create(String)}, with the bundle's schema migrated from its own scripts ({@code db/migration/<schema>}
 * on the test class path) exactly as in production.
 */
public final class EmbeddedDatabase implements Database {

    private static EmbeddedPostgres server;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final DataSource dataSource;

    private EmbeddedDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A fresh database with {@code schema} migrated from {@code db/migration/<schema>}. */
    public static synchronized EmbeddedDatabase create(String schema) {
        try {
            if (server == null) {
                server = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException e) {
                        System.err.println("Could not stop the test PostgreSQL: " + e);
                    }
                }));
            }
            String name = schema + "_test_" + DATABASES.incrementAndGet();
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            DataSource dataSource = server.getDatabase("postgres", name);
            Flyway.configure(Thread.currentThread().getContextClassLoader()).dataSource(dataSource).schemas(schema)
                    .locations("classpath:db/migration/" + schema).load().migrate();
            return new EmbeddedDatabase(dataSource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public DatabaseInfo info() {
        throw new UnsupportedOperationException("not needed by the bundles' tests");
    }

    @Override
    public PoolStats poolStats() {
        throw new UnsupportedOperationException("not needed by the bundles' tests");
    }

    @Override
    public <T> T inTransaction(TransactionalWork<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Runs one statement outside any service, e.g. to inspect or corrupt state on purpose. */
    public void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The first column of the first row, or {@code null}. */
    public Object query(String sql, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        }
    }

    /** The first column of the first row as a number. */
    public long queryLong(String sql) throws SQLException {
        return ((Number) query(sql)).longValue();
    }
}
