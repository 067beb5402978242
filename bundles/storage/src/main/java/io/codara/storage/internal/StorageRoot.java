package io.codara.storage.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.function.UnaryOperator;

import io.codara.api.storage.StorageLayout;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The configured storage root, with the directories of Codara's layout created beneath it. */
@Component(configurationPid = StorageRoot.PID)
@Designate(ocd = StorageRootConfig.class)
public final class StorageRoot implements StorageLayout {

    static final String PID = "io.codara.storage";
    static final String ENV_ROOT = "CODARA_ROOT";

    private static final Logger LOG = LoggerFactory.getLogger(StorageRoot.class);

    private final Path root;

    @Activate
    public StorageRoot(StorageRootConfig config) {
        this(config, System::getenv, System::getProperty);
    }

    StorageRoot(StorageRootConfig config, UnaryOperator<String> env, UnaryOperator<String> systemProperties) {
        this.root = resolve(config.root(), env, systemProperties);
        try {
            for (Path dir : layoutDirectories()) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the storage layout under " + root, e);
        }
        LOG.info("Codara storage root is {}", root);
    }

    /** Configuration first, then CODARA_ROOT, then ${karaf.data}/codara, then ./data/codara. */
    static Path resolve(String configured, UnaryOperator<String> env, UnaryOperator<String> systemProperties) {
        if (!isBlank(configured)) {
            return Paths.get(configured.trim()).toAbsolutePath().normalize();
        }
        String fromEnv = env.apply(ENV_ROOT);
        if (!isBlank(fromEnv)) {
            return Paths.get(fromEnv.trim()).toAbsolutePath().normalize();
        }
        String karafData = systemProperties.apply("karaf.data");
        if (!isBlank(karafData)) {
            return Paths.get(karafData.trim(), "codara").toAbsolutePath().normalize();
        }
        return Paths.get("data", "codara").toAbsolutePath().normalize();
    }

    private List<Path> layoutDirectories() {
        Path models = models();
        return List.of(repos(), lfs(), blobs(), runnerJobs(),
                models.resolve("base"), models.resolve("global"), models.resolve("repo-specific"),
                models.resolve("org-specific"), models.resolve("checkpoints"), models.resolve("versions"),
                search());
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public Path root() {
        return root;
    }
}
