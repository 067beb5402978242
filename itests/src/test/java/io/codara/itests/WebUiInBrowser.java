package io.codara.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The web UI's end-to-end tests ({@code src/test/ui/specs}): Playwright drives Debian's Chromium against the
 * distribution that {@link DistributionIT} booted. Playwright's report goes to standard output (the failsafe
 * report), its failure artefacts to {@code target/ui-results}, and the screenshots for a reviewer to
 * {@code target/screenshots}.
 */
final class WebUiInBrowser {

    private static final String CHROMIUM = "/usr/bin/chromium";

    private WebUiInBrowser() {
    }

    static void run(String baseUrl, String adminPassword) {
        Path tests = Path.of(System.getProperty("codara.ui.tests.dir"));
        Path cli = tests.resolve("node_modules/@playwright/test/cli.js");
        assertTrue("Playwright is installed by the build (npm ci in " + tests + ")", Files.isRegularFile(cli));
        assertTrue("Debian's Chromium is installed (.ci/run installs the chromium package): " + CHROMIUM,
                Files.isExecutable(Path.of(CHROMIUM)));
        Path target = tests.getParent();
        List<String> command = new java.util.ArrayList<>(List.of("node", cli.toString(), "test"));
        // -Dcodara.ui.specs=auto-merge,pulls runs only the specs whose file names match (a targeted run).
        String only = System.getProperty("codara.ui.specs", "");
        for (String spec : only.split(",")) {
            if (!spec.isBlank()) {
                command.add(spec.strip());
            }
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(tests.toFile()).redirectErrorStream(true);
        builder.environment().put("CODARA_URL", baseUrl);
        builder.environment().put("CODARA_ADMIN_PASSWORD", adminPassword);
        builder.environment().put("CODARA_CHROMIUM", CHROMIUM);
        builder.environment().put("CODARA_SCREENSHOTS", target.resolve("screenshots").toString());
        builder.environment().put("CODARA_UI_RESULTS", target.resolve("ui-results").toString());
        builder.environment().put("CI", "1");
        StringBuilder output = new StringBuilder();
        int exit;
        try {
            Process process = builder.start();
            try (InputStream in = process.getInputStream()) {
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    String chunk = new String(buffer, 0, n, StandardCharsets.UTF_8);
                    System.out.print(chunk);
                    output.append(chunk);
                }
            }
            if (!process.waitFor(20, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("the web UI tests did not finish in 20 minutes:\n" + output);
            }
            exit = process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        try {
            Files.writeString(target.resolve("ui-e2e.log"), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals("the web UI tests failed:\n" + output, 0, exit);
        assertTrue(output.toString(), output.toString().contains(" passed"));
    }
}
