package io.codara.search.internal.dependencies;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * .NET project files ({@code *.csproj}, {@code *.fsproj}, {@code *.vbproj}) and central package management's
 * {@code Directory.Packages.props}: {@code PackageReference} and {@code PackageVersion} items with the version as an
 * attribute or a child element; read with StAX, DTDs and external entities off.
 */
final class DotnetProjectParser implements ManifestParser {

    private static final Logger LOG = LoggerFactory.getLogger(DotnetProjectParser.class);

    private final XMLInputFactory factory;

    DotnetProjectParser() {
        factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    }

    @Override
    public boolean reads(String path) {
        String name = ManifestText.fileName(path).toLowerCase(Locale.ROOT);
        return name.endsWith(".csproj") || name.endsWith(".fsproj") || name.endsWith(".vbproj")
                || name.equals("directory.packages.props");
    }

    @Override
    public List<Dependency> parse(String path, String content) {
        List<Dependency> result = new ArrayList<>();
        try {
            XMLStreamReader xml = factory.createXMLStreamReader(new StringReader(content));
            try {
                String name = null;
                String version = null;
                String scope = null;
                int line = 0;
                String child = null;
                StringBuilder text = new StringBuilder();
                while (xml.hasNext()) {
                    int event = xml.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        String element = xml.getLocalName();
                        if (element.equals("PackageReference") || element.equals("PackageVersion")) {
                            name = attribute(xml, "Include");
                            name = name == null ? attribute(xml, "Update") : name;
                            version = attribute(xml, "Version");
                            version = version == null ? attribute(xml, "VersionOverride") : version;
                            // Analyzers and build tools are referenced with PrivateAssets="all".
                            scope = "all".equalsIgnoreCase(attribute(xml, "PrivateAssets")) ? "build" : "runtime";
                            line = xml.getLocation().getLineNumber();
                        } else if (name != null) {
                            child = element;
                            text.setLength(0);
                        }
                    } else if (event == XMLStreamConstants.CHARACTERS && child != null) {
                        text.append(xml.getText());
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        String element = xml.getLocalName();
                        if (element.equals("PackageReference") || element.equals("PackageVersion")) {
                            if (name != null) {
                                version = ManifestText.trimToNull(version);
                                boolean exact = version != null && !IntervalNotation.looksLikeInterval(version)
                                        && !version.contains("*") && !version.contains("$(");
                                result.add(new Dependency("nuget", name, version, exact ? version : null, scope, path,
                                        line));
                            }
                            name = null;
                        } else if (name != null && element.equals(child)) {
                            if (element.equals("Version")) {
                                version = text.toString().trim();
                            } else if (element.equals("PrivateAssets") && text.toString().trim().equalsIgnoreCase("all")) {
                                scope = "build";
                            }
                            child = null;
                        }
                    }
                }
            } finally {
                xml.close();
            }
        } catch (XMLStreamException | RuntimeException malformed) {
            LOG.debug("{} is no readable project file: {}", path, malformed.getMessage());
            return result;
        }
        return result;
    }

    private static String attribute(XMLStreamReader xml, String name) {
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            if (xml.getAttributeLocalName(i).equals(name)) {
                return xml.getAttributeValue(i);
            }
        }
        return null;
    }
}
