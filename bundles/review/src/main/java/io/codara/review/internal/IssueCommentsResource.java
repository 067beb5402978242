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
 * GitHub's issue endpoints for the conversation of pull requests under {@code /repos/{owner}/{repo}/issues}: the
 * comments of a pull request's number and their reactions, and the reactions of the pull request itself. Codara has
 * no issues yet, so a number that is not a pull request is a 404.
 */
@Component(service = IssueCommentsResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/issues")
@Produces(MediaType.APPLICATION_JSON)
public final class IssueCommentsResource {

    private final ReviewAccess access;
    private final ReviewViews views;
    private final PostgresReviews reviews;

    @Activate
    public IssueCommentsResource(@Reference ReviewAccess access, @Reference ReviewViews views,
            @Reference PostgresReviews reviews) {
        this.access = access;
        this.views = views;
        this.reviews = reviews;
    }

    @GET
    @Path("{number: [0-9]+}/comments")
    public Page<Map<String, Object>> list(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = views.pull(base, number);
        Page<PostgresReviews.IssueComment> found = reviews.issueComments(pull, PageRequest.of(page, perPage));
        return new Page<>(views.renderer(new ReviewJson(uri.getBaseUri()), base).issueComments(found.items()),
                found.request(), found.total());
    }

    @POST
    @Path("{number: [0-9]+}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, Map<String, Object> body, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = views.pull(base, number);
        long user = views.caller(request);
        PostgresReviews.IssueComment created = reviews.createIssueComment(pull, user,
                Bodies.string(Bodies.required(body), "body"));
        return Response.status(201).header("Location", uri.getBaseUri() + "repos/" + base.fullName()
                + "/issues/comments/" + created.id())
                .entity(views.renderer(new ReviewJson(uri.getBaseUri()), base).issueComment(created)).build();
    }

    @GET
    @Path("comments/{id: [0-9]+}")
    public Map<String, Object> get(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("id") long id, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        return views.renderer(new ReviewJson(uri.getBaseUri()), base)
                .issueComment(reviews.issueComment(base.id(), id).orElseThrow(ApiException::notFound));
    }

    @PATCH
    @Path("comments/{id: [0-9]+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> edit(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("id") long id, Map<String, Object> body, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PostgresReviews.IssueComment comment = own(base, id, request);
        return views.renderer(new ReviewJson(uri.getBaseUri()), base).issueComment(
                reviews.editIssueComment(base.id(), comment, Bodies.string(Bodies.required(body), "body")));
    }

    @DELETE
    @Path("comments/{id: [0-9]+}")
    public Response delete(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("id") long id, @Context HttpServletRequest request) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        reviews.deleteIssueComment(own(base, id, request));
        return Response.noContent().build();
    }

    @GET
    @Path("{number: [0-9]+}/reactions")
    public Page<Map<String, Object>> pullReactions(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @QueryParam("content") String content, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = views.pull(base, number);
        return Reactions.list(reviews, views.renderer(new ReviewJson(uri.getBaseUri()), base), "issue", pull.id(),
                content, page, perPage);
    }

    @POST
    @Path("{number: [0-9]+}/reactions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response reactToPull(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, Map<String, Object> body, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = views.pull(base, number);
        long user = views.caller(request);
        return Reactions.add(reviews, views.renderer(new ReviewJson(uri.getBaseUri()), base), "issue", pull.id(),
                user, body);
    }

    @DELETE
    @Path("{number: [0-9]+}/reactions/{reaction: [0-9]+}")
    public Response unreactToPull(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @PathParam("reaction") long reaction,
            @Context HttpServletRequest request) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = views.pull(base, number);
        return Reactions.delete(reviews, "issue", pull.id(), reaction, views.caller(request));
    }

    @GET
    @Path("comments/{id: [0-9]+}/reactions")
    public Page<Map<String, Object>> commentReactions(@PathParam("owner") String owner,
            @PathParam("repo") String name, @PathParam("id") long id, @QueryParam("content") String content,
            @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        reviews.issueComment(base.id(), id).orElseThrow(ApiException::notFound);
        return Reactions.list(reviews, views.renderer(new ReviewJson(uri.getBaseUri()), base), "issue_comment", id,
                content, page, perPage);
    }

    @POST
    @Path("comments/{id: [0-9]+}/reactions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response reactToComment(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("id") long id, Map<String, Object> body, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        reviews.issueComment(base.id(), id).orElseThrow(ApiException::notFound);
        return Reactions.add(reviews, views.renderer(new ReviewJson(uri.getBaseUri()), base), "issue_comment", id,
                views.caller(request), body);
    }

    @DELETE
    @Path("comments/{id: [0-9]+}/reactions/{reaction: [0-9]+}")
    public Response unreactToComment(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("id") long id, @PathParam("reaction") long reaction, @Context HttpServletRequest request) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        reviews.issueComment(base.id(), id).orElseThrow(ApiException::notFound);
        return Reactions.delete(reviews, "issue_comment", id, reaction, views.caller(request));
    }

    private PostgresReviews.IssueComment own(Repository base, long id, HttpServletRequest request) {
        long user = views.caller(request);
        PostgresReviews.IssueComment comment = reviews.issueComment(base.id(), id).orElseThrow(ApiException::notFound);
        if (comment.userId() != user && !access.mayWrite(base, request)) {
            throw new ApiException(403, "Forbidden: only the author or writers may change a comment");
        }
        return comment;
    }
}
