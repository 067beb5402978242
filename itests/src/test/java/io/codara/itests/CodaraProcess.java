package io.codara.itests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The distribution run as users run it: unpacked from the tar.gz, started with {@code bin/codara} and the
 * documented environment variables, stopped with SIGTERM or killed with SIGKILL.
 */
public final class CodaraProcess implements AutoCloseable {

    private final Path home;
    private final Map<String, String> env = new HashMap<>();
    private final int httpPort;
    private final int sshPort;
    private final Path log;
    private Process process;

    private CodaraProcess(Path home, Map<String, String> extraEnv) throws IOException {
        this.home = home;
        this.httpPort = freePort();
        this.sshPort = freePort();
        this.log = home.resolve("codara-console.log");
        env.put("CODARA_HTTP_PORT", Integer.toString(httpPort));
        env.put("CODARA_SSH_PORT", Integer.toString(sshPort));
        env.putAll(extraEnv);
    }

    /** Unpacks a fresh distribution under {@code workDir}. */
    public static CodaraProcess unpack(Path workDir, Map<String, String> env) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path archive = Path.of(System.getProperty("codara.distribution"));
        run(workDir, "tar", "xzf", archive.toString(), "-C", workDir.toString());
        try (var entries = Files.list(workDir)) {
            Path home = entries.filter(p -> Files.isDirectory(p) && Files.exists(p.resolve("bin/codara"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no distribution in " + workDir));
            // The admin's karaf.data/tmp folders need to be ours alone: every test gets its own copy.
            return new CodaraProcess(home, env);
        }
    }

    public CodaraProcess start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/codara").toString())
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("CODARA_"));
        builder.environment().putAll(env);
        builder.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        process = builder.start();
        return this;
    }

    /** Waits until {@code /health/ready} answers 200; returns how long that took. */
    public Duration awaitReady(Duration timeout) {
        long start = System.nanoTime();
        try {
            http().await("/health/ready", status -> status == 200, timeout);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- console ---\n" + consoleTail(), e);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    public Http http() {
        return new Http("http://127.0.0.1:" + httpPort);
    }

    public int sshPort() {
        return sshPort;
    }

    public Path home() {
        return home;
    }

    public Process process() {
        return process;
    }

    /** SIGKILL: no shutdown hook runs, as in a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits for a clean exit. */
    public int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Codara did not stop within " + timeout + "\n" + consoleTail());
        }
        return process.exitValue();
    }

    /**
     * Runs a Karaf shell command over SSH with the real OpenSSH client, password authentication through
     * SSH_ASKPASS. Returns exit code and output.
     */
    public Result ssh(String login, String password, String command) throws IOException, InterruptedException {
        Path askpass = Files.createTempFile(home, "askpass", ".sh",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(askpass, "#!/bin/sh\nprintf '%s\\n' '" + password.replace("'", "'\\''") + "'\n", StandardCharsets.UTF_8);
        try {
            List<String> cmd = new ArrayList<>(List.of("ssh", "-p", Integer.toString(sshPort),
                    "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                    "-o", "PreferredAuthentications=password,keyboard-interactive", "-o", "PubkeyAuthentication=no",
                    "-o", "NumberOfPasswordPrompts=1", "-o", "ConnectTimeout=10",
                    login + "@127.0.0.1", command));
            ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
            builder.environment().put("SSH_ASKPASS", askpass.toString());
            builder.environment().put("SSH_ASKPASS_REQUIRE", "force");
            builder.environment().put("DISPLAY", ":0");
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Process ssh = builder.start();
            String out = new String(ssh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ssh.waitFor(60, TimeUnit.SECONDS)) {
                ssh.destroyForcibly();
                throw new AssertionError("ssh timed out: " + out);
            }
            return new Result(ssh.exitValue(), out);
        } finally {
            Files.deleteIfExists(askpass);
        }
    }

    /** Everything the process printed so far. */
    public String console() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no console log: " + e + ")";
        }
    }

    public String consoleTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(no console log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Output of a command. */
    public record Result(int exit, String output) {
    }

    static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
