package io.codara.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs one of the octokit scripts of {@code src/test/octokit} with the machine's node: each drives Codara's API with
 * GitHub's own client and prints what it saw as one JSON object on its last line.
 */
final class OctokitScript {

    private OctokitScript() {
    }

    /** Runs {@code script} in {@code scripts} with {@code environment}; fails unless it exits 0 with JSON last. */
    static Result run(Path scripts, String script, Map<String, String> environment) {
        assertTrue("octokit is installed by the build (npm ci): " + scripts,
                Files.isDirectory(scripts.resolve("node_modules/@octokit/rest")));
        ProcessBuilder node = new ProcessBuilder("node", scripts.resolve(script).toString()).directory(scripts.toFile());
        node.environment().putAll(environment);
        String out;
        int exit;
        try {
            Process process = node.redirectErrorStream(true).start();
            out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            exit = process.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertEquals(out, 0, exit);
        try {
            return new Result(out, new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElse("{}")));
        } catch (IOException e) {
            throw new AssertionError("octokit's output is not JSON: " + out, e);
        }
    }

    /** The script's whole output (for assertion messages) and what it saw. */
    record Result(String output, JsonNode seen) {
    }
}
