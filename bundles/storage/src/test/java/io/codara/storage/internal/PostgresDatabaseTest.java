package io.codara.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;

import io.codara.api.health.HealthStatus;
import io.codara.api.storage.DatabaseInfo;
import io.codara.api.storage.PoolStats;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresDatabaseTest {

    @TempDir
    static Path root;

    static EmbeddedDatabase db;

    @BeforeAll
    static void start() {
        db = EmbeddedDatabase.start(root);
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void embeddedServerRunsOnAFreePortWithItsOwnDatabase() throws SQLException {
        DatabaseInfo info = db.database.info();

        assertThat(info.mode()).isEqualTo(DatabaseInfo.Mode.EMBEDDED);
        assertThat(info.serverVersion()).startsWith("17.");
        assertThat(info.url()).startsWith("jdbc:postgresql://localhost:").contains("/codara")
                .doesNotContain(":5432/").doesNotContainIgnoringCase("password");
        assertThat(root.resolve("postgres/PG_VERSION")).exists();
        try (Connection c = db.database.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_database(), current_setting('fsync'), "
                        + "current_setting('synchronous_commit')")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("codara");
            assertThat(rs.getString(2)).as("fsync").isEqualTo("on");
            assertThat(rs.getString(3)).as("synchronous_commit").isEqualTo("on");
        }
    }

    @Test
    void aFreshRootIsInitialisedAndSurvivesARestart(@TempDir Path fresh) throws SQLException {
        StorageRoot layout = new StorageRoot(TestConfigs.config(StorageRootConfig.class, "root", fresh.toString()),
                name -> null, name -> null);
        PostgresDatabase first = new PostgresDatabase(layout, TestConfigs.config(PostgresDatabaseConfig.class), name -> null);
        try (Connection c = first.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (v text)");
            s.execute("INSERT INTO kept VALUES ('still here')");
        } finally {
            first.deactivate();
        }
        assertThat(fresh.resolve("postgres/postmaster.pid")).as("stopped cleanly").doesNotExist();

        PostgresDatabase second = new PostgresDatabase(layout, TestConfigs.config(PostgresDatabaseConfig.class), name -> null);
        try (Connection c = second.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        } finally {
            second.deactivate();
        }
    }

    @Test
    void inTransactionCommitsOnReturnAndRollsBackOnThrow() throws SQLException {
        db.execute("CREATE TABLE tx_test (v int)");
        int returned = db.database.inTransaction(c -> {
            insert(c, 1);
            return 42;
        });
        assertThat(returned).isEqualTo(42);

        assertThatThrownBy(() -> db.database.inTransaction(c -> {
            insert(c, 2);
            throw new SQLException("boom");
        })).isInstanceOf(SQLException.class).hasMessage("boom");
        assertThatThrownBy(() -> db.database.inTransaction(c -> {
            insert(c, 3);
            throw new IllegalStateException("runtime boom");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(db.queryLong("SELECT count(*) FROM tx_test")).isEqualTo(1);
        assertThat(db.queryLong("SELECT max(v) FROM tx_test")).isEqualTo(1);
        assertThat(db.database.poolStats().active()).as("connections returned").isZero();
    }

    private static void insert(Connection c, int v) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO tx_test VALUES (?)")) {
            s.setInt(1, v);
            s.executeUpdate();
        }
    }

    @Test
    void poolStatsComeFromHikari() throws SQLException {
        try (Connection held = db.database.dataSource().getConnection()) {
            PoolStats stats = db.database.poolStats();
            assertThat(stats.max()).isEqualTo(10);
            assertThat(stats.active()).isEqualTo(1);
            assertThat(stats.total()).isGreaterThanOrEqualTo(1).isLessThanOrEqualTo(10);
            assertThat(stats.waiting()).isZero();
        }
    }

    @Test
    void healthCheckRunsSelectOne() {
        HealthStatus status = db.database.check();
        assertThat(status.name()).isEqualTo("database");
        assertThat(status.up()).isTrue();
        assertThat(status.detail()).contains("PostgreSQL 17.");
    }

    @Test
    void dataSourceServiceIsThePool() throws SQLException {
        assertThat(db.database.isWrapperFor(HikariDataSource.class)).isTrue();
        assertThat(db.database.unwrap(HikariDataSource.class)).isSameAs(db.database.dataSource());
        try (Connection c = db.database.getConnection()) {
            assertThat(c.isValid(1)).isTrue();
        }
    }

    @Test
    void passwordsNeverAppearInTheReportedUrl() {
        assertThat(PostgresDatabase.withoutPassword("jdbc:postgresql://h/db?user=u&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&ssl=true");
        assertThat(PostgresDatabase.withoutPassword("jdbc:postgresql://h/db?password=s3cret"))
                .isEqualTo("jdbc:postgresql://h/db");
    }

    @Test
    void externalModeUsesTheConfiguredServerAndStartsNothing(@TempDir Path otherRoot) {
        String reason = reachable("127.0.0.1", 5432);
        Assumptions.assumeTrue(reason == null, () -> {
            System.out.println("Skipping external-mode test: " + reason);
            return reason;
        });
        StorageRoot layout = new StorageRoot(TestConfigs.config(StorageRootConfig.class, "root", otherRoot.toString()),
                name -> null, name -> null);
        // URL from the environment, user from the configuration: both sources are honoured.
        Map<String, String> env = Map.of("CODARA_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        PostgresDatabase external;
        try {
            external = new PostgresDatabase(layout, TestConfigs.config(PostgresDatabaseConfig.class,
                    "db_user", "postgres", "_db_password", "not-needed-with-trust", "pool_max", 4), env::get);
        } catch (IllegalStateException e) {
            Assumptions.abort("Skipping external-mode test: 127.0.0.1:5432 refused user postgres/database test: "
                    + e.getMessage());
            return;
        }
        try {
            DatabaseInfo info = external.info();
            assertThat(info.mode()).isEqualTo(DatabaseInfo.Mode.EXTERNAL);
            assertThat(info.url()).startsWith("jdbc:postgresql://127.0.0.1:5432/test")
                    .doesNotContain("not-needed-with-trust");
            assertThat(info.serverVersion()).isNotBlank();
            assertThat(external.check().up()).isTrue();
            assertThat(external.poolStats().max()).isEqualTo(4);
            assertThat(otherRoot.resolve("postgres")).doesNotExist();
        } finally {
            external.deactivate();
        }
    }

    /** Null when something accepts connections there, else why not. */
    static String reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 300);
            return null;
        } catch (IOException e) {
            return "nothing listens on " + host + ":" + port + " (" + e.getMessage() + ")";
        }
    }
}
