package io.codara.search.internal.dependencies;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * npm's {@code package-lock.json} and {@code npm-shrinkwrap.json}: every installed package with its resolved version,
 * from {@code packages} (lockfile versions 2 and 3) or the nested {@code dependencies} tree (version 1).
 */
final class NpmLockfileParser implements ManifestParser {

    private static final Logger LOG = LoggerFactory.getLogger(NpmLockfileParser.class);
    private static final String NODE_MODULES = "node_modules/";

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public boolean reads(String path) {
        String name = ManifestText.fileName(path);
        return (name.equals("package-lock.json") || name.equals("npm-shrinkwrap.json"))
                && !path.contains(NODE_MODULES);
    }

    @Override
    public List<Dependency> parse(String path, String content) {
        JsonNode root;
        try {
            root = json.readTree(content);
        } catch (IOException malformed) {
            LOG.debug("{} is no readable npm lockfile: {}", path, malformed.getMessage());
            return List.of();
        }
        if (root == null || !root.isObject()) {
            return List.of();
        }
        List<Dependency> result = new ArrayList<>();
        if (root.path("packages").isObject()) {
            for (Map.Entry<String, JsonNode> entry : root.path("packages").properties()) {
                String key = entry.getKey();
                JsonNode pkg = entry.getValue();
                int at = key.lastIndexOf(NODE_MODULES);
                if (at < 0 || pkg.path("link").asBoolean(false) || !pkg.hasNonNull("version")) {
                    continue; // the root project, a workspace member, or a link to one
                }
                String name = pkg.hasNonNull("name") ? pkg.get("name").asText() : key.substring(at + NODE_MODULES.length());
                String version = pkg.get("version").asText();
                result.add(new Dependency("npm", name, version, version, scope(pkg), path,
                        ManifestText.lineOf(content, "\"" + key + "\"", 0)));
            }
        } else {
            tree(root.path("dependencies"), path, content, result);
        }
        return result;
    }

    private static void tree(JsonNode dependencies, String path, String content, List<Dependency> result) {
        for (Map.Entry<String, JsonNode> entry : dependencies.properties()) {
            JsonNode pkg = entry.getValue();
            String version = pkg.path("version").asText(null);
            // npm 6 writes aliases as "npm:real@1.0.0" and git dependencies as URLs in "version".
            if (version != null && NpmManifestParser.exactVersion(version) != null) {
                result.add(new Dependency("npm", entry.getKey(), version, version, scope(pkg), path, 0));
            }
            tree(pkg.path("dependencies"), path, content, result);
        }
    }

    private static String scope(JsonNode pkg) {
        if (pkg.path("dev").asBoolean(false) || pkg.path("devOptional").asBoolean(false)) {
            return "development";
        }
        if (pkg.path("optional").asBoolean(false)) {
            return "optional";
        }
        return "runtime";
    }
}
