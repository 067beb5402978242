package io.codara.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's configuration file and command line. */
class RunnerConfigTest {

    @TempDir
    Path temp;

    @Test
    void theConfigurationIsWrittenForItsOwnerOnlyAndReadBack() throws IOException {
        Path file = temp.resolve("conf/runner.properties");
        RunnerConfig config = new RunnerConfig("http://codara.test:8080", 7, "gpu-box",
                List.of("self-hosted", "linux", "gpu-free"), "CRCsecret", temp.resolve("work"), 1);
        config.write(file);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        RunnerConfig read = RunnerConfig.read(file);
        assertThat(read).isEqualTo(new RunnerConfig("http://codara.test:8080", 7, "gpu-box",
                List.of("self-hosted", "linux", "gpu-free"), "CRCsecret", temp.resolve("work").toAbsolutePath(), 1));
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aConfigurationWithoutCredentialIsRefused() throws IOException {
        Path file = temp.resolve("runner.properties");
        Files.writeString(file, "url=http://x\nwork_directory=/tmp\n");
        assertThatThrownBy(() -> RunnerConfig.read(file)).hasMessageContaining("register first");
    }

    @Test
    void optionsAreReadAsGnuStyleLongOptions() {
        assertThat(RunnerMain.options(new String[] {"--url", "http://x", "--labels=a,b", "--once"}))
                .isEqualTo(Map.of("url", "http://x", "labels", "a,b", "once", "true"));
        assertThatThrownBy(() -> RunnerMain.options(new String[] {"--token"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> RunnerMain.options(new String[] {"stray"})).hasMessageContaining("unexpected");
    }
}
