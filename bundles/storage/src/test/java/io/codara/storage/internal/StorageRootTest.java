package io.codara.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageRootTest {

    @TempDir
    Path dir;

    @Test
    void configuredRootWinsOverEnvironmentAndKarafData() {
        Path root = StorageRoot.resolve(dir.resolve("configured").toString(),
                Map.of("CODARA_ROOT", "/env")::get, Map.of("karaf.data", "/karaf")::get);
        assertThat(root).isEqualTo(dir.resolve("configured"));
    }

    @Test
    void blankConfigurationFallsBackToEnvironment() {
        Path root = StorageRoot.resolve("  ", Map.of("CODARA_ROOT", dir.toString())::get,
                Map.of("karaf.data", "/karaf")::get);
        assertThat(root).isEqualTo(dir);
    }

    @Test
    void thenKarafDataThenWorkingDirectory() {
        assertThat(StorageRoot.resolve("", name -> null, Map.of("karaf.data", dir.toString())::get))
                .isEqualTo(dir.resolve("codara"));
        assertThat(StorageRoot.resolve(null, name -> null, name -> null))
                .isEqualTo(Path.of("data", "codara").toAbsolutePath().normalize());
    }

    @Test
    void activationCreatesTheLayout() {
        StorageRoot layout = new StorageRoot(TestConfigs.config(StorageRootConfig.class, "root", dir.toString()),
                name -> null, name -> null);

        assertThat(layout.root()).isEqualTo(dir);
        for (String sub : new String[] { "mnt/repos", "mnt/lfs", "mnt/blobs", "mnt/runners/jobs",
                "models/codara/base", "models/codara/global", "models/codara/repo-specific",
                "models/codara/org-specific", "models/codara/checkpoints", "models/codara/versions", "search" }) {
            assertThat(dir.resolve(sub)).as(sub).isDirectory();
        }
        assertThat(layout.blobs()).isEqualTo(dir.resolve("mnt/blobs"));
        assertThat(layout.postgres()).isEqualTo(dir.resolve("postgres"));
        assertThat(Files.exists(layout.postgres())).as("postgres/ exists only once embedded PostgreSQL runs").isFalse();
    }
}
