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

import io.codara.api.rest.PageRequest;
import io.codara.api.search.Expert;
import io.codara.api.search.ExpertSearch;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code GET /search/experts?q=path:src/auth [symbol:Name] [repo:o/r] [org:o]&per_page=}: who changed that code
 * most, recently, in the repositories the caller may read. The work is {@link ExpertSearch}'s.
 */
@Component(service = ExpertSearchResource.class)
@JakartarsResource
@Path("search/experts")
@Produces(MediaType.APPLICATION_JSON)
public final class ExpertSearchResource {

    private final ExpertSearch experts;

    @Activate
    public ExpertSearchResource(@Reference ExpertSearch experts) {
        this.experts = experts;
    }

    @GET
    public Map<String, Object> experts(@QueryParam("q") String q, @QueryParam("per_page") Integer perPage,
            @Context HttpServletRequest request) {
        List<Expert> found = experts.experts(q, CodeSearchResource.principal(request),
                PageRequest.of(1, perPage).perPage());
        List<Map<String, Object>> items = new ArrayList<>();
        for (Expert e : found) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("login", e.login());
            item.put("name", e.name());
            item.put("email", e.email());
            item.put("score", Math.round(e.score() * 100) / 100.0);
            item.put("commits", e.commits());
            item.put("lines_changed", e.linesChanged());
            item.put("last_change", e.lastChange().toString());
            items.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total_count", items.size());
        body.put("items", items);
        return body;
    }
}
