package io.codara.search.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import io.codara.api.search.DeclaredDependency;
import io.codara.api.search.DependencySearch;
import io.codara.api.search.RepositoryDependencies;
import io.codara.api.security.Principal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code GET /repos/{owner}/{repo}/dependencies[?ref=branch]}: the dependencies the repository's manifests and
 * lockfiles declare on its default branch (or an indexed {@code ref}), Codara's resource (GitHub has none of this
 * shape): {@code repository, branch, commit, total_count} and {@code dependencies}, each with {@code ecosystem, name,
 * requirement} (as written), {@code version} (resolved, from a lockfile), {@code scope, manifest, line}, by manifest
 * and line. 404 when the repository does not exist, the asker may not read it or {@code ref} is not indexed.
 * The work is {@link DependencySearch}'s.
 */
@Component(service = RepositoryDependenciesResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/dependencies")
@Produces(MediaType.APPLICATION_JSON)
public final class RepositoryDependenciesResource {

    private final DependencySearch dependencies;

    @Activate
    public RepositoryDependenciesResource(@Reference DependencySearch dependencies) {
        this.dependencies = dependencies;
    }

    @GET
    public Map<String, Object> list(@PathParam("owner") String owner, @PathParam("repo") String repo,
            @QueryParam("ref") String ref, @Context HttpServletRequest request) {
        RepositoryDependencies found = dependencies.dependencies(owner, repo, ref,
                Principal.of(request.getAttribute(Principal.REQUEST_ATTRIBUTE)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("repository", found.repository());
        body.put("branch", found.branch());
        body.put("commit", found.commit());
        body.put("total_count", found.dependencies().size());
        body.put("dependencies", json(found.dependencies()));
        return body;
    }

    /** Declarations as JSON objects with snake_case names. */
    static List<Map<String, Object>> json(List<DeclaredDependency> declared) {
        List<Map<String, Object>> out = new ArrayList<>(declared.size());
        for (DeclaredDependency d : declared) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("ecosystem", d.ecosystem());
            json.put("name", d.name());
            json.put("requirement", d.requirement());
            json.put("version", d.version());
            json.put("scope", d.scope());
            json.put("manifest", d.manifest());
            json.put("line", d.line());
            out.add(json);
        }
        return out;
    }
}
