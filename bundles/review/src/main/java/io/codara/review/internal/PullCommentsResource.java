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
import io.codara.api.review.PullRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * GitHub's review comments by id under {@code /repos/{owner}/{repo}/pulls/comments}: all of a repository's, one,
 * edited and deleted (by its author or writers), and its reactions (added by signed-in readers, deleted by whoever
 * reacted).
 */
@Component(service = PullCommentsResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/pulls/comments")
@Produces(MediaType.APPLICATION_JSON)
public final class PullCommentsResource {

    private final ReviewAccess access;
    private final ReviewViews views;
    private final PostgresReviews reviews;

    @Activate
    public PullCommentsResource(@Reference ReviewAccess access, @Reference ReviewViews views,
            @Reference PostgresReviews reviews) {
        this.access = access;
        this.views = views;
        this.reviews = reviews;
    }

    @GET
    public Page<Map<String, Object>> list(@PathParam("owner") String owner, @PathParam("repo") String name,
            @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        Page<PostgresReviews.Comment> found = reviews.repositoryComments(base.id(), views.viewer(request),
                PageRequest.of(page, perPage));
        return new Page<>(views.renderer(new ReviewJson(uri.getBaseUri()), base).comments(found.items()),
                found.request(), found.total());
    }

    @GET
    @Path("{id: [0-9]+}")
    public Map<String, Object> get(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("id") long id, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PostgresReviews.Comment comment = reviews.comment(base.id(), id, views.viewer(request))
                .orElseThrow(ApiException::notFound);
        return views.renderer(new ReviewJson(uri.getBaseUri()), base).comment(comment);
    }

    @PATCH
    @Path("{id: [0-9]+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> edit(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("id") long id, Map<String, Object> body, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PostgresReviews.Comment comment = own(base, id, request);
        PullRequest pull = pullOf(base, comment);
        PostgresReviews.Comment edited = reviews.editComment(base, pull, comment,
                Bodies.string(Bodies.required(body), "body"), ReviewAccess.actor(request).login());
        return views.renderer(new ReviewJson(uri.getBaseUri()), base).comment(edited);
    }

    @DELETE
    @Path("{id: [0-9]+}")
    public Response delete(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("id") long id, @Context HttpServletRequest request) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PostgresReviews.Comment comment = own(base, id, request);
        reviews.deleteComment(base, pullOf(base, comment), comment, ReviewAccess.actor(request).login());
        return Response.noContent().build();
    }

    @GET
    @Path("{id: [0-9]+}/reactions")
    public Page<Map<String, Object>> reactions(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("id") long id, @QueryParam("content") String content, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        reviews.comment(base.id(), id, views.viewer(request)).orElseThrow(ApiException::notFound);
        return Reactions.list(reviews, views.renderer(new ReviewJson(uri.getBaseUri()), base), "review_comment", id,
                content, page, perPage);
    }

    @POST
    @Path("{id: [0-9]+}/reactions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response react(@PathParam("owner") String owner, @PathParam("repo") String name, @PathParam("id") long id,
            Map<String, Object> body, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        long user = views.caller(request);
        reviews.comment(base.id(), id, user).orElseThrow(ApiException::notFound);
        return Reactions.add(reviews, views.renderer(new ReviewJson(uri.getBaseUri()), base), "review_comment", id,
                user, body);
    }

    @DELETE
    @Path("{id: [0-9]+}/reactions/{reaction: [0-9]+}")
    public Response unreact(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("id") long id, @PathParam("reaction") long reaction, @Context HttpServletRequest request) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        long user = views.caller(request);
        reviews.comment(base.id(), id, user).orElseThrow(ApiException::notFound);
        return Reactions.delete(reviews, "review_comment", id, reaction, user);
    }

    /** A comment the caller may change: their own, or any for writers. */
    private PostgresReviews.Comment own(Repository base, long id, HttpServletRequest request) {
        long user = views.caller(request);
        PostgresReviews.Comment comment = reviews.comment(base.id(), id, user).orElseThrow(ApiException::notFound);
        if (comment.userId() != user && !access.mayWrite(base, request)) {
            throw new ApiException(403, "Forbidden: only the author or writers may change a comment");
        }
        return comment;
    }

    private PullRequest pullOf(Repository base, PostgresReviews.Comment comment) {
        return views.pull(base, comment.number());
    }
}
