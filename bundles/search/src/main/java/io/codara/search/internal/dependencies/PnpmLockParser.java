package io.codara.search.internal.dependencies;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * pnpm's {@code pnpm-lock.yaml}: every package under {@code packages}, keyed {@code /name/1.0.0} (lockfile 5),
 * {@code /name@1.0.0} (6) or {@code name@1.0.0} (9), peer suffixes {@code (react@18.2.0)} dropped.
 */
final class PnpmLockParser implements ManifestParser {

    private static final Logger LOG = LoggerFactory.getLogger(PnpmLockParser.class);

    private final YAMLMapper yaml = new YAMLMapper();

    @Override
    public boolean reads(String path) {
        return ManifestText.fileName(path).equals("pnpm-lock.yaml");
    }

    @Override
    public List<Dependency> parse(String path, String content) {
        JsonNode root;
        try {
            root = yaml.readTree(content);
        } catch (IOException malformed) {
            LOG.debug("{} is no readable pnpm-lock.yaml: {}", path, malformed.getMessage());
            return List.of();
        }
        if (root == null) {
            return List.of();
        }
        boolean slashes = root.path("lockfileVersion").asText("").startsWith("5");
        List<Dependency> result = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : root.path("packages").properties()) {
            String key = entry.getKey();
            String spec = key.startsWith("/") ? key.substring(1) : key;
            int peers = spec.indexOf('(');
            spec = peers < 0 ? spec : spec.substring(0, peers);
            if (slashes) {
                int underscore = spec.indexOf('_'); // lockfile 5 appends peers after "_"
                spec = underscore < 0 ? spec : spec.substring(0, underscore);
            }
            int split = slashes ? spec.lastIndexOf('/') : spec.lastIndexOf('@');
            if (split <= 0) {
                continue;
            }
            String name = spec.substring(0, split);
            String version = spec.substring(split + 1);
            JsonNode pkg = entry.getValue();
            String scope = pkg.path("dev").asBoolean(false) ? "development"
                    : pkg.path("optional").asBoolean(false) ? "optional" : null;
            result.add(new Dependency("npm", name, version, version, scope, path,
                    ManifestText.lineOf(content, key + ":", 0)));
        }
        return result;
    }
}
