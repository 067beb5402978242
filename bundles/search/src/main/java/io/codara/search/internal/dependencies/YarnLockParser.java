package io.codara.search.internal.dependencies;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Yarn's {@code yarn.lock}: classic (v1, its own indented format) and Berry (v2+, YAML); one dependency per locked
 * package with the ranges that asked for it and the version they resolved to.
 */
final class YarnLockParser implements ManifestParser {

    private static final Logger LOG = LoggerFactory.getLogger(YarnLockParser.class);

    private final YAMLMapper yaml = new YAMLMapper();

    @Override
    public boolean reads(String path) {
        return ManifestText.fileName(path).equals("yarn.lock");
    }

    @Override
    public List<Dependency> parse(String path, String content) {
        if (content.contains("\n__metadata:") || content.startsWith("__metadata:")) {
            return berry(path, content);
        }
        List<Dependency> result = new ArrayList<>();
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || line.startsWith("#") || Character.isWhitespace(line.charAt(0)) || !line.endsWith(":")) {
                continue;
            }
            String version = null;
            for (int j = i + 1; j < lines.length && !lines[j].isEmpty() && Character.isWhitespace(lines[j].charAt(0)); j++) {
                String field = lines[j].trim();
                if (field.startsWith("version ")) {
                    version = unquote(field.substring("version ".length()).trim());
                    break;
                }
            }
            add(line.substring(0, line.length() - 1).split(","), version, path, i + 1, result);
        }
        return result;
    }

    private List<Dependency> berry(String path, String content) {
        JsonNode root;
        try {
            root = yaml.readTree(content);
        } catch (IOException malformed) {
            LOG.debug("{} is no readable yarn.lock: {}", path, malformed.getMessage());
            return List.of();
        }
        List<Dependency> result = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            if (entry.getKey().equals("__metadata") || entry.getKey().contains("@workspace:")) {
                continue;
            }
            add(entry.getKey().split(","), entry.getValue().path("version").asText(null), path,
                    ManifestText.lineOf(content, entry.getKey(), 0), result);
        }
        return result;
    }

    /** {@code descriptors}: {@code "lodash@^4.17.0"}, {@code @babel/core@^7.0.0}, Berry's {@code lodash@npm:^4.17.0}. */
    private static void add(String[] descriptors, String version, String path, int line, List<Dependency> result) {
        String name = null;
        Set<String> ranges = new LinkedHashSet<>();
        for (String d : descriptors) {
            String descriptor = unquote(d.trim());
            int at = descriptor.indexOf('@', 1);
            if (at < 0) {
                continue;
            }
            name = descriptor.substring(0, at);
            String range = descriptor.substring(at + 1);
            ranges.add(range.startsWith("npm:") ? range.substring(4) : range);
        }
        if (name != null && version != null) {
            result.add(new Dependency("npm", name, String.join(" || ", ranges), version, null, path, line));
        }
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
