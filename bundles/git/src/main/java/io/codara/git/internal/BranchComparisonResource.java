package io.codara.git.internal;

import java.util.ArrayList;
import java.util.Arrays;
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

import io.codara.api.git.Repository;
import io.codara.api.rest.PagedObject;
import io.codara.api.rest.PageRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /repos/{owner}/{repo}/compare-branches?base=main&heads=a,b,c}: Codara's multi-branch comparison (every
 * branch when {@code heads} is left out, paged with GitHub's {@code page}/{@code per_page} and {@code Link}).
 * Not under {@code branches/}, where it would hide a branch named {@code compare}.
 */
@Component(service = BranchComparisonResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/compare-branches")
@Produces(MediaType.APPLICATION_JSON)
public final class BranchComparisonResource {

    private final RepositoryAccess access;
    private final BranchComparison comparison;

    @Activate
    public BranchComparisonResource(@Reference RepositoryAccess access, @Reference BranchComparison comparison) {
        this.access = access;
        this.comparison = comparison;
    }

    @GET
    public Response get(@PathParam("owner") String owner, @PathParam("repo") String name,
            @QueryParam("base") String base, @QueryParam("heads") List<String> heads, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = access.readable(owner, name, request, uri);
        List<String> named = new ArrayList<>();
        if (heads != null) {
            // heads=a,b and heads=a&heads=b both work.
            heads.forEach(h -> Arrays.stream(h.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(named::add));
        }
        BranchComparison.Result result = comparison.compare(repository, base, named, PageRequest.of(page, perPage));
        String api = uri.getBaseUri() + "repos/" + repository.fullName();
        List<Map<String, Object>> items = result.heads().items().stream().map(h -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", h.name());
            m.put("sha", h.sha());
            m.put("ahead_by", h.aheadBy());
            m.put("behind_by", h.behindBy());
            m.put("counts_truncated", h.countsTruncated());
            m.put("mergeable", h.mergeable());
            m.put("conflicting_paths", h.conflicts());
            m.put("committed_at", h.committedAt().toString());
            m.put("compare_url", api + "/compare/" + result.base() + "..." + h.name());
            return m;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("base", result.base());
        body.put("base_sha", result.baseSha());
        body.put("total_count", result.heads().total());
        body.put("branches", items);
        body.put("missing", result.missing());
        return Response.ok(new PagedObject(body, result.heads().request(), result.heads().total())).build();
    }

}
