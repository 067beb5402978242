package io.codara.storage.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/** One embedded PostgreSQL for a test class, under a temporary storage root; never the machine's PostgreSQL. */
final class EmbeddedDatabase implements AutoCloseable {

    final StorageRoot layout;
    final PostgresDatabase database;

    private EmbeddedDatabase(StorageRoot layout, PostgresDatabase database) {
        this.layout = layout;
        this.database = database;
    }

    /**
     * Starts PostgreSQL under {@code root}. A root without data gets a copy of a cluster initialised once per test
     * JVM (initdb costs seconds, a copy milliseconds); the first one goes through initdb like production does.
     */
    static EmbeddedDatabase start(Path root) {
        Path data = root.resolve("postgres");
        if (!Files.exists(data)) {
            copyTemplateTo(data);
        }
        return startOn(root);
    }

    private static EmbeddedDatabase startOn(Path root) {
        StorageRoot layout = new StorageRoot(TestConfigs.config(StorageRootConfig.class, "root", root.toString()), name -> null, name -> null);
        PostgresDatabase database = new PostgresDatabase(layout, TestConfigs.config(PostgresDatabaseConfig.class),
                name -> null);
        return new EmbeddedDatabase(layout, database);
    }

    private static Path template;

    /** Copies the once-per-JVM cluster (stopped cleanly, so consistent) to {@code data}, keeping permissions. */
    static synchronized void copyTemplateTo(Path data) {
        try {
            if (template == null) {
                Path dir = Files.createTempDirectory("codara-pg-template");
                startOn(dir).close();
                template = dir.resolve("postgres");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            }
            try (Stream<Path> files = Files.walk(template)) {
                for (Path source : (Iterable<Path>) files::iterator) {
                    Files.copy(source, data.resolve(template.relativize(source).toString()),
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e);
        }
    }

    FlywayMigrations migrations() {
        return new FlywayMigrations(database);
    }

    /** The storage schema migrated from this module's own scripts, as on activation in the framework. */
    StorageSchema storageSchema() {
        return new StorageSchema(migrations(), ClasspathBundle.contextOf(ClasspathBundle.named("io.codara.storage")));
    }

    void execute(String sql) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    long queryLong(String sql) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() {
        database.deactivate();
    }
}
