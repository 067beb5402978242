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
 * Gradle's version catalogs ({@code gradle/libs.versions.toml}): the libraries and plugins it declares, with
 * {@code version.ref} resolved from its {@code [versions]}; the catalog says nothing of scope.
 */
final class GradleVersionCatalogParser implements ManifestParser {

    private static final Logger LOG = LoggerFactory.getLogger(GradleVersionCatalogParser.class);

    private final TomlMapper toml = new TomlMapper();

    @Override
    public boolean reads(String path) {
        return ManifestText.fileName(path).endsWith(".versions.toml");
    }

    @Override
    public List<Dependency> parse(String path, String content) {
        JsonNode root;
        try {
            root = toml.readTree(content);
        } catch (IOException malformed) {
            LOG.debug("{} is no readable version catalog: {}", path, malformed.getMessage());
            return List.of();
        }
        JsonNode versions = root.path("versions");
        List<Dependency> result = new ArrayList<>();
        for (Map.Entry<String, JsonNode> library : root.path("libraries").properties()) {
            JsonNode spec = library.getValue();
            String name;
            String version;
            if (spec.isTextual()) {
                String[] parts = spec.asText().split(":");
                if (parts.length < 2) {
                    continue;
                }
                name = parts[0] + ":" + parts[1];
                version = parts.length > 2 ? parts[2] : null;
            } else {
                String module = spec.path("module").asText(null);
                name = module != null ? module : spec.path("group").asText("") + ":" + spec.path("name").asText("");
                version = version(spec.path("version"), versions);
            }
            result.add(dependency(name, version, null, content, path, library.getKey()));
        }
        for (Map.Entry<String, JsonNode> plugin : root.path("plugins").properties()) {
            JsonNode spec = plugin.getValue();
            String id = spec.isTextual() ? spec.asText().split(":")[0] : spec.path("id").asText(null);
            String version = spec.isTextual() ? (spec.asText().contains(":") ? spec.asText().split(":", 2)[1] : null)
                    : version(spec.path("version"), versions);
            if (id != null) {
                // A plugin is resolved through its marker artifact, id:id.gradle.plugin.
                result.add(dependency(id + ":" + id + ".gradle.plugin", version, "build", content, path,
                        plugin.getKey()));
            }
        }
        return result;
    }

    private static Dependency dependency(String name, String version, String scope, String content, String path,
            String alias) {
        boolean exact = version != null && !IntervalNotation.looksLikeInterval(version) && !version.contains("+");
        return new Dependency("maven", name, version, exact ? version : null, scope, path,
                ManifestText.lineOf(content, alias, content.indexOf(scope == null ? "[libraries]" : "[plugins]")));
    }

    /** A version as a string, {@code {ref = "x"}}, or rich {@code {strictly/require/prefer = "v"}}. */
    private static String version(JsonNode version, JsonNode versions) {
        if (version.isMissingNode() || version.isNull()) {
            return null;
        }
        if (version.isTextual()) {
            return version.asText();
        }
        if (version.has("ref")) {
            return version(versions.path(version.path("ref").asText()), versions);
        }
        for (String rich : new String[] {"strictly", "require", "prefer"}) {
            if (version.has(rich)) {
                return version.path(rich).asText();
            }
        }
        return null;
    }
}
