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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.rest.PageRequest;
import io.codara.api.rest.PagedObject;
import io.codara.api.search.LineMatch;
import io.codara.api.search.ReferenceFile;
import io.codara.api.search.ReferenceSearchResult;
import io.codara.api.search.SymbolMatch;
import io.codara.api.search.SymbolSearch;
import io.codara.api.search.TextRange;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * Code navigation in one repository: {@code GET /repos/{owner}/{repo}/symbols/{name}/definitions?ref=&path=&line=}
 * (go to definition, closest to where the name was clicked first) and
 * {@code GET /repos/{owner}/{repo}/symbols/{name}/references?ref=&page=&per_page=} (find references, by file). The
 * work is {@link SymbolSearch}'s.
 */
@Component(service = RepositorySymbolsResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/symbols/{name}")
@Produces(MediaType.APPLICATION_JSON)
public final class RepositorySymbolsResource {

    private final SymbolSearch symbols;

    @Activate
    public RepositorySymbolsResource(@Reference SymbolSearch symbols) {
        this.symbols = symbols;
    }

    @GET
    @Path("definitions")
    public List<Map<String, Object>> definitions(@PathParam("owner") String owner, @PathParam("repo") String repo,
            @PathParam("name") String name, @QueryParam("ref") String ref, @QueryParam("path") String path,
            @QueryParam("line") Integer line, @Context HttpServletRequest request, @Context UriInfo uri) {
        CodeSearchResource.Links links = new CodeSearchResource.Links(uri.getBaseUri());
        List<Map<String, Object>> out = new ArrayList<>();
        for (SymbolMatch s : symbols.definitions(owner, repo, name, ref, path, line,
                CodeSearchResource.principal(request))) {
            out.add(SymbolSearchResource.json(s, links));
        }
        return out;
    }

    @GET
    @Path("references")
    public Response references(@PathParam("owner") String owner, @PathParam("repo") String repo,
            @PathParam("name") String name, @QueryParam("ref") String ref, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage, @Context HttpServletRequest request, @Context UriInfo uri) {
        PageRequest pageRequest = PageRequest.of(page, perPage);
        ReferenceSearchResult result = symbols.references(owner, repo, name, ref,
                CodeSearchResource.principal(request), pageRequest);
        CodeSearchResource.Links links = new CodeSearchResource.Links(uri.getBaseUri());
        List<Map<String, Object>> files = new ArrayList<>();
        for (ReferenceFile f : result.files()) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("path", f.path());
            file.put("language", f.language());
            file.put("html_url", links.web + result.repository() + "/blob/" + result.commit() + "/"
                    + CodeSearchResource.encodePath(f.path()));
            List<Map<String, Object>> lines = new ArrayList<>();
            for (LineMatch l : f.lines()) {
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
            file.put("lines", lines);
            files.add(file);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("repository", result.repository());
        body.put("branch", result.branch());
        body.put("commit", result.commit());
        body.put("total_count", result.totalCount());
        body.put("file_count", result.fileCount());
        body.put("incomplete_results", result.incompleteResults());
        body.put("files", files);
        return Response.ok(new PagedObject(body, pageRequest, result.fileCount())).build();
    }
}
