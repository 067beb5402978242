package io.codara.search.internal.symbols;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Universal Ctags over a batch of files: one process per batch in ctags' interactive mode, which reads the files
 * from its standard input (here a request file, so no thread has to feed a pipe) and writes JSON tags, one line each,
 * closing each file with a {@code completed} line. The batch shares one time limit; a process that overruns it is
 * killed. When ctags dies on a file (a parser crash), that file yields nothing and a new process tags the files after
 * it, a few times per batch at most.
 */
final class Ctags {

    /** A file to tag: the name ctags guesses the language from, and the bytes. */
    record Input(String fileName, byte[] content) {
    }

    /** One tag as ctags writes it (long kind names, scope with the language's own separators). */
    record Tag(String name, String kind, String language, int line, String scope, String scopeKind, String typeref) {
    }

    /**
     * The tags of each input, in input order, and what went wrong, or {@code null} when ctags tagged them all.
     */
    record Batch(List<List<Tag>> tags, String failure) {
    }

    /** What {@link #probe} found: a usable ctags (its version line) or why there is none. */
    record Probe(boolean usable, String description, boolean sandbox) {
    }

    /** Restarts after a crash, per batch: a ctags that crashes on file after file is broken, not unlucky. */
    static final int MAX_RESTARTS = 3;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(Ctags.class);

    private final String executable;
    private final Duration timeout;
    private final boolean sandbox;

    Ctags(String executable, Duration timeout, boolean sandbox) {
        this.executable = executable;
        this.timeout = timeout;
        this.sandbox = sandbox;
    }

    /**
     * Asks {@code executable --version} whether it is a Universal Ctags with JSON output and interactive mode, and
     * whether it can sandbox itself (seccomp), which {@link #tag} then uses: it parses untrusted code.
     */
    static Probe probe(String executable, Duration timeout) {
        Path output = null;
        try {
            output = Files.createTempFile("codara-ctags-version", ".txt");
            Process process = new ProcessBuilder(executable, "--version").redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                return new Probe(false, executable + " --version did not answer within " + timeout.toSeconds() + " s",
                        false);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            String firstLine = text.lines().findFirst().orElse("").strip();
            if (process.exitValue() != 0 || !firstLine.startsWith("Universal Ctags")) {
                return new Probe(false, executable + " is not Universal Ctags (" + firstLine + ")", false);
            }
            if (!text.contains("+json") || !text.contains("+interactive")) {
                return new Probe(false, firstLine + " at " + executable + " lacks JSON output or interactive mode",
                        false);
            }
            return new Probe(true, firstLine.replaceFirst(",.*", "") + " at " + executable, text.contains("+sandbox"));
        } catch (IOException e) {
            return new Probe(false, "cannot run " + executable + ": " + e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe(false, "interrupted while asking " + executable + " for its version", false);
        } finally {
            deleteTemporary(output);
        }
    }

    /** The tags of each of {@code inputs}; a file ctags did not finish (crash, time limit) has none. */
    Batch tag(List<Input> inputs) throws IOException {
        List<List<Tag>> tags = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            tags.add(new ArrayList<>());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> failures = new ArrayList<>();
        int start = 0;
        for (int run = 0; start < inputs.size() && run <= MAX_RESTARTS; run++) {
            Run result = runFrom(inputs, start, tags, deadline);
            if (result.failure == null) {
                return new Batch(tags, failures.isEmpty() ? null : String.join("; ", failures));
            }
            // The file ctags was reading when it failed keeps no partial tags.
            tags.get(result.next).clear();
            failures.add(result.failure + " (at " + inputs.get(result.next).fileName() + ", file " + (result.next + 1)
                    + " of " + inputs.size() + ")");
            if (result.timedOut) {
                break;
            }
            start = result.next + 1;
        }
        return new Batch(tags, String.join("; ", failures));
    }

    /** How one process ended: the first input it did not finish, and why, or {@code failure == null}. */
    private record Run(int next, String failure, boolean timedOut) {
    }

    private Run runFrom(List<Input> inputs, int start, List<List<Tag>> tags, long deadline) throws IOException {
        Path dir = Files.createTempDirectory("codara-ctags");
        Path request = dir.resolve("request");
        Path output = dir.resolve("tags.json");
        Path errors = dir.resolve("stderr.txt");
        try {
            writeRequest(inputs, start, request);
            List<String> command = List.of(executable, "--options=NONE",
                    sandbox ? "--_interactive=sandbox" : "--_interactive",
                    // n: line, K: long kind names, Z: scope, l: language; no pattern (P) nor file-scope flag (f).
                    "--fields=+nKZl", "--fields=-Pf", "--excmd=number", "-o", "-");
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectInput(request.toFile())
                    .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
            boolean finished;
            try {
                long remaining = Math.max(0, deadline - System.nanoTime());
                finished = process.waitFor(remaining, TimeUnit.NANOSECONDS);
                if (!finished) {
                    process.destroyForcibly().waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while ctags was running", e);
            }
            int next = start;
            String error = null;
            try (BufferedReader reader = Files.newBufferedReader(output, StandardCharsets.UTF_8)) {
                for (String line = reader.readLine(); line != null && next < inputs.size(); line = reader.readLine()) {
                    JsonNode node;
                    try {
                        node = JSON.readTree(line);
                    } catch (JsonProcessingException e) {
                        // A killed process leaves its last line cut; anything else is a ctags we do not understand.
                        error = "unreadable output line: " + Signatures.oneLine(line);
                        break;
                    }
                    switch (node.path("_type").asText()) {
                        case "tag" -> tags.get(next).add(tagOf(node));
                        case "completed" -> next++;
                        case "error" -> error = "ctags: " + node.path("message").asText();
                        default -> {
                            // The "program" line that opens the output.
                        }
                    }
                }
            }
            if (next == inputs.size()) {
                return new Run(next, null, false);
            }
            if (!finished) {
                return new Run(next, "ctags did not finish within " + timeout.toSeconds() + " s and was killed", true);
            }
            String stderr = Files.readAllLines(errors, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.contains("No options will be read")).reduce((a, b) -> b).orElse("");
            String why = error != null ? error : "ctags exited with " + process.exitValue()
                    + (stderr.isBlank() ? "" : ": " + Signatures.oneLine(stderr));
            return new Run(next, why, false);
        } finally {
            deleteTemporary(request);
            deleteTemporary(output);
            deleteTemporary(errors);
            deleteTemporary(dir);
        }
    }

    private static void writeRequest(List<Input> inputs, int start, Path request) throws IOException {
        try (OutputStream out = Files.newOutputStream(request)) {
            for (int i = start; i < inputs.size(); i++) {
                Input input = inputs.get(i);
                ObjectNode command = JSON.createObjectNode().put("command", "generate-tags")
                        .put("filename", input.fileName()).put("size", input.content().length);
                out.write(JSON.writeValueAsBytes(command));
                out.write('\n');
                out.write(input.content());
            }
        }
    }

    private static Tag tagOf(JsonNode node) {
        return new Tag(node.path("name").asText(), node.path("kind").asText(), node.path("language").asText(),
                node.path("line").asInt(), text(node, "scope"), text(node, "scopeKind"), text(node, "typeref"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Temporary files are best removed; one that cannot be is worth a warning, not a failed batch. */
    private static void deleteTemporary(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("Cannot delete the temporary file {}: {}", path,
                    e.toString());
        }
    }
}
