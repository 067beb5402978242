package io.codara.storage.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a postmaster that a killed JVM left running on the embedded data directory, so that the next start does
 * not fail on its {@code postmaster.pid}. A data directory still locked by a live JVM is never touched.
 */
final class StalePostmaster {

    /** The lock file zonky's EmbeddedPostgres holds while it owns the data directory. */
    static final String OWNER_LOCK = "epg-lock";

    private static final Logger LOG = LoggerFactory.getLogger(StalePostmaster.class);

    private StalePostmaster() {
    }

    /**
     * Stops the postmaster recorded in {@code dataDir/postmaster.pid} when no live process owns the directory.
     *
     * @return the pid of the postmaster stopped, or -1 when none was running
     * @throws IllegalStateException when another live process or instance owns the data directory
     */
    static long stopIfOrphaned(Path dataDir, Duration timeout) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            return -1;
        }
        try (FileChannel channel = FileChannel.open(dataDir.resolve(OWNER_LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                throw new IllegalStateException("The embedded PostgreSQL data directory " + dataDir
                        + " is in use by another database instance in this JVM", e);
            }
            if (lock == null) {
                throw new IllegalStateException("The embedded PostgreSQL data directory " + dataDir
                        + " is in use by another running process (is a second Codara using the same root?)");
            }
            try {
                return stopRecordedPostmaster(dataDir, timeout);
            } finally {
                lock.release();
            }
        }
    }

    private static long stopRecordedPostmaster(Path dataDir, Duration timeout) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return -1;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        long pid;
        try {
            pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            LOG.warn("Ignoring unreadable {}: {}", pidFile, e.getMessage());
            return -1;
        }
        Optional<ProcessHandle> process = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
        if (process.isEmpty() || !process.get().isAlive()) {
            // PostgreSQL itself ignores a lock file whose process is gone.
            return -1;
        }
        ProcessHandle postmaster = process.get();
        if (!isPostmaster(postmaster, dataDir)) {
            // The pid was reused by an unrelated program (e.g. after a reboot); PostgreSQL would refuse to start.
            LOG.warn("Removing stale {}: pid {} is not a PostgreSQL server on this directory", pidFile, pid);
            Files.delete(pidFile);
            return -1;
        }
        LOG.warn("Stopping orphaned PostgreSQL postmaster (pid {}) left running on {} by a previous run", pid, dataDir);
        signal(postmaster, "INT");
        if (awaitExit(postmaster, timeout)) {
            return pid;
        }
        LOG.warn("Postmaster {} did not stop within {}; requesting immediate shutdown", pid, timeout);
        signal(postmaster, "QUIT");
        if (awaitExit(postmaster, Duration.ofSeconds(15))) {
            return pid;
        }
        throw new IllegalStateException("Could not stop the orphaned PostgreSQL postmaster (pid " + pid + ") on "
                + dataDir + "; stop it manually and restart");
    }

    /** The recorded process is a PostgreSQL server, and (when its arguments are visible) one on {@code dataDir}. */
    private static boolean isPostmaster(ProcessHandle process, Path dataDir) {
        ProcessHandle.Info info = process.info();
        Optional<String> command = info.command();
        if (command.isEmpty()) {
            // Not visible to us (another user); PostgreSQL checks the same pid and would refuse, so treat it as ours.
            return true;
        }
        String name = Path.of(command.get()).getFileName().toString();
        if (!name.equals("postgres") && !name.equals("postgres.exe") && !name.equals("postmaster")) {
            return false;
        }
        Optional<String[]> arguments = info.arguments();
        if (arguments.isEmpty()) {
            return true;
        }
        String[] args = arguments.get();
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("-D")) {
                return Path.of(args[i + 1]).toAbsolutePath().normalize().equals(dataDir.toAbsolutePath().normalize());
            }
        }
        return true;
    }

    /**
     * SIGINT asks the postmaster for a fast shutdown (what {@code pg_ctl stop -m fast} sends): clients are
     * disconnected, open transactions roll back, a checkpoint is written. Signalled directly because pg_ctl refuses
     * to run as root, and zonky runs the server in a user namespace then.
     */
    private static void signal(ProcessHandle process, String signal) throws IOException {
        int exit;
        try {
            exit = run(List.of("kill", "-" + signal, Long.toString(process.pid())));
        } catch (IOException noKillCommand) {
            LOG.warn("Cannot run kill ({}); sending SIGTERM instead", noKillCommand.getMessage());
            process.destroy();
            return;
        }
        if (exit != 0) {
            LOG.warn("kill -{} {} exited with {}", signal, process.pid(), exit);
        }
    }

    private static int run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            int exit = process.waitFor();
            if (!output.isEmpty()) {
                LOG.info("{}: {}", command.get(0), output);
            }
            return exit;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new IOException("Interrupted while running " + command, e);
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) throws IOException {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            throw new IOException("Waiting for pid " + process.pid() + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for pid " + process.pid(), e);
        }
    }
}
