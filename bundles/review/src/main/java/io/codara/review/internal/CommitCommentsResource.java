package io.codara.review.internal;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.git.Repository;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * GitHub's comments of one commit under {@code /repos/{owner}/{repo}/commits/{commit_sha}/comments}: listed with
 * read access, created by signed-in readers on a line of the commit's diff or on the whole commit (not in an
 * archived repository).
 */
@Component(service = CommitCommentsResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/commits/{sha: [^/]+}/comments")
@Produces(MediaType.APPLICATION_JSON)
public final class CommitCommentsResource {

    private final ReviewAccess access;
    private final ReviewViews views;
    private final PostgresCommitComments comments;

    @Activate
    public CommitCommentsResource(@Reference ReviewAccess access, @Reference ReviewViews views,
            @Reference PostgresCommitComments comments) {
        this.access = access;
        this.views = views;
        this.comments = comments;
    }

    @GET
    public Page<Map<String, Object>> list(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("sha") String sha, @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = access.repository(owner, name, ReviewAccess.READ, request);
        String commit = comments.commit(repository, sha);
        Page<PostgresCommitComments.CommitComment> found = comments.list(repository.id(), commit,
                PageRequest.of(page, perPage));
        return new Page<>(views.renderer(new ReviewJson(uri.getBaseUri()), repository).commitComments(found.items()),
                found.request(), found.total());
    }

    /** {@code body}, and {@code path} with {@code line} and/or {@code position} for a comment on a line. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("sha") String sha, Map<String, Object> body, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Repository repository = access.repository(owner, name, ReviewAccess.READ, request);
        long user = views.caller(request);
        RepositoryCommentsResource.requireWritable(repository);
        Bodies.required(body);
        ReviewViews.Renderer renderer = views.renderer(new ReviewJson(uri.getBaseUri()), repository);
        PostgresCommitComments.CommitComment created = comments.create(repository, sha, user,
                new PostgresCommitComments.NewCommitComment(string(body, "body"), string(body, "path"),
                        integer(body, "position"), integer(body, "line")),
                (action, comment) -> renderer.commitCommentEvent(action, comment, user));
        return Response.status(201).header("Location", uri.getBaseUri() + "repos/" + repository.fullName()
                + "/comments/" + created.id()).entity(renderer.commitComment(created)).build();
    }

    static String string(Map<String, Object> body, String field) {
        return Bodies.string(body, field, "CommitComment");
    }

    static Integer integer(Map<String, Object> body, String field) {
        return Bodies.integer(body, field, "CommitComment");
    }
}
