package io.codara.search.internal.dependencies;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Python's {@code pyproject.toml}: PEP 621 {@code [project]} dependencies and optional-dependencies, PEP 735
 * {@code [dependency-groups]}, and Poetry's {@code [tool.poetry.dependencies]}, dev-dependencies and groups.
 */
final class PyprojectParser implements ManifestParser {

    private static final Logger LOG = LoggerFactory.getLogger(PyprojectParser.class);

    private final TomlMapper toml = new TomlMapper();

    @Override
    public boolean reads(String path) {
        return ManifestText.fileName(path).equals("pyproject.toml");
    }

    @Override
    public List<Dependency> parse(String path, String content) {
        JsonNode root;
        try {
            root = toml.readTree(content);
        } catch (IOException malformed) {
            LOG.debug("{} is no readable pyproject.toml: {}", path, malformed.getMessage());
            return List.of();
        }
        List<Dependency> result = new ArrayList<>();
        JsonNode project = root.path("project");
        pep508(project.path("dependencies"), "runtime", content, content.indexOf("[project]"), path, result);
        for (Map.Entry<String, JsonNode> extra : project.path("optional-dependencies").properties()) {
            pep508(extra.getValue(), groupScope(extra.getKey(), "optional"), content,
                    content.indexOf(extra.getKey()), path, result);
        }
        for (Map.Entry<String, JsonNode> group : root.path("dependency-groups").properties()) {
            pep508(group.getValue(), groupScope(group.getKey(), "development"), content,
                    content.indexOf("[dependency-groups]"), path, result);
        }
        JsonNode poetry = root.path("tool").path("poetry");
        poetry(poetry.path("dependencies"), "runtime", content, "[tool.poetry.dependencies]", path, result);
        poetry(poetry.path("dev-dependencies"), "development", content, "[tool.poetry.dev-dependencies]", path,
                result);
        for (Map.Entry<String, JsonNode> group : poetry.path("group").properties()) {
            poetry(group.getValue().path("dependencies"), groupScope(group.getKey(), "development"), content,
                    "[tool.poetry.group." + group.getKey() + ".dependencies]", path, result);
        }
        return result;
    }

    private static void pep508(JsonNode list, String scope, String content, int sectionAt, String path,
            List<Dependency> result) {
        for (JsonNode item : list) {
            if (!item.isTextual()) {
                continue; // PEP 735's {include-group = "..."}
            }
            Pep508.Requirement requirement = Pep508.parse(item.asText());
            if (requirement != null) {
                result.add(new Dependency("pypi", requirement.name(), requirement.specifier(),
                        Pep508.pinned(requirement.specifier()), scope, path,
                        ManifestText.lineOf(content, item.asText(), sectionAt)));
            }
        }
    }

    private static void poetry(JsonNode table, String scope, String content, String header, String path,
            List<Dependency> result) {
        int sectionAt = content.indexOf(header);
        for (Map.Entry<String, JsonNode> entry : table.properties()) {
            if (entry.getKey().equals("python")) {
                continue; // the interpreter, not a package
            }
            JsonNode spec = entry.getValue();
            String requirement = spec.isTextual() ? spec.asText() : spec.path("version").asText(null);
            String itsScope = spec.path("optional").asBoolean(false) ? "optional" : scope;
            String pinned = requirement != null && requirement.matches("\\d+(\\.\\d+)*") ? requirement
                    : Pep508.pinned(requirement);
            result.add(new Dependency("pypi", Pep508.normalise(entry.getKey()), requirement, pinned, itsScope, path,
                    ManifestText.lineOf(content, entry.getKey(), sectionAt)));
        }
    }

    private static String groupScope(String group, String otherwise) {
        String g = group.toLowerCase(Locale.ROOT);
        return g.startsWith("test") ? "test" : g.equals("dev") || g.equals("lint") || g.startsWith("doc")
                ? "development" : otherwise;
    }
}
