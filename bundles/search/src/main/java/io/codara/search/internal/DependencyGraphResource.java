package io.codara.search.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.search.DeclaredDependency;
import io.codara.api.search.DependencySearch;
import io.codara.api.search.RepositoryDependencies;
import io.codara.api.security.Principal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code GET /repos/{owner}/{repo}/dependency-graph/sbom}: GitHub's software bill of materials of the default
 * branch, {@code {"sbom": ...}} with an SPDX 2.3 JSON document: the repository as the described package, each
 * declared package once per version (the resolved version, else the requirement as written) with a
 * {@code pkg:} package URL, and a {@code DEPENDS_ON} relationship from the repository to each. 404 when the
 * repository does not exist or the asker may not read it. The dependencies are {@link DependencySearch}'s.
 */
@Component(service = DependencyGraphResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/dependency-graph")
@Produces(MediaType.APPLICATION_JSON)
public final class DependencyGraphResource {

    private static final Map<String, String> PURL_TYPES = Map.of("npm", "npm", "maven", "maven", "pypi", "pypi",
            "go", "golang", "cargo", "cargo", "nuget", "nuget", "rubygems", "gem");

    private final DependencySearch dependencies;
    private final Clock clock;

    @Activate
    public DependencyGraphResource(@Reference DependencySearch dependencies) {
        this(dependencies, Clock.systemUTC());
    }

    DependencyGraphResource(DependencySearch dependencies, Clock clock) {
        this.dependencies = dependencies;
        this.clock = clock;
    }

    @GET
    @Path("sbom")
    public Map<String, Object> sbom(@PathParam("owner") String owner, @PathParam("repo") String repo,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        RepositoryDependencies found = dependencies.dependencies(owner, repo, null,
                Principal.of(request.getAttribute(Principal.REQUEST_ATTRIBUTE)));
        String web = new CodeSearchResource.Links(uri.getBaseUri()).web;
        Map<String, Object> repository = new LinkedHashMap<>();
        repository.put("SPDXID", "SPDXRef-Repository");
        repository.put("name", found.repository());
        repository.put("versionInfo", found.branch());
        repository.put("downloadLocation", "git+" + web + found.repository());
        repository.put("filesAnalyzed", false);
        List<Map<String, Object>> packages = new ArrayList<>();
        packages.add(repository);
        List<Map<String, Object>> relationships = new ArrayList<>();
        relationships.add(relationship("SPDXRef-DOCUMENT", "SPDXRef-Repository", "DESCRIBES"));
        Map<String, Map<String, Object>> seen = new LinkedHashMap<>();
        for (DeclaredDependency d : found.dependencies()) {
            String version = d.version() != null ? d.version() : d.requirement();
            String key = d.ecosystem() + ":" + d.name() + "@" + version;
            if (seen.containsKey(key)) {
                continue;
            }
            Map<String, Object> pkg = new LinkedHashMap<>();
            String id = "SPDXRef-" + d.ecosystem() + "-" + (seen.size() + 1);
            pkg.put("SPDXID", id);
            pkg.put("name", d.ecosystem() + ":" + d.name());
            if (version != null) {
                pkg.put("versionInfo", version);
            }
            pkg.put("downloadLocation", "NOASSERTION");
            pkg.put("filesAnalyzed", false);
            if (d.version() != null && PURL_TYPES.containsKey(d.ecosystem())) {
                pkg.put("externalRefs", List.of(Map.of("referenceCategory", "PACKAGE-MANAGER",
                        "referenceType", "purl", "referenceLocator", purl(d))));
            }
            seen.put(key, pkg);
            packages.add(pkg);
            relationships.add(relationship("SPDXRef-Repository", id, "DEPENDS_ON"));
        }
        Map<String, Object> sbom = new LinkedHashMap<>();
        sbom.put("spdxVersion", "SPDX-2.3");
        sbom.put("dataLicense", "CC0-1.0");
        sbom.put("SPDXID", "SPDXRef-DOCUMENT");
        sbom.put("name", found.repository());
        sbom.put("documentNamespace", web + found.repository() + "/dependency_graph/sbom-"
                + (found.commit() == null ? "empty" : found.commit()));
        sbom.put("creationInfo", Map.of("creators", List.of("Tool: Codara"),
                "created", Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString()));
        sbom.put("packages", packages);
        sbom.put("relationships", relationships);
        return Map.of("sbom", sbom);
    }

    /** The package URL of a resolved dependency ({@code pkg:maven/group/artifact@1.0}, {@code pkg:npm/%40scope/x@1}). */
    static String purl(DeclaredDependency d) {
        String name = d.name();
        String path;
        if (d.ecosystem().equals("maven") && name.indexOf(':') > 0) {
            path = encode(name.substring(0, name.indexOf(':'))) + "/" + encode(name.substring(name.indexOf(':') + 1));
        } else if (name.startsWith("@") && name.indexOf('/') > 0) {
            path = encode(name.substring(0, name.indexOf('/'))) + "/" + encode(name.substring(name.indexOf('/') + 1));
        } else if (d.ecosystem().equals("go")) {
            path = name; // a module path's slashes are the purl's namespace separators
        } else {
            path = encode(name);
        }
        return "pkg:" + PURL_TYPES.get(d.ecosystem()) + "/" + path + "@" + encode(d.version());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Map<String, Object> relationship(String from, String to, String type) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("spdxElementId", from);
        r.put("relatedSpdxElement", to);
        r.put("relationshipType", type);
        return r;
    }
}
