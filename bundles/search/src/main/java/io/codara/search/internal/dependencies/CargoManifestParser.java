package io.codara.search.internal.dependencies;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rust's {@code Cargo.toml}: {@code [dependencies]}, {@code [dev-dependencies]}, {@code [build-dependencies]}, their
 * {@code [target.'cfg(...)'.*]} forms and {@code [workspace.dependencies]}; plain strings, tables and inline tables,
 * renamed packages ({@code package = "..."}) and {@code workspace = true} inherited from the same file's workspace.
 */
final class CargoManifestParser implements ManifestParser {

    private static final Logger LOG = LoggerFactory.getLogger(CargoManifestParser.class);
    private static final String[][] SECTIONS = {
        {"dependencies", "runtime"}, {"dev-dependencies", "development"}, {"build-dependencies", "build"}};

    private final TomlMapper toml = new TomlMapper();

    @Override
    public boolean reads(String path) {
        return ManifestText.fileName(path).equals("Cargo.toml");
    }

    @Override
    public List<Dependency> parse(String path, String content) {
        JsonNode root;
        try {
            root = toml.readTree(content);
        } catch (IOException malformed) {
            LOG.debug("{} is no readable Cargo.toml: {}", path, malformed.getMessage());
            return List.of();
        }
        JsonNode workspace = root.path("workspace").path("dependencies");
        List<Dependency> result = new ArrayList<>();
        for (String[] section : SECTIONS) {
            table(root.path(section[0]), section[1], workspace, content, path, result);
            for (Map.Entry<String, JsonNode> target : root.path("target").properties()) {
                table(target.getValue().path(section[0]), section[1], workspace, content, path, result);
            }
        }
        table(workspace, "runtime", workspace, content, path, result);
        return result;
    }

    private static int lineOfKey(String content, String key) {
        int at = content.indexOf("\n" + key);
        return at < 0 ? 0 : ManifestText.lineAt(content, at + 1);
    }

    private static void table(JsonNode table, String scope, JsonNode workspace, String content, String path,
            List<Dependency> result) {
        for (Map.Entry<String, JsonNode> entry : table.properties()) {
            JsonNode spec = entry.getValue();
            if (spec.path("workspace").asBoolean(false)) {
                JsonNode inherited = workspace.path(entry.getKey());
                spec = inherited.isMissingNode() ? spec : inherited;
            }
            String requirement = spec.isTextual() ? spec.asText() : spec.path("version").asText(null);
            String name = spec.path("package").asText(entry.getKey());
            boolean optional = entry.getValue().path("optional").asBoolean(false);
            String pinned = requirement != null && requirement.trim().matches("=\\s*\\d+\\.\\d+\\.\\d+\\S*")
                    ? requirement.trim().substring(1).trim() : null;
            result.add(new Dependency("cargo", name, requirement, pinned, optional ? "optional" : scope, path,
                    lineOfKey(content, entry.getKey())));
        }
    }
}
