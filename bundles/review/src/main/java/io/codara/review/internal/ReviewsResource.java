package io.codara.review.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
 * GitHub's reviews under {@code /repos/{owner}/{repo}/pulls/{number}/reviews}: listed and read with read access
 * (a pending review only by its author), created by any signed-in reader (the pull request's author cannot approve
 * or request changes), edited, submitted and deleted (while pending) by their author, dismissed by writers.
 */
@Component(service = ReviewsResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/pulls/{number: [0-9]+}/reviews")
@Produces(MediaType.APPLICATION_JSON)
public final class ReviewsResource {

    private final ReviewAccess access;
    private final ReviewViews views;
    private final PostgresReviews reviews;

    @Activate
    public ReviewsResource(@Reference ReviewAccess access, @Reference ReviewViews views,
            @Reference PostgresReviews reviews) {
        this.access = access;
        this.views = views;
        this.reviews = reviews;
    }

    @GET
    public Page<Map<String, Object>> list(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = views.pull(base, number);
        Page<PostgresReviews.Review> found = reviews.reviews(pull, views.viewer(request), PageRequest.of(page, perPage));
        return new Page<>(views.renderer(new ReviewJson(uri.getBaseUri()), base).reviews(found.items()),
                found.request(), found.total());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, Map<String, Object> body, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = views.pull(base, number);
        long user = views.caller(request);
        Bodies.required(body);
        List<PostgresReviews.NewComment> comments = new ArrayList<>();
        Object listed = body.get("comments");
        if (listed != null) {
            if (!(listed instanceof List<?> items)) {
                throw PostgresReviews.invalid("comments", "invalid", "comments must be an array");
            }
            for (Object item : items) {
                if (!(item instanceof Map<?, ?> m)) {
                    throw PostgresReviews.invalid("comments", "invalid", "each comment must be an object");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> comment = (Map<String, Object>) m;
                comments.add(Bodies.comment(comment));
            }
        }
        PostgresReviews.Review created = reviews.createReview(base, pull, user, ReviewAccess.actor(request).login(),
                Bodies.string(body, "event"), Bodies.string(body, "body"), Bodies.string(body, "commit_id"),
                comments);
        return Response.ok(views.renderer(new ReviewJson(uri.getBaseUri()), base).review(created)).build();
    }

    @GET
    @Path("{id: [0-9]+}")
    public Map<String, Object> get(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @PathParam("id") long id, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = views.pull(base, number);
        PostgresReviews.Review review = reviews.review(pull, id, views.viewer(request))
                .orElseThrow(ApiException::notFound);
        return views.renderer(new ReviewJson(uri.getBaseUri()), base).review(review);
    }

    @PUT
    @Path("{id: [0-9]+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> update(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @PathParam("id") long id, Map<String, Object> body,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = views.pull(base, number);
        long user = views.caller(request);
        PostgresReviews.Review updated = reviews.updateReview(pull, id, user,
                Bodies.string(Bodies.required(body), "body"));
        return views.renderer(new ReviewJson(uri.getBaseUri()), base).review(updated);
    }

    @DELETE
    @Path("{id: [0-9]+}")
    public Map<String, Object> delete(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @PathParam("id") long id, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = views.pull(base, number);
        long user = views.caller(request);
        return views.renderer(new ReviewJson(uri.getBaseUri()), base).review(reviews.deletePending(pull, id, user));
    }

    @POST
    @Path("{id: [0-9]+}/events")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> submit(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @PathParam("id") long id, Map<String, Object> body,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = views.pull(base, number);
        long user = views.caller(request);
        Bodies.required(body);
        PostgresReviews.Review submitted = reviews.submit(base, pull, id, user, ReviewAccess.actor(request).login(),
                Bodies.string(body, "event"), Bodies.string(body, "body"));
        return views.renderer(new ReviewJson(uri.getBaseUri()), base).review(submitted);
    }

    @PUT
    @Path("{id: [0-9]+}/dismissals")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> dismiss(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @PathParam("id") long id, Map<String, Object> body,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = views.pull(base, number);
        long user = views.caller(request);
        if (!access.mayWrite(base, request)) {
            throw new ApiException(403, "Forbidden: only writers may dismiss a review");
        }
        Bodies.required(body);
        PostgresReviews.Review dismissed = reviews.dismiss(base, pull, id, user, ReviewAccess.actor(request).login(),
                Bodies.string(body, "message"));
        return views.renderer(new ReviewJson(uri.getBaseUri()), base).review(dismissed);
    }

    @GET
    @Path("{id: [0-9]+}/comments")
    public Page<Map<String, Object>> comments(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @PathParam("id") long id, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = views.pull(base, number);
        Page<PostgresReviews.Comment> found = reviews.reviewComments(pull, id, views.viewer(request),
                PageRequest.of(page, perPage));
        return new Page<>(views.renderer(new ReviewJson(uri.getBaseUri()), base).comments(found.items()),
                found.request(), found.total());
    }
}
