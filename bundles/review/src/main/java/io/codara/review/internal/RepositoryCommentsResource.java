package io.codara.review.internal;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * GitHub's commit comments by id under {@code /repos/{owner}/{repo}/comments}: all of a repository's (read access),
 * one, edited and deleted (by its author or writers), and its reactions (added by signed-in readers, deleted by
 * whoever reacted). An archived repository refuses every change with a 403, as GitHub does.
 */
@Component(service = RepositoryCommentsResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/comments")
@Produces(MediaType.APPLICATION_JSON)
public final class RepositoryCommentsResource {

    private final ReviewAccess access;
    private final ReviewViews views;
    private final PostgresCommitComments comments;
    private final PostgresReviews reviews;

    @Activate
    public RepositoryCommentsResource(@Reference ReviewAccess access, @Reference ReviewViews views,
            @Reference PostgresCommitComments comments, @Reference PostgresReviews reviews) {
        this.access = access;
        this.views = views;
        this.comments = comments;
        this.reviews = reviews;
    }

    @GET
    public Page<Map<String, Object>> list(@PathParam("owner") String owner, @PathParam("repo") String name,
            @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = access.repository(owner, name, ReviewAccess.READ, request);
        Page<PostgresCommitComments.CommitComment> found = comments.list(repository.id(),
                PageRequest.of(page, perPage));
        return new Page<>(views.renderer(new ReviewJson(uri.getBaseUri()), repository).commitComments(found.items()),
                found.request(), found.total());
    }

    @GET
    @Path("{id: [0-9]+}")
    public Map<String, Object> get(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("id") long id, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = access.repository(owner, name, ReviewAccess.READ, request);
        return views.renderer(new ReviewJson(uri.getBaseUri()), repository)
                .commitComment(comments.find(repository.id(), id).orElseThrow(ApiException::notFound));
    }

    @PATCH
    @Path("{id: [0-9]+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> edit(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("id") long id, Map<String, Object> body, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Repository repository = access.repository(owner, name, ReviewAccess.READ, request);
        long user = views.caller(request);
        PostgresCommitComments.CommitComment comment = own(repository, id, user, request);
        ReviewViews.Renderer renderer = views.renderer(new ReviewJson(uri.getBaseUri()), repository);
        return renderer.commitComment(comments.edit(comment,
                CommitCommentsResource.string(Bodies.required(body), "body"),
                (action, c) -> renderer.commitCommentEvent(action, c, user)));
    }

    @DELETE
    @Path("{id: [0-9]+}")
    public Response delete(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("id") long id, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = access.repository(owner, name, ReviewAccess.READ, request);
        long user = views.caller(request);
        PostgresCommitComments.CommitComment comment = own(repository, id, user, request);
        ReviewViews.Renderer renderer = views.renderer(new ReviewJson(uri.getBaseUri()), repository);
        comments.delete(comment, (action, c) -> renderer.commitCommentEvent(action, c, user));
        return Response.noContent().build();
    }

    @GET
    @Path("{id: [0-9]+}/reactions")
    public Page<Map<String, Object>> reactions(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("id") long id, @QueryParam("content") String content, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = access.repository(owner, name, ReviewAccess.READ, request);
        comments.find(repository.id(), id).orElseThrow(ApiException::notFound);
        return Reactions.list(reviews, views.renderer(new ReviewJson(uri.getBaseUri()), repository),
                PostgresCommitComments.REACTIONS, id, content, page, perPage);
    }

    @POST
    @Path("{id: [0-9]+}/reactions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response react(@PathParam("owner") String owner, @PathParam("repo") String name, @PathParam("id") long id,
            Map<String, Object> body, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = access.repository(owner, name, ReviewAccess.READ, request);
        long user = views.caller(request);
        comments.find(repository.id(), id).orElseThrow(ApiException::notFound);
        requireWritable(repository);
        return Reactions.add(reviews, views.renderer(new ReviewJson(uri.getBaseUri()), repository),
                PostgresCommitComments.REACTIONS, id, user, body);
    }

    @DELETE
    @Path("{id: [0-9]+}/reactions/{reaction: [0-9]+}")
    public Response unreact(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("id") long id, @PathParam("reaction") long reaction, @Context HttpServletRequest request) {
        Repository repository = access.repository(owner, name, ReviewAccess.READ, request);
        long user = views.caller(request);
        comments.find(repository.id(), id).orElseThrow(ApiException::notFound);
        requireWritable(repository);
        return Reactions.delete(reviews, PostgresCommitComments.REACTIONS, id, reaction, user);
    }

    /** A comment the caller may change: their own, or any for writers; 403 in an archived repository. */
    private PostgresCommitComments.CommitComment own(Repository repository, long id, long user,
            HttpServletRequest request) {
        PostgresCommitComments.CommitComment comment = comments.find(repository.id(), id)
                .orElseThrow(ApiException::notFound);
        if (comment.userId() != user && !access.mayWrite(repository, request)) {
            throw new ApiException(403, "Forbidden: only the author or writers may change a comment");
        }
        requireWritable(repository);
        return comment;
    }

    /** GitHub refuses changes to an archived repository's comments and reactions. */
    static void requireWritable(Repository repository) {
        if (repository.archived()) {
            throw new ApiException(403, "Repository was archived so is read-only.");
        }
    }
}
