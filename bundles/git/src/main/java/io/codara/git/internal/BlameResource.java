package io.codara.git.internal;

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

import io.codara.api.git.Repository;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /repos/{owner}/{repo}/blame/{ref}/{path}}: Codara's blame, shaped after GitHub's GraphQL blame ranges
 * ({@code starting_line}, {@code ending_line}, {@code age}, {@code commit}) in REST's snake case.
 */
@Component(service = BlameResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/blame")
@Produces(MediaType.APPLICATION_JSON)
public final class BlameResource {

    private final RepositoryAccess access;
    private final RepositoryBlame blame;

    @Activate
    public BlameResource(@Reference RepositoryAccess access, @Reference RepositoryBlame blame) {
        this.access = access;
        this.blame = blame;
    }

    @GET
    @Path("{refAndPath: .+}")
    public Map<String, Object> get(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("refAndPath") String refAndPath, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = access.readable(owner, name, request, uri);
        RepositoryBlame.Blame result = blame.blame(repository, refAndPath);
        String api = uri.getBaseUri() + "repos/" + repository.fullName();
        List<Map<String, Object>> ranges = result.ranges().stream().map(r -> {
            Map<String, Object> author = new LinkedHashMap<>();
            author.put("name", r.commit().authorName());
            author.put("email", r.commit().authorEmail());
            author.put("date", r.commit().authorDate().toString());
            Map<String, Object> commit = new LinkedHashMap<>();
            commit.put("sha", r.commit().sha());
            commit.put("message_headline", r.commit().headline());
            commit.put("author", author);
            commit.put("url", api + "/commits/" + r.commit().sha());
            Map<String, Object> range = new LinkedHashMap<>();
            range.put("starting_line", r.startingLine());
            range.put("ending_line", r.endingLine());
            range.put("age", r.age());
            range.put("original_path", r.originalPath());
            range.put("original_starting_line", r.originalStartingLine());
            range.put("commit", commit);
            return range;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ref", result.ref());
        body.put("sha", result.sha());
        body.put("path", result.path());
        body.put("lines", result.lines());
        body.put("ranges", ranges);
        return body;
    }
}
