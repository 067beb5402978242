package io.codara.storage.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

import io.codara.api.storage.Database;
import io.codara.api.storage.MigrationException;
import io.codara.api.storage.MigrationResult;
import io.codara.api.storage.Migrations;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies each bundle's SQL migrations to its own schema with Flyway. Callers on several nodes (or threads) are
 * serialised per schema by a PostgreSQL advisory lock; Flyway's own lock protects the history table as well.
 */
@Component
public final class FlywayMigrations implements Migrations {

    static final String HISTORY_TABLE = "flyway_schema_history";

    private static final Logger LOG = LoggerFactory.getLogger(FlywayMigrations.class);
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final Database database;

    @Activate
    public FlywayMigrations(@Reference Database database) {
        this.database = database;
    }

    @Override
    public MigrationResult migrate(String schema, Bundle bundle, String path) {
        if (schema == null || !SCHEMA.matcher(schema).matches() || schema.startsWith("pg_")) {
            throw new IllegalArgumentException("Schema must be a lower-case SQL identifier (a-z, 0-9, _), not '"
                    + schema + "'");
        }
        if (bundle == null || path == null) {
            throw new IllegalArgumentException("bundle and path are required");
        }
        BundleMigrationScripts scripts = new BundleMigrationScripts(bundle, path);
        String origin = "bundle " + bundle.getSymbolicName() + " path " + path;
        if (scripts.isEmpty()) {
            LOG.debug("No migrations for schema {} in {}", schema, origin);
            return new MigrationResult(schema, 0, null);
        }
        Flyway flyway = Flyway.configure(FlywayMigrations.class.getClassLoader())
                .dataSource(database.dataSource())
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .table(HISTORY_TABLE)
                .resourceProvider(scripts)
                .javaMigrationClassProvider(List::of)
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                .loggers("slf4j")
                .load();
        try {
            return database.inTransaction(lockConnection -> {
                // Transaction-scoped advisory lock: released on commit, rollback or a lost connection.
                try (Statement s = lockConnection.createStatement()) {
                    s.execute("SET LOCAL lock_timeout = '300s'");
                }
                try (PreparedStatement lock = lockConnection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                    lock.setLong(1, lockKey(schema));
                    lock.execute();
                }
                MigrateResult result = flyway.migrate();
                MigrationInfo current = flyway.info().current();
                String version = current == null || current.getVersion() == null ? null : current.getVersion().getVersion();
                if (result.migrationsExecuted > 0) {
                    LOG.info("Schema {}: applied {} migration(s) from {}, now at version {}", schema,
                            result.migrationsExecuted, origin, version);
                }
                return new MigrationResult(schema, result.migrationsExecuted, version);
            });
        } catch (FlywayMigrateException e) {
            MigrationInfo failed = e.getMigration();
            String script = failed == null ? null : failed.getScript();
            throw new MigrationException("Migration of schema '" + schema + "' from " + origin + " failed"
                    + (script == null ? "" : " in script " + script) + ": " + e.getMessage(), e);
        } catch (FlywayException e) {
            throw new MigrationException("Migration of schema '" + schema + "' from " + origin + " failed: "
                    + e.getMessage(), e);
        } catch (SQLException e) {
            throw new MigrationException("Migration of schema '" + schema + "' from " + origin
                    + " could not take its lock: " + e.getMessage(), e);
        }
    }

    /** A stable 64-bit advisory lock key per schema, the same on every node. */
    static long lockKey(String schema) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("codara.migrations:" + schema).getBytes(StandardCharsets.UTF_8));
            long key = 0;
            for (int i = 0; i < 8; i++) {
                key = (key << 8) | (digest[i] & 0xff);
            }
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
