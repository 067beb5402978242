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
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.rest.PageRequest;
import io.codara.api.search.LineMatch;
import io.codara.api.search.SemanticMatch;
import io.codara.api.search.SemanticSearch;
import io.codara.api.search.SemanticSearchResult;
import io.codara.api.search.TextRange;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code GET /search/semantic?q=find auth logic[&repo=owner/name][&per_page=]}: the files that best answer a
 * natural-language question, with their best lines and the words that matched. The work is {@link SemanticSearch}'s.
 */
@Component(service = SemanticSearchResource.class)
@JakartarsResource
@Path("search/semantic")
@Produces(MediaType.APPLICATION_JSON)
public final class SemanticSearchResource {

    private final SemanticSearch search;

    @Activate
    public SemanticSearchResource(@Reference SemanticSearch search) {
        this.search = search;
    }

    @GET
    public Map<String, Object> search(@QueryParam("q") String q, @QueryParam("repo") String repo,
            @QueryParam("per_page") Integer perPage, @Context HttpServletRequest request, @Context UriInfo uri) {
        SemanticSearchResult result = search.search(q, repo, CodeSearchResource.principal(request),
                PageRequest.of(1, perPage).perPage());
        CodeSearchResource.Links links = new CodeSearchResource.Links(uri.getBaseUri());
        List<Map<String, Object>> items = new ArrayList<>();
        for (SemanticMatch m : result.items()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("repository", m.repository());
            item.put("repository_id", m.repositoryId());
            item.put("branch", m.branch());
            item.put("commit", m.commit());
            item.put("path", m.path());
            item.put("language", m.language());
            item.put("score", Math.round(m.score() * 1000) / 1000.0);
            item.put("html_url", links.web + m.repository() + "/blob/" + m.commit() + "/"
                    + CodeSearchResource.encodePath(m.path()));
            List<Map<String, Object>> lines = new ArrayList<>();
            for (LineMatch l : m.lines()) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("line", l.line());
                line.put("text", l.text());
                List<List<Integer>> ranges = new ArrayList<>();
                for (TextRange r : l.highlights()) {
                    ranges.add(List.of(r.start(), r.end()));
                }
                line.put("highlights", ranges);
                lines.add(line);
            }
            item.put("lines", lines);
            item.put("matched_terms", m.matchedTerms());
            items.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ranker", result.ranker());
        body.put("total_count", items.size());
        body.put("items", items);
        return body;
    }
}
