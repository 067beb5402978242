package io.codara.git.internal;

import java.util.ArrayList;
import java.util.HashMap;
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

import io.codara.api.git.Repository;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.rest.PagedObject;
import io.codara.api.security.Principal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /search/repositories?q=&sort=&order=&page=&per_page=}: GitHub's repository search, answering
 * {@code {total_count, incomplete_results, items}} with a {@code Link} header; the work is {@link RepositorySearch}'s.
 */
@Component(service = RepositorySearchResource.class)
@JakartarsResource
@Path("search/repositories")
@Produces(MediaType.APPLICATION_JSON)
public final class RepositorySearchResource {

    private final RepositorySearch search;
    private final RepositoryRoles roles;
    private final Accounts accounts;

    @Activate
    public RepositorySearchResource(@Reference RepositorySearch search, @Reference RepositoryRoles roles,
            @Reference Accounts accounts) {
        this.search = search;
        this.roles = roles;
        this.accounts = accounts;
    }

    @GET
    public Response get(@QueryParam("q") String q, @QueryParam("sort") String sort, @QueryParam("order") String order,
            @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Principal principal = RepositoryResource.principal(request);
        PageRequest pageRequest = PageRequest.of(page, perPage);
        Page<Repository> found = search.search(q, sort, order, principal, pageRequest);
        RepositoryJson json = new RepositoryJson(uri.getBaseUri());
        Map<String, Optional<Account>> owners = new HashMap<>();
        List<Map<String, Object>> items = new ArrayList<>();
        for (Repository repository : found.items()) {
            owners.computeIfAbsent(repository.owner(), accounts::find)
                    .ifPresent(owner -> {
                        Map<String, Object> item = json.of(repository, owner, roles.role(principal, repository));
                        item.put("score", 1.0); // GitHub's relevance; the order already says it
                        items.add(item);
                    });
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total_count", found.total());
        body.put("incomplete_results", false);
        body.put("items", items);
        return Response.ok(new PagedObject(body, pageRequest, Math.min(found.total(), RepositorySearch.MAX_RESULTS)))
                .build();
    }

}
