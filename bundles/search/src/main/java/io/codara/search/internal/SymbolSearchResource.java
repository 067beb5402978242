package io.codara.search.internal;

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

import io.codara.api.rest.PageRequest;
import io.codara.api.rest.PagedObject;
import io.codara.api.search.SymbolMatch;
import io.codara.api.search.SymbolSearch;
import io.codara.api.search.SymbolSearchResult;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code GET /search/symbols?q=name [kind:] [lang:] [repo:] [org:] [path:]}: symbol definitions across the
 * repositories the caller may read, in the shape of a GitHub search answer ({@code total_count},
 * {@code incomplete_results}, {@code items}, {@code Link}). The work is {@link SymbolSearch}'s.
 */
@Component(service = SymbolSearchResource.class)
@JakartarsResource
@Path("search/symbols")
@Produces(MediaType.APPLICATION_JSON)
public final class SymbolSearchResource {

    private final SymbolSearch symbols;

    @Activate
    public SymbolSearchResource(@Reference SymbolSearch symbols) {
        this.symbols = symbols;
    }

    @GET
    public Response search(@QueryParam("q") String q, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage, @Context HttpServletRequest request, @Context UriInfo uri) {
        PageRequest pageRequest = PageRequest.of(page, perPage);
        SymbolSearchResult result = symbols.search(q, CodeSearchResource.principal(request), pageRequest);
        CodeSearchResource.Links links = new CodeSearchResource.Links(uri.getBaseUri());
        List<Map<String, Object>> items = new ArrayList<>();
        for (SymbolMatch s : result.items()) {
            items.add(json(s, links));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total_count", result.totalCount());
        body.put("incomplete_results", result.incompleteResults());
        body.put("items", items);
        return Response.ok(new PagedObject(body, pageRequest, Math.min(result.totalCount(), IndexedCodeSearch.MAX_RESULTS)))
                .build();
    }

    /** A definition as the symbol endpoints answer it. */
    static Map<String, Object> json(SymbolMatch s, CodeSearchResource.Links links) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", s.name());
        item.put("kind", s.kind());
        item.put("container", s.container());
        item.put("signature", s.signature());
        item.put("repository", s.repository());
        item.put("repository_id", s.repositoryId());
        item.put("branch", s.branch());
        item.put("commit", s.commit());
        item.put("path", s.path());
        item.put("line", s.line());
        item.put("language", s.language());
        item.put("html_url", links.web + s.repository() + "/blob/" + s.commit() + "/"
                + CodeSearchResource.encodePath(s.path()) + "#L" + s.line());
        return item;
    }
}
