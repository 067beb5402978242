package io.codara.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.function.UnaryOperator;

import io.codara.api.storage.DatabaseInfo;
import io.codara.api.storage.StorageLayout;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where Codara's PostgreSQL is: an external server named by a JDBC URL, or an embedded PostgreSQL 17 that this
 * object started, with its data under {@code <root>/postgres}, and stops on {@link #close()}.
 */
final class PostgresServer implements AutoCloseable {

    static final String DATABASE_NAME = "codara";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    private static final int DEFAULT_POSTGRES_PORT = 5432;

    /** Reads the PostgreSQL archive from this bundle's class path (the embedded binaries jar). */
    private static final PgBinaryResolver BUNDLED_BINARIES = (system, machineHardware) -> {
        String resource = "postgres-" + system.toLowerCase(Locale.ROOT) + "-" + machineHardware + ".txz";
        InputStream archive = PostgresServer.class.getClassLoader().getResourceAsStream(resource);
        if (archive == null) {
            throw new IOException("No embedded PostgreSQL binaries for " + system + "/" + machineHardware
                    + " in this bundle; configure an external database with db.url");
        }
        return archive;
    };

    private final DatabaseInfo.Mode mode;
    private final EmbeddedPostgres embedded;
    private final String url;
    private final String user;
    private final String password;

    private PostgresServer(DatabaseInfo.Mode mode, EmbeddedPostgres embedded, String url, String user, String password) {
        this.mode = mode;
        this.embedded = embedded;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** The configured external server, or a freshly started embedded one (blocks until it accepts connections). */
    static PostgresServer start(StorageLayout layout, PostgresDatabaseConfig config, UnaryOperator<String> env) {
        String url = firstNonBlank(config.db_url(), env.apply("CODARA_DB_URL"));
        if (url != null) {
            return new PostgresServer(DatabaseInfo.Mode.EXTERNAL, null, url,
                    firstNonBlank(config.db_user(), env.apply("CODARA_DB_USER")),
                    firstNonBlank(config._db_password(), env.apply("CODARA_DB_PASSWORD")));
        }
        EmbeddedPostgres started = null;
        try {
            started = startEmbedded(layout.postgres());
            createDatabaseIfMissing(started);
            String embeddedUrl = "jdbc:postgresql://localhost:" + started.getPort() + "/" + DATABASE_NAME;
            return new PostgresServer(DatabaseInfo.Mode.EMBEDDED, started, embeddedUrl, "postgres", null);
        } catch (IOException e) {
            stop(started);
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL: " + e.getMessage(), e);
        } catch (SQLException e) {
            stop(started);
            throw new IllegalStateException("Cannot create the codara database: " + e.getMessage(), e);
        }
    }

    DatabaseInfo.Mode mode() {
        return mode;
    }

    /** The JDBC URL without any password in it, for messages. */
    String displayUrl() {
        return PostgresDatabase.withoutPassword(url);
    }

    /** An unpooled data source for this server (the pool wraps it). */
    PGSimpleDataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        if (user != null) {
            dataSource.setUser(user);
        }
        if (password != null) {
            dataSource.setPassword(password);
        }
        dataSource.setApplicationName("codara");
        dataSource.setConnectTimeout(10);
        dataSource.setLoginTimeout(10);
        return dataSource;
    }

    /** Stops the embedded server; nothing for an external one. */
    @Override
    public void close() {
        if (embedded != null && stop(embedded)) {
            LOG.info("Embedded PostgreSQL stopped");
        }
    }

    private static boolean stop(EmbeddedPostgres postgres) {
        if (postgres == null) {
            return false;
        }
        try {
            postgres.close();
            return true;
        } catch (IOException e) {
            LOG.warn("Stopping the embedded PostgreSQL failed", e);
            return false;
        }
    }

    private static EmbeddedPostgres startEmbedded(Path dataDir) throws IOException {
        StalePostmaster.stopIfOrphaned(dataDir, Duration.ofSeconds(60));
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(freePort())
                .setPgBinaryResolver(BUNDLED_BINARIES)
                .setLocaleConfig("locale", "C")
                // zonky's defaults trade durability for test speed (-F, synchronous_commit=off): undo that.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("max_connections", "200")
                .setPGStartupWait(Duration.ofSeconds(120))
                .start();
    }

    /** A free ephemeral port, never PostgreSQL's default (a system PostgreSQL may want it later). */
    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                int port = socket.getLocalPort();
                if (port != DEFAULT_POSTGRES_PORT) {
                    return port;
                }
            }
        }
        throw new IOException("No free port found");
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE_NAME + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + DATABASE_NAME + " ENCODING 'UTF8'");
            LOG.info("Created database {}", DATABASE_NAME);
        }
    }

    static String firstNonBlank(String configured, String fromEnv) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv.trim() : null;
    }
}
