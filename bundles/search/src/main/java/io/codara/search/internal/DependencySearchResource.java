package io.codara.search.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.git.Repositories;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.PageRequest;
import io.codara.api.rest.PagedObject;
import io.codara.api.search.DependencySearch;
import io.codara.api.search.DependentsResult;
import io.codara.api.search.RepositoryDependencies;
import io.codara.api.security.Principal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code GET /search/dependencies?q=<package>[&ecosystem=npm][&range=<4.17.21][&page=&per_page=]}: the repositories
 * the asker may read whose default branch depends on the package, in the search answers' shape ({@code total_count},
 * {@code incomplete_results}, {@code items}, {@code Link} pages), each item with its {@code repository} (as code
 * search gives it), {@code branch, commit} and the matching {@code dependencies}. The range is in the ecosystem's
 * syntax; 422 for a missing name, an unknown ecosystem or an unreadable range. The work is {@link DependencySearch}'s.
 */
@Component(service = DependencySearchResource.class)
@JakartarsResource
@Path("search/dependencies")
@Produces(MediaType.APPLICATION_JSON)
public final class DependencySearchResource {

    private final DependencySearch dependencies;
    private final Repositories repositories;
    private final Accounts accounts;

    @Activate
    public DependencySearchResource(@Reference DependencySearch dependencies, @Reference Repositories repositories,
            @Reference Accounts accounts) {
        this.dependencies = dependencies;
        this.repositories = repositories;
        this.accounts = accounts;
    }

    @GET
    public Response search(@QueryParam("q") String q, @QueryParam("ecosystem") String ecosystem,
            @QueryParam("range") String range, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage, @Context HttpServletRequest request, @Context UriInfo uri) {
        PageRequest pageRequest = PageRequest.of(page, perPage);
        DependentsResult result = dependencies.dependents(q, ecosystem, range,
                Principal.of(request.getAttribute(Principal.REQUEST_ATTRIBUTE)), pageRequest);
        CodeSearchResource.Links links = new CodeSearchResource.Links(uri.getBaseUri());
        List<Map<String, Object>> items = new ArrayList<>();
        for (RepositoryDependencies r : result.items()) {
            Optional<Map<String, Object>> repository = repositories.find(r.repositoryId())
                    .map(found -> CodeSearchResource.repository(found, accounts, links));
            if (repository.isEmpty()) {
                continue; // deleted since the search ran
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("repository", repository.get());
            item.put("branch", r.branch());
            item.put("commit", r.commit());
            item.put("dependencies", RepositoryDependenciesResource.json(r.dependencies()));
            items.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total_count", result.totalCount());
        body.put("incomplete_results", result.incompleteResults());
        body.put("items", items);
        return Response.ok(new PagedObject(body, pageRequest, result.totalCount())).build();
    }
}
