package io.codara.ci.internal.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops every process a step started, however it tried to get away: the step's process group (each step leads its own
 * session through {@code setsid}), every descendant still linked to it, and every process whose environment carries
 * the job's cookie (what double-forked daemons and {@code setsid} children keep, as Jenkins finds its builds'
 * processes). SIGTERM first, SIGKILL after a grace period.
 */
final class ProcessTree {

    /** The environment variable that marks a job's processes; its value is unique per job. */
    static final String COOKIE = "CODARA_RUNNER_COOKIE";

    private static final Logger LOG = LoggerFactory.getLogger(ProcessTree.class);
    private static final Path PROC = Path.of("/proc");

    private ProcessTree() {
    }

    /**
     * Stops {@code root} (a session and group leader, or {@code null} when only the cookie's holders are left) and
     * everything that carries {@code cookie}; answers how many processes were signalled.
     */
    static int kill(ProcessHandle root, String cookie, Duration grace) {
        Set<ProcessHandle> targets = targets(root, cookie);
        if (targets.isEmpty()) {
            return 0;
        }
        signal(root, targets, "TERM");
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && targets.stream().anyMatch(ProcessHandle::isAlive)) {
            sleep(20);
        }
        Set<ProcessHandle> left = targets(root, cookie);
        left.addAll(targets);
        left.removeIf(handle -> !handle.isAlive());
        if (!left.isEmpty()) {
            signal(root, left, "KILL");
            long killDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < killDeadline && left.stream().anyMatch(ProcessHandle::isAlive)) {
                sleep(20);
            }
        }
        return targets.size();
    }

    /** The live processes that belong to the step or job. */
    static Set<ProcessHandle> targets(ProcessHandle root, String cookie) {
        Set<ProcessHandle> targets = new LinkedHashSet<>();
        if (root != null && root.isAlive()) {
            targets.add(root);
        }
        if (root != null) {
            root.descendants().forEach(targets::add);
        }
        if (cookie != null) {
            targets.addAll(withCookie(cookie));
        }
        targets.removeIf(handle -> !handle.isAlive() || handle.pid() == ProcessHandle.current().pid());
        return targets;
    }

    /** Processes whose environment holds {@code COOKIE=cookie} (only readable ones: ours). */
    static Set<ProcessHandle> withCookie(String cookie) {
        Set<ProcessHandle> found = new LinkedHashSet<>();
        if (!Files.isDirectory(PROC)) {
            return found;
        }
        byte[] needle = (COOKIE + "=" + cookie + "\0").getBytes(StandardCharsets.UTF_8);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                byte[] environ;
                try {
                    environ = Files.readAllBytes(entry.resolve("environ"));
                } catch (IOException | SecurityException gone) {
                    continue; // exited meanwhile, or not ours to read
                }
                if (contains(environ, needle)) {
                    ProcessHandle.of(Long.parseLong(entry.getFileName().toString())).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list processes in /proc: {}", e.toString());
        }
        return found;
    }

    private static void signal(ProcessHandle root, Set<ProcessHandle> targets, String signal) {
        if (root != null) {
            Optional<Long> group = processGroup(root.pid());
            group.filter(pgid -> pgid == root.pid()).ifPresent(pgid -> killGroup(pgid, signal));
        }
        for (ProcessHandle handle : targets) {
            if ("KILL".equals(signal)) {
                handle.destroyForcibly();
            } else {
                handle.destroy();
            }
        }
    }

    /** The process group of {@code pid} from {@code /proc/<pid>/stat}, if it is still there. */
    static Optional<Long> processGroup(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            // pid (comm) state ppid pgrp ...: comm may contain spaces and parentheses, so read after the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(fields[2]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void killGroup(long pgid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, "--", "-" + pgid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor();
        } catch (IOException e) {
            LOG.warn("Cannot signal process group {}: {}", pgid, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (i > 0 && haystack[i - 1] != 0) {
                continue; // variables start after a NUL
            }
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
