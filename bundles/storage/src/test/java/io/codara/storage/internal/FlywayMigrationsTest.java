package io.codara.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.codara.api.storage.MigrationException;
import io.codara.api.storage.MigrationResult;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

class FlywayMigrationsTest {

    @TempDir
    static Path root;

    static EmbeddedDatabase db;
    static FlywayMigrations migrations;
    static final Bundle PLUGIN = ClasspathBundle.named("com.example.plugin");
    static final Bundle OTHER = ClasspathBundle.named("com.example.other");

    @BeforeAll
    static void start() {
        db = EmbeddedDatabase.start(root);
        migrations = db.migrations();
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void appliesScriptsOnceAndReRunsAsNoOp() throws SQLException {
        MigrationResult first = migrations.migrate("alpha", PLUGIN, "db/test/good");
        MigrationResult second = migrations.migrate("alpha", PLUGIN, "db/test/good");

        assertThat(first).isEqualTo(new MigrationResult("alpha", 2, "2"));
        assertThat(second).isEqualTo(new MigrationResult("alpha", 0, "2"));
        assertThat(db.queryLong("SELECT count(*) FROM alpha.items")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM alpha.flyway_schema_history WHERE success AND type = 'SQL'")).isEqualTo(2);
    }

    @Test
    void eachSchemaHasItsOwnTablesAndHistory() throws SQLException {
        migrations.migrate("beta", PLUGIN, "db/test/good");
        migrations.migrate("gamma", OTHER, "db/test/other");

        assertThat(columns("beta", "items")).containsExactlyInAnyOrder("id", "name", "price");
        assertThat(columns("gamma", "items")).containsExactly("code");
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.tables WHERE table_name = "
                + "'flyway_schema_history' AND table_schema IN ('beta', 'gamma')")).isEqualTo(2);
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"))
                .as("nothing leaks into public").isZero();
        assertThat(db.queryLong("SELECT count(*) FROM gamma.flyway_schema_history WHERE type = 'SQL'")).isEqualTo(1);
    }

    @Test
    void twoNodesMigratingAtOnceApplyEachScriptExactlyOnce() throws Exception {
        // Two Migrations instances = two nodes sharing one database.
        FlywayMigrations nodeA = db.migrations();
        FlywayMigrations nodeB = db.migrations();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<MigrationResult> a = threads.submit(() -> {
                go.await();
                return nodeA.migrate("race", PLUGIN, "db/test/slow");
            });
            Future<MigrationResult> b = threads.submit(() -> {
                go.await();
                return nodeB.migrate("race", PLUGIN, "db/test/slow");
            });
            go.countDown();
            List<MigrationResult> results = List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS));

            assertThat(results).extracting(MigrationResult::applied).containsExactlyInAnyOrder(2, 0);
            assertThat(results).extracting(MigrationResult::version).containsOnly("2");
            assertThat(db.queryLong("SELECT count(*) FROM race.slow_things")).isEqualTo(2);
            assertThat(db.queryLong("SELECT count(*) FROM race.flyway_schema_history WHERE type = 'SQL'")).isEqualTo(2);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aFailingScriptIsNamedAndLeavesTheEarlierOnesApplied() throws SQLException {
        assertThatThrownBy(() -> migrations.migrate("delta", PLUGIN, "db/test/bad"))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("schema 'delta'")
                .hasMessageContaining("com.example.plugin")
                .hasMessageContaining("V2__broken.sql")
                .hasMessageContaining("no_such_table");

        assertThat(db.queryLong("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'delta' "
                + "AND table_name = 'things'")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'delta' "
                + "AND table_name = 'things_broken'")).as("the failed script rolled back").isZero();
        assertThatThrownBy(() -> migrations.migrate("delta", PLUGIN, "db/test/bad"))
                .isInstanceOf(MigrationException.class).hasMessageContaining("V2__broken.sql");
    }

    @Test
    void aChangedAppliedScriptIsRejected() {
        migrations.migrate("epsilon", PLUGIN, "db/test/good");

        assertThatThrownBy(() -> migrations.migrate("epsilon", PLUGIN, "db/test/changed"))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("schema 'epsilon'")
                .hasMessageContaining("checksum");
    }

    @Test
    void aBundleWithoutScriptsChangesNothing() throws SQLException {
        MigrationResult result = migrations.migrate("zeta", PLUGIN, "db/test/missing");

        assertThat(result).isEqualTo(new MigrationResult("zeta", 0, null));
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'zeta'")).isZero();
    }

    @Test
    void schemaNamesMustBePlainLowerCaseIdentifiers() {
        for (String bad : new String[] { "Alpha", "a-b", "x; DROP SCHEMA public", "", "pg_catalog", "1abc" }) {
            assertThatThrownBy(() -> migrations.migrate(bad, PLUGIN, "db/test/good")).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void storageSchemaHoldsTheJobAndOutboxTables() throws SQLException {
        StorageSchema schema = db.storageSchema();

        assertThat(schema.result().schema()).isEqualTo("storage");
        assertThat(schema.result().version()).isEqualTo("1");
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'storage' "
                + "AND table_name IN ('jobs', 'outbox')")).isEqualTo(2);
        assertThat(db.storageSchema().result().applied()).isZero();
    }

    private static List<String> columns(String schema, String table) throws SQLException {
        try (var c = db.database.getConnection(); var s = c.prepareStatement("SELECT column_name FROM "
                + "information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            s.setString(1, schema);
            s.setString(2, table);
            try (var rs = s.executeQuery()) {
                List<String> names = new java.util.ArrayList<>();
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
                return names;
            }
        }
    }
}
