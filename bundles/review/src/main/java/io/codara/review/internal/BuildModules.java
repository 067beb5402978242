package io.codara.review.internal;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The build modules of a tree, read from their build files: Maven {@code pom.xml}, Gradle {@code build.gradle(.kts)}
 * (and a root {@code settings.gradle(.kts)}), npm {@code package.json}, Go {@code go.mod}, Cargo {@code Cargo.toml}
 * and Python {@code pyproject.toml}, {@code setup.cfg} or {@code setup.py}. Each module names what it depends on
 * within its ecosystem, with the line that says so.
 */
final class BuildModules {

    /** Build file names in the order that picks a directory's module when it has several. */
    static final List<String> FILES = List.of("pom.xml", "build.gradle", "build.gradle.kts", "settings.gradle",
            "settings.gradle.kts", "package.json", "go.mod", "Cargo.toml", "pyproject.toml", "setup.cfg", "setup.py");

    /** How one module refers to another: it depends on it, inherits from it (Maven parent) or aggregates it. */
    enum Link { DEPENDS, INHERITS, AGGREGATES }

    /**
     * A reference from a module to another: {@code target} is a module name of the same ecosystem (for
     * {@link Link#AGGREGATES}, a directory), {@code group} an optional Maven groupId to match as well.
     */
    record Reference(Link link, String target, String group, int line, String text) {
    }

    /** A module: {@code kind} (maven, gradle, npm, go, cargo, python), its name, directory ("" at the root). */
    record Module(String kind, String name, String display, String group, String dir, String buildFile,
            List<Reference> references) {

        /** Whether {@code reference} (of a module of the same kind) names this module. */
        boolean named(Reference reference) {
            if (reference.link() == Link.AGGREGATES) {
                return reference.target().equals(dir);
            }
            if (kind.equals("maven") && reference.group() != null && group != null && !reference.group().contains("${")
                    && !reference.group().equals(group)) {
                return false;
            }
            return normal(kind, reference.target()).equals(normal(kind, name));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private BuildModules() {
    }

    static boolean isBuildFile(String path) {
        return FILES.contains(base(path));
    }

    /** The module the build file at {@code path} describes, or null when it describes none (or cannot be read). */
    static Module parse(String path, String text) {
        String name = base(path);
        String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        try {
            return switch (name) {
                case "pom.xml" -> maven(path, dir, text);
                case "build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts" -> null;
                case "package.json" -> npm(path, dir, text);
                case "go.mod" -> go(path, dir, text);
                case "Cargo.toml" -> cargo(path, dir, text);
                case "pyproject.toml", "setup.cfg", "setup.py" -> python(path, dir, text);
                default -> null;
            };
        } catch (RuntimeException | XMLStreamException | java.io.IOException e) {
            return null; // an unreadable build file describes no module; the rest of the analysis still holds
        }
    }

    /**
     * A Gradle module: its project path is its directory below the nearest settings file's ({@code settingsDir}),
     * with colons; {@code rootName} is the settings' {@code rootProject.name} for the root project.
     */
    static Module gradle(String path, String text, String settingsDir, String rootName) {
        String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        String relative = settingsDir.isEmpty() ? dir
                : dir.equals(settingsDir) ? "" : dir.substring(settingsDir.length() + 1);
        String projectPath = ":" + relative.replace('/', ':');
        List<Reference> references = new ArrayList<>();
        if (!base(path).startsWith("settings")) {
            Matcher m = GRADLE_PROJECT.matcher("");
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                m.reset(lines[i]);
                while (m.find()) {
                    String target = m.group(1);
                    if (!target.startsWith(":")) {
                        target = (projectPath.equals(":") ? ":" : projectPath + ":") + target;
                    }
                    references.add(new Reference(Link.DEPENDS, target, null, i + 1, lines[i].strip()));
                }
            }
        }
        String display = relative.isEmpty() && rootName != null ? rootName : projectPath;
        return new Module("gradle", projectPath, display, null, dir, path, references);
    }

    /** {@code rootProject.name} of a settings file, or null. */
    static String gradleRootName(String text) {
        Matcher m = Pattern.compile("rootProject\\.name\\s*=\\s*['\"]([^'\"]+)['\"]").matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static final Pattern GRADLE_PROJECT =
            Pattern.compile("project\\s*\\(\\s*(?:path\\s*[:=]\\s*)?['\"]([^'\"]+)['\"]");

    private static Module maven(String path, String dir, String text) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader xml = factory.createXMLStreamReader(new StringReader(text));
        Deque<String> stack = new ArrayDeque<>();
        String artifactId = null;
        String groupId = null;
        String parentArtifact = null;
        String parentGroup = null;
        int parentLine = 0;
        List<Reference> references = new ArrayList<>();
        String depGroup = null;
        String depArtifact = null;
        int depLine = 0;
        StringBuilder chars = new StringBuilder();
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                stack.addLast(xml.getLocalName());
                chars.setLength(0);
                String at = String.join("/", stack);
                if (at.endsWith("/dependencies/dependency") && !at.contains("dependencyManagement")
                        && !at.contains("/plugin")) {
                    depGroup = null;
                    depArtifact = null;
                    depLine = xml.getLocation().getLineNumber();
                } else if (at.equals("project/parent")) {
                    parentLine = xml.getLocation().getLineNumber();
                }
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                chars.append(xml.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                String at = String.join("/", stack);
                String value = chars.toString().strip();
                String enclosing = at.contains("/") ? at.substring(0, at.lastIndexOf('/')) : "";
                boolean dependency = enclosing.endsWith("/dependencies/dependency")
                        && !enclosing.contains("dependencyManagement") && !enclosing.contains("/plugin");
                switch (at) {
                    case "project/artifactId" -> artifactId = value;
                    case "project/groupId" -> groupId = value;
                    case "project/parent/artifactId" -> parentArtifact = value;
                    case "project/parent/groupId" -> parentGroup = value;
                    case "project/modules/module", "project/profiles/profile/modules/module" -> {
                        String child = normalise(dir.isEmpty() ? value : dir + "/" + value);
                        if (child == null) {
                            break;
                        }
                        if (child.equals("pom.xml") || child.endsWith("/pom.xml")) {
                            child = normalise(child + "/..");
                        }
                        references.add(new Reference(Link.AGGREGATES, child, null, xml.getLocation().getLineNumber(),
                                "<module>" + value + "</module>"));
                    }
                    default -> {
                        if (dependency && xml.getLocalName().equals("groupId")) {
                            depGroup = value;
                        } else if (dependency && xml.getLocalName().equals("artifactId")) {
                            depArtifact = value;
                        }
                    }
                }
                if (at.endsWith("/dependencies/dependency") && !at.contains("dependencyManagement")
                        && !at.contains("/plugin") && depArtifact != null) {
                    references.add(new Reference(Link.DEPENDS, depArtifact, depGroup, depLine,
                            "<dependency> " + (depGroup == null ? "" : depGroup + ":") + depArtifact));
                }
                stack.removeLast();
                chars.setLength(0);
            }
        }
        if (artifactId == null) {
            return null;
        }
        if (parentArtifact != null) {
            references.add(new Reference(Link.INHERITS, parentArtifact, parentGroup, parentLine,
                    "<parent> " + (parentGroup == null ? "" : parentGroup + ":") + parentArtifact));
        }
        return new Module("maven", artifactId, artifactId, groupId != null ? groupId : parentGroup, dir, path, references);
    }

    private static Module npm(String path, String dir, String text) throws java.io.IOException {
        JsonNode json = JSON.readTree(text);
        if (json == null || !json.path("name").isTextual()) {
            return null;
        }
        String[] lines = text.split("\n", -1);
        List<Reference> references = new ArrayList<>();
        for (String section : List.of("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")) {
            Iterator<String> names = json.path(section).fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                int line = lineOf(lines, "\"" + name + "\"");
                references.add(new Reference(Link.DEPENDS, name, null, line,
                        line > 0 ? lines[line - 1].strip() : section + ": " + name));
            }
        }
        return new Module("npm", json.path("name").asText(), json.path("name").asText(), null, dir, path, references);
    }

    private static Module go(String path, String dir, String text) {
        String module = null;
        List<Reference> references = new ArrayList<>();
        boolean block = false;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceAll("//.*", "").strip();
            if (line.startsWith("module ")) {
                module = unquote(line.substring(7).strip());
            } else if (line.startsWith("require (") || line.equals("require(")) {
                block = true;
            } else if (block && line.startsWith(")")) {
                block = false;
            } else if (block || line.startsWith("require ")) {
                String spec = block ? line : line.substring(8).strip();
                String[] parts = spec.split("\\s+");
                if (!parts[0].isEmpty()) {
                    references.add(new Reference(Link.DEPENDS, unquote(parts[0]), null, i + 1, lines[i].strip()));
                }
            }
        }
        return module == null ? null : new Module("go", module, module, null, dir, path, references);
    }

    private static Module cargo(String path, String dir, String text) {
        String name = null;
        String section = "";
        List<Reference> references = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        Pattern key = Pattern.compile("^([A-Za-z0-9_-]+)(?:\\.workspace)?\\s*=\\s*(.*)$");
        Pattern renamed = Pattern.compile("package\\s*=\\s*\"([^\"]+)\"");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceAll("#.*", "").strip();
            if (line.startsWith("[")) {
                section = line.replaceAll("[\\[\\]\\s]", "");
                Matcher table = Pattern.compile("^(?:target\\..*\\.)?(?:dev-|build-)?dependencies\\.([A-Za-z0-9_-]+)$")
                        .matcher(section);
                if (table.matches()) {
                    references.add(new Reference(Link.DEPENDS, table.group(1), null, i + 1, line));
                }
                continue;
            }
            Matcher m = key.matcher(line);
            if (!m.matches()) {
                continue;
            }
            if (section.equals("package") && m.group(1).equals("name")) {
                name = unquote(m.group(2));
            } else if (section.matches("^(?:target\\..*\\.)?(?:dev-|build-)?dependencies$")) {
                Matcher r = renamed.matcher(m.group(2));
                references.add(new Reference(Link.DEPENDS, r.find() ? r.group(1) : m.group(1), null, i + 1, line));
            }
        }
        return name == null ? null : new Module("cargo", name, name, null, dir, path, references);
    }

    private static Module python(String path, String dir, String text) {
        String name = null;
        String section = "";
        List<Reference> references = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        boolean inList = false;
        Pattern quoted = Pattern.compile("[\"']([A-Za-z0-9][A-Za-z0-9._-]*)");
        if (base(path).equals("setup.py")) {
            Matcher m = Pattern.compile("\\bname\\s*=\\s*['\"]([^'\"]+)['\"]").matcher(text);
            return m.find() ? new Module("python", m.group(1), m.group(1), null, dir, path, List.of()) : null;
        }
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceAll("#.*", "").strip();
            if (line.startsWith("[")) {
                section = line.replaceAll("[\\[\\]\\s]", "");
                inList = false;
                continue;
            }
            if (inList) {
                Matcher q = quoted.matcher(line);
                while (q.find()) {
                    references.add(new Reference(Link.DEPENDS, q.group(1), null, i + 1, line));
                }
                if (line.contains("]")) {
                    inList = false;
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                // setup.cfg's install_requires continuation lines
                if (section.equals("options") && !line.isEmpty() && !references.isEmpty()
                        && references.get(references.size() - 1).text().startsWith("install_requires")) {
                    Matcher q = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9._-]*)").matcher(line);
                    if (q.find()) {
                        references.add(new Reference(Link.DEPENDS, q.group(1), null, i + 1, "install_requires " + line));
                    }
                }
                continue;
            }
            String k = line.substring(0, eq).strip();
            String v = line.substring(eq + 1).strip();
            if (k.equals("name") && (section.equals("project") || section.equals("tool.poetry")
                    || section.equals("metadata"))) {
                name = unquote(v);
            } else if ((section.equals("project") && k.equals("dependencies"))
                    || section.equals("project.optional-dependencies")) {
                Matcher q = quoted.matcher(v);
                while (q.find()) {
                    references.add(new Reference(Link.DEPENDS, q.group(1), null, i + 1, line));
                }
                inList = v.startsWith("[") && !v.contains("]");
            } else if (section.matches("tool\\.poetry(\\.group\\.[^.]+)?\\.(dev-)?dependencies")
                    && !k.equals("python")) {
                references.add(new Reference(Link.DEPENDS, unquote(k), null, i + 1, line));
            } else if (section.equals("options") && k.equals("install_requires")) {
                references.add(new Reference(Link.DEPENDS, "", null, i + 1, "install_requires"));
                Matcher q = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9._-]*)").matcher(v);
                if (q.find()) {
                    references.add(new Reference(Link.DEPENDS, q.group(1), null, i + 1, "install_requires " + v));
                }
            }
        }
        references.removeIf(r -> r.target().isEmpty());
        return name == null ? null : new Module("python", name, name, null, dir, path, references);
    }

    /** A module name as its ecosystem compares them (Cargo and PyPI treat {@code -}, {@code _} alike). */
    static String normal(String kind, String name) {
        return switch (kind) {
            case "cargo" -> name.replace('-', '_');
            case "python" -> name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
            default -> name;
        };
    }

    /** Whether {@code name} is an npm package name, and how it is written in {@code modules}. */
    static Module npmPackage(Map<String, Module> byName, String specifier) {
        String name = specifier.startsWith("@") ? specifier.replaceAll("^(@[^/]+/[^/]+).*", "$1")
                : specifier.replaceAll("/.*", "");
        return byName.get(name);
    }

    private static int lineOf(String[] lines, String needle) {
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle) && lines[i].contains(":") && !lines[i].contains("\"name\"")) {
                return i + 1;
            }
        }
        return 0;
    }

    private static String unquote(String s) {
        String v = s.strip();
        if (v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'"))) {
            int end = v.indexOf(v.charAt(0), 1);
            return end > 0 ? v.substring(1, end) : v.substring(1);
        }
        return v;
    }

    static String base(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** {@code a/./b/../c} as {@code a/c}; null when it leaves the repository. */
    static String normalise(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }
}
