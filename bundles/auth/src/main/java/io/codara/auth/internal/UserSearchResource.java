package io.codara.auth.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.identity.Account;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.rest.PagedObject;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /search/users?q=&sort=joined&order=&page=&per_page=}: GitHub's user search, answering
 * {@code {total_count, incomplete_results, items}} (simple users with {@code score}, and {@code name} for
 * Codara's UI) with a {@code Link} header; the work is {@link UserSearch}'s.
 */
@Component(service = UserSearchResource.class)
@JakartarsResource
@Path("search/users")
@Produces(MediaType.APPLICATION_JSON)
public final class UserSearchResource {

    private final UserSearch search;

    @Activate
    public UserSearchResource(@Reference UserSearch search) {
        this.search = search;
    }

    @GET
    public Response get(@QueryParam("q") String q, @QueryParam("sort") String sort, @QueryParam("order") String order,
            @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        PageRequest pageRequest = PageRequest.of(page, perPage);
        Page<Account> found = search.search(q, sort, order, Caller.of(request).principal(), pageRequest);
        Shapes shapes = new Shapes(uri.getBaseUri());
        List<Map<String, Object>> items = new ArrayList<>();
        for (Account account : found.items()) {
            Map<String, Object> item = shapes.simple(account);
            item.put("name", account.name());
            item.put("score", 1.0); // GitHub's relevance; the order already says it
            items.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total_count", found.total());
        body.put("incomplete_results", false);
        body.put("items", items);
        return Response.ok(new PagedObject(body, pageRequest, Math.min(found.total(), UserSearch.MAX_RESULTS))).build();
    }

}
