package io.codara.search.internal.dependencies;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Rust's {@code Cargo.lock}: every {@code [[package]]} from a registry or git, with its locked version. */
final class CargoLockParser implements ManifestParser {

    private static final Logger LOG = LoggerFactory.getLogger(CargoLockParser.class);

    private final TomlMapper toml = new TomlMapper();

    @Override
    public boolean reads(String path) {
        return ManifestText.fileName(path).equals("Cargo.lock");
    }

    @Override
    public List<Dependency> parse(String path, String content) {
        JsonNode root;
        try {
            root = toml.readTree(content);
        } catch (IOException malformed) {
            LOG.debug("{} is no readable Cargo.lock: {}", path, malformed.getMessage());
            return List.of();
        }
        List<Dependency> result = new ArrayList<>();
        for (JsonNode pkg : root.path("package")) {
            // Without a source, the package is the workspace's own crate or a path dependency.
            if (!pkg.hasNonNull("source") || !pkg.hasNonNull("name") || !pkg.hasNonNull("version")) {
                continue;
            }
            String name = pkg.get("name").asText();
            String version = pkg.get("version").asText();
            result.add(new Dependency("cargo", name, version, version, null, path,
                    ManifestText.lineOf(content, "name = \"" + name + "\"\nversion = \"" + version + "\"", 0)));
        }
        return result;
    }
}
