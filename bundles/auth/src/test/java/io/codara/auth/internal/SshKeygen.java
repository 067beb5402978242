package io.codara.auth.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real keys from the machine's {@code ssh-keygen}, so that tests compare with what OpenSSH itself says. */
final class SshKeygen {

    private final Path dir;
    private int generated;

    SshKeygen(Path dir) {
        this.dir = dir;
    }

    /** Generates a key pair and returns the public key file; {@code bits} 0 means the type's default. */
    Path generate(String type, int bits, String comment) throws IOException, InterruptedException {
        Path key = dir.resolve("id_" + type + "_" + bits + "_" + (++generated));
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C", comment,
                "-f", key.toString()));
        if (bits > 0) {
            command.add("-b");
            command.add(Integer.toString(bits));
        }
        run(command);
        return dir.resolve(key.getFileName() + ".pub");
    }

    /** The text of a generated public key file, without its final newline. */
    static String publicKey(Path pub) throws IOException {
        return Files.readString(pub, StandardCharsets.US_ASCII).strip();
    }

    /** What {@code ssh-keygen -lf} prints: {@code <bits> SHA256:... <comment> (<TYPE>)}. */
    static String[] fingerprintLine(Path pub) throws IOException, InterruptedException {
        return run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", pub.toString())).strip().split(" ");
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
