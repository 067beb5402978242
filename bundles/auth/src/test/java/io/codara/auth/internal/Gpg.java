package io.codara.auth.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real {@code gpg} in a throw-away home directory, for keys and signatures made the way users make them. */
final class Gpg implements AutoCloseable {

    private final Path home;

    Gpg(Path dir) throws IOException {
        this.home = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }

    /** Generates an Ed25519 signing key for {@code userId} and returns its long key id. */
    String generate(String userId) throws IOException, InterruptedException {
        run("--batch", "--passphrase", "", "--quick-gen-key", userId, "ed25519", "sign", "never");
        for (String line : run("--with-colons", "--list-keys", userId).split("\n")) {
            if (line.startsWith("pub:")) {
                return line.split(":")[4];
            }
        }
        throw new IOException("gpg listed no key for " + userId);
    }

    String export(String keyId) throws IOException, InterruptedException {
        return run("--armor", "--export", keyId);
    }

    String exportSecret(String keyId) throws IOException, InterruptedException {
        return run("--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--armor", "--export-secret-keys",
                keyId);
    }

    /** A detached armored signature of {@code payload}, as git asks gpg for one. */
    String sign(String keyId, byte[] payload) throws IOException, InterruptedException {
        Path file = Files.write(home.resolve("payload-" + System.nanoTime()), payload);
        return run("--batch", "--pinentry-mode", "loopback", "--passphrase", "", "-u", keyId, "--armor",
                "--detach-sign", "--output", "-", file.toString());
    }

    String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--quiet"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(Map.of("GNUPGHOME", home.toString()));
        Process process = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent")
                .redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
    }
}
