package io.codara.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restart after a crash: the JVM died with SIGKILL, its postmaster kept running on the data directory. */
class PostmasterRecoveryTest {

    @TempDir
    Path root;

    @Test
    void restartAfterKillNineStopsTheOrphanedPostmasterAndKeepsCommittedData() throws Exception {
        EmbeddedDatabase.copyTemplateTo(root.resolve("postgres")); // spares the child JVM an initdb
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StalePostmasterFixture.class.getName(), root.toString()).redirectErrorStream(true).start();
        long orphanPid;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String ready = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        if (line.startsWith("READY ")) {
                            return line;
                        }
                        System.out.println("[child] " + line);
                    }
                    return null;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(90, TimeUnit.SECONDS);
            assertThat(ready).as("child JVM started its database").isNotNull();
            orphanPid = Long.parseLong(ready.substring("READY ".length()));
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook runs, the postmaster is left behind
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).as("orphaned postmaster").contains(true);
        assertThat(root.resolve("postgres/postmaster.pid")).exists();

        try (EmbeddedDatabase restarted = EmbeddedDatabase.start(root)) {
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false))
                    .as("orphan stopped").isFalse();
            assertThat(restarted.queryLong("SELECT count(*) FROM survivors WHERE id = 1")).isEqualTo(1);
            assertThat(restarted.queryLong("SELECT count(*) FROM survivors")).as("uncommitted row is gone").isEqualTo(1);
            restarted.execute("INSERT INTO survivors VALUES (3, 'after the restart')");
        }
        // And a clean stop/start cycle afterwards still finds everything.
        try (EmbeddedDatabase again = EmbeddedDatabase.start(root)) {
            assertThat(again.queryLong("SELECT count(*) FROM survivors")).isEqualTo(2);
        }
    }

    @Test
    void aDataDirectoryInUseByALiveInstanceIsNeverTakenOver() throws SQLException {
        try (EmbeddedDatabase first = EmbeddedDatabase.start(root)) {
            assertThatThrownBy(() -> EmbeddedDatabase.start(root))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another database instance");
            assertThat(first.queryLong("SELECT 1")).isEqualTo(1);
            assertThat(first.database.check().up()).isTrue();
        }
    }
}
