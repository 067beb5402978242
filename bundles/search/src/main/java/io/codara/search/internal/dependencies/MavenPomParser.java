package io.codara.search.internal.dependencies;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maven's {@code pom.xml}: dependencies, dependency management and build plugins, with {@code ${property}} versions
 * resolved from the same pom's properties and project (or parent) version; read with the JDK's StAX parser with DTDs
 * and external entities off, so a pom cannot make the server read files or URLs.
 */
final class MavenPomParser implements ManifestParser {

    private static final Logger LOG = LoggerFactory.getLogger(MavenPomParser.class);
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    /** One {@code <dependency>} or {@code <plugin>} as written. */
    private static final class Declared {
        final Map<String, String> fields = new HashMap<>();
        final int line;
        final String section;
        final int depth;

        Declared(int line, String section, int depth) {
            this.line = line;
            this.section = section;
            this.depth = depth;
        }
    }

    private final XMLInputFactory factory;

    MavenPomParser() {
        factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    }

    @Override
    public boolean reads(String path) {
        String name = ManifestText.fileName(path);
        return name.equals("pom.xml") || name.endsWith(".pom");
    }

    @Override
    public List<Dependency> parse(String path, String content) {
        Map<String, String> properties = new HashMap<>();
        List<Declared> declared = new ArrayList<>();
        try {
            read(content, properties, declared);
        } catch (XMLStreamException | RuntimeException malformed) {
            LOG.debug("{} is no readable pom: {}", path, malformed.getMessage());
            return List.of();
        }
        Map<String, Declared> managed = new LinkedHashMap<>();
        for (Declared d : declared) {
            if (d.section.equals("dependencyManagement")) {
                managed.putIfAbsent(key(d), d);
            }
        }
        List<Dependency> result = new ArrayList<>();
        java.util.Set<String> listed = new java.util.HashSet<>();
        for (Declared d : declared) {
            if (d.section.equals("dependencyManagement") || d.fields.get("artifactId") == null) {
                continue;
            }
            String groupId = d.fields.getOrDefault("groupId",
                    d.section.equals("plugins") ? "org.apache.maven.plugins" : null);
            if (groupId == null) {
                continue;
            }
            String version = d.fields.get("version");
            String scope = d.fields.get("scope");
            Declared management = managed.get(key(d));
            if (management != null) {
                version = version == null ? management.fields.get("version") : version;
                scope = scope == null ? management.fields.get("scope") : scope;
            }
            String name = resolve(groupId, properties) + ":" + resolve(d.fields.get("artifactId"), properties);
            listed.add(name);
            result.add(dependency(name, resolve(version, properties),
                    d.section.equals("plugins") ? "build" : scope(scope, d.fields.get("optional")), path, d.line));
        }
        for (Declared d : managed.values()) {
            String name = resolve(d.fields.get("groupId"), properties) + ":"
                    + resolve(d.fields.get("artifactId"), properties);
            if (d.fields.get("groupId") != null && d.fields.get("artifactId") != null && listed.add(name)) {
                String scope = "import".equals(d.fields.get("scope")) ? "build"
                        : scope(d.fields.get("scope"), d.fields.get("optional"));
                result.add(dependency(name, resolve(d.fields.get("version"), properties), scope, path, d.line));
            }
        }
        return result;
    }

    private static Dependency dependency(String name, String requirement, String scope, String path, int line) {
        // A soft requirement ("2.15.2") is the version Maven uses; a range or an unresolved property is not.
        boolean exact = requirement != null && !requirement.contains("${") && !IntervalNotation.looksLikeInterval(requirement);
        return new Dependency("maven", name, requirement, exact ? requirement : null, scope, path, line);
    }

    private void read(String content, Map<String, String> properties, List<Declared> declared)
            throws XMLStreamException {
        XMLStreamReader xml = factory.createXMLStreamReader(new StringReader(content));
        try {
            Deque<String> elements = new ArrayDeque<>();
            Declared current = null;
            StringBuilder text = new StringBuilder();
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = xml.getLocalName();
                    elements.push(name);
                    text.setLength(0);
                    String parent = elements.size() > 1 ? elements.toArray(new String[0])[1] : "";
                    String grand = elements.size() > 2 ? elements.toArray(new String[0])[2] : "";
                    if (current == null && name.equals("dependency") && parent.equals("dependencies")) {
                        String section = grand.equals("dependencyManagement") ? "dependencyManagement"
                                : grand.equals("project") || grand.equals("profile") ? "dependencies" : null;
                        if (section != null) {
                            current = new Declared(xml.getLocation().getLineNumber(), section, elements.size());
                        }
                    } else if (current == null && name.equals("plugin") && parent.equals("plugins")
                            && grand.equals("build")) {
                        current = new Declared(xml.getLocation().getLineNumber(), "plugins", elements.size());
                    }
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    text.append(xml.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    String name = elements.pop();
                    String parent = elements.isEmpty() ? "" : elements.peek();
                    String value = text.toString().trim();
                    if (current != null && elements.size() == current.depth - 1) {
                        declared.add(current);
                        current = null;
                    } else if (current != null && elements.size() == current.depth) {
                        current.fields.put(name, value);
                    } else if (current == null && parent.equals("properties") && elements.size() == 2) {
                        properties.put(name, value);
                    } else if (current == null && elements.size() == 1 && name.equals("version")) {
                        properties.put("project.version", value);
                    } else if (current == null && elements.size() == 2 && parent.equals("parent")) {
                        properties.put("project.parent." + name, value);
                    } else if (current == null && elements.size() == 1 && name.equals("groupId")) {
                        properties.put("project.groupId", value);
                    }
                    text.setLength(0);
                }
            }
        } finally {
            xml.close();
        }
        properties.putIfAbsent("project.version", properties.get("project.parent.version"));
        properties.putIfAbsent("project.groupId", properties.get("project.parent.groupId"));
        properties.put("version", properties.get("project.version"));
        properties.put("pom.version", properties.get("project.version"));
    }

    private static String key(Declared d) {
        return d.fields.get("groupId") + ":" + d.fields.get("artifactId") + ":" + d.fields.getOrDefault("type", "jar")
                + ":" + d.fields.getOrDefault("classifier", "");
    }

    /** {@code ${name}} replaced from the pom's own properties, repeatedly for properties built of properties. */
    private static String resolve(String value, Map<String, String> properties) {
        if (value == null) {
            return null;
        }
        String result = value;
        for (int round = 0; round < 5 && result.contains("${"); round++) {
            Matcher m = PROPERTY.matcher(result);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String replacement = properties.get(m.group(1));
                m.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? m.group() : replacement));
            }
            m.appendTail(out);
            result = out.toString();
        }
        return ManifestText.trimToNull(result);
    }

    private static String scope(String mavenScope, String optional) {
        if ("true".equals(optional)) {
            return "optional";
        }
        if (mavenScope == null) {
            return "runtime";
        }
        return switch (mavenScope) {
            case "test" -> "test";
            // compile, runtime; provided and system are there at run time, supplied by the container or the JDK.
            default -> "runtime";
        };
    }
}
