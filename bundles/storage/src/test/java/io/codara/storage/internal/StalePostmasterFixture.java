package io.codara.storage.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * Run in a child JVM by {@link PostmasterRecoveryTest}: starts the embedded database, commits a row, leaves a
 * transaction open, says READY and waits to be killed with SIGKILL.
 */
public final class StalePostmasterFixture {

    private StalePostmasterFixture() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]));
        db.execute("CREATE TABLE survivors (id int PRIMARY KEY, note text)");
        db.execute("INSERT INTO survivors VALUES (1, 'committed before the crash')");
        Connection open = db.database.getConnection();
        open.setAutoCommit(false);
        try (Statement s = open.createStatement()) {
            s.execute("INSERT INTO survivors VALUES (2, 'never committed')");
        }
        String pid = Files.readAllLines(Path.of(args[0], "postgres", "postmaster.pid")).get(0).trim();
        System.out.println("READY " + pid);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
