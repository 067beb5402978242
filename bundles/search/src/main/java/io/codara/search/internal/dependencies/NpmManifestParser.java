package io.codara.search.internal.dependencies;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** npm's {@code package.json}: dependencies, devDependencies, peerDependencies and optionalDependencies. */
final class NpmManifestParser implements ManifestParser {

    private static final Logger LOG = LoggerFactory.getLogger(NpmManifestParser.class);
    private static final String[][] SECTIONS = {
        {"dependencies", "runtime"}, {"devDependencies", "development"}, {"peerDependencies", "runtime"},
        {"optionalDependencies", "optional"}};

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public boolean reads(String path) {
        return ManifestText.fileName(path).equals("package.json") && !path.contains("node_modules/");
    }

    @Override
    public List<Dependency> parse(String path, String content) {
        JsonNode root;
        try {
            root = json.readTree(content);
        } catch (IOException malformed) {
            LOG.debug("{} is no readable package.json: {}", path, malformed.getMessage());
            return List.of();
        }
        if (root == null || !root.isObject()) {
            return List.of();
        }
        List<Dependency> result = new ArrayList<>();
        for (String[] section : SECTIONS) {
            int sectionAt = content.indexOf("\"" + section[0] + "\"");
            for (Map.Entry<String, JsonNode> entry : root.path(section[0]).properties()) {
                String requirement = entry.getValue().isTextual() ? entry.getValue().asText() : null;
                result.add(new Dependency("npm", entry.getKey(), requirement, exactVersion(requirement), section[1],
                        path, ManifestText.lineOf(content, "\"" + entry.getKey() + "\"", sectionAt)));
            }
        }
        return result;
    }

    /** A requirement that is a plain version ("4.17.21") is the version npm installs. */
    static String exactVersion(String requirement) {
        if (requirement == null) {
            return null;
        }
        String r = requirement.trim();
        r = r.startsWith("=") ? r.substring(1).trim() : r;
        r = r.startsWith("v") ? r.substring(1) : r;
        return r.matches("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?") ? r : null;
    }
}
