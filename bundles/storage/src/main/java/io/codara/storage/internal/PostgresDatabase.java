package io.codara.storage.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import io.codara.api.health.HealthStatus;
import io.codara.api.health.spi.HealthCheck;
import io.codara.api.storage.Database;
import io.codara.api.storage.DatabaseInfo;
import io.codara.api.storage.PoolStats;
import io.codara.api.storage.StorageLayout;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Codara's database on the {@link PostgresServer} that {@link PostgresLauncher} provides: the connection pool, also
 * registered as a standard {@link DataSource} service, and the "database" health check.
 */
// Immediate: the pool opens as soon as PostgresLauncher has the server up, not on the first lookup.
@Component(configurationPid = StorageRoot.PID, immediate = true,
        service = { Database.class, DataSource.class, HealthCheck.class },
        property = { "dataSourceName=codara", PostgresDatabase.HEALTH_NAME_PROPERTY + "=" + PostgresDatabase.HEALTH_NAME })
// No @Designate: metatype allows one designate per PID and StorageRoot holds it for io.codara.storage.
public final class PostgresDatabase implements Database, DataSource, HealthCheck {

    static final String HEALTH_NAME_PROPERTY = "codara.health.name";
    static final String HEALTH_NAME = "database";
    static final String DATABASE_NAME = "codara";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresDatabase.class);
    private static final Pattern PASSWORD_PARAM = Pattern.compile("([?&])password=[^&]*&?", Pattern.CASE_INSENSITIVE);
    private static final int MIN_POOL_SIZE = 3;

    private final DatabaseInfo.Mode mode;
    private final PostgresServer server;
    private final boolean ownsServer;
    private final PGSimpleDataSource target;
    private final HikariDataSource pool;
    private final String displayUrl;
    private final String serverVersion;
    private final int maxPoolSize;

    @Activate
    public PostgresDatabase(@Reference PostgresServer server, PostgresDatabaseConfig config) {
        this(server, config, false);
    }

    /** Starts its own server and stops it on {@link #deactivate()}: for tests and tools outside OSGi. */
    PostgresDatabase(StorageLayout layout, PostgresDatabaseConfig config, UnaryOperator<String> env) {
        this(PostgresServer.start(layout, config, env), config, true);
    }

    private PostgresDatabase(PostgresServer server, PostgresDatabaseConfig config, boolean ownsServer) {
        if (config.pool_max() < MIN_POOL_SIZE) {
            LOG.warn("pool.max={} is too small (migrations hold one connection while Flyway uses two); using {}",
                    config.pool_max(), MIN_POOL_SIZE);
        }
        this.maxPoolSize = Math.max(MIN_POOL_SIZE, config.pool_max());
        this.server = server;
        this.ownsServer = ownsServer;
        this.mode = server.mode();
        this.target = server.dataSource();
        this.displayUrl = withoutPassword(target.getURL());
        HikariDataSource hikari = null;
        try {
            HikariConfig hikariConfig = new HikariConfig();
            hikariConfig.setPoolName("codara-db");
            // An instance, never a class name: loading drivers by name fails across OSGi bundles.
            hikariConfig.setDataSource(target);
            hikariConfig.setMaximumPoolSize(maxPoolSize);
            hikariConfig.setMinimumIdle(Math.min(2, maxPoolSize));
            hikariConfig.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
            hikariConfig.setInitializationFailTimeout(Duration.ofSeconds(10).toMillis());
            hikari = new HikariDataSource(hikariConfig);
            this.pool = hikari;
            this.serverVersion = queryServerVersion(hikari);
            LOG.info("Database ready: {} PostgreSQL {} at {}", mode, serverVersion, displayUrl);
        } catch (SQLException e) {
            closeQuietly(hikari, ownsServer ? server : null);
            throw new IllegalStateException("Cannot connect to PostgreSQL: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(hikari, ownsServer ? server : null);
            throw e;
        }
    }

    private static String queryServerVersion(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static String withoutPassword(String url) {
        String stripped = PASSWORD_PARAM.matcher(url).replaceAll("$1");
        return stripped.endsWith("?") || stripped.endsWith("&") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }

    private static void closeQuietly(HikariDataSource hikari, PostgresServer server) {
        if (hikari != null) {
            hikari.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Deactivate
    void deactivate() {
        pool.close();
        if (ownsServer) {
            server.close();
        }
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public DatabaseInfo info() {
        return new DatabaseInfo(mode, displayUrl, serverVersion);
    }

    @Override
    public PoolStats poolStats() {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        if (bean == null) {
            return new PoolStats(0, 0, 0, 0, maxPoolSize);
        }
        return new PoolStats(bean.getActiveConnections(), bean.getIdleConnections(), bean.getTotalConnections(),
                bean.getThreadsAwaitingConnection(), maxPoolSize);
    }

    @Override
    public <T> T inTransaction(TransactionalWork<T> work) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
    }

    /** Runs {@code SELECT 1} on a fresh connection with short timeouts, so a saturated pool does not read as down. */
    @Override
    public HealthStatus check() {
        PGSimpleDataSource probe = new PGSimpleDataSource();
        probe.setURL(target.getURL());
        probe.setUser(target.getUser());
        probe.setPassword(target.getPassword());
        probe.setConnectTimeout(1);
        probe.setLoginTimeout(2);
        probe.setSocketTimeout(2);
        probe.setApplicationName("codara-health");
        long start = System.nanoTime();
        try (Connection c = probe.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                rs.next();
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new HealthStatus(HEALTH_NAME, true,
                    "PostgreSQL " + serverVersion + " (" + mode.name().toLowerCase(Locale.ROOT) + ") answered in " + millis + " ms");
        } catch (SQLException | RuntimeException e) {
            return new HealthStatus(HEALTH_NAME, false, "PostgreSQL at " + displayUrl + " unreachable: " + e.getMessage());
        }
    }

    // javax.sql.DataSource: the same pool, registered as a standard service for JDBC consumers.

    @Override
    public Connection getConnection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return pool.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || pool.isWrapperFor(iface);
    }
}
