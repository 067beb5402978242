package io.codara.review.internal;

import java.util.LinkedHashMap;
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

import io.codara.api.git.BranchCommits;
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
 * GitHub's review comments of one pull request under {@code /repos/{owner}/{repo}/pulls/{number}/comments}
 * (listed with read access; created and replied to by signed-in readers), and Codara's additions: a thread's
 * {@code resolution} (PUT resolves, DELETE unresolves; the pull request's author, the thread's author or writers)
 * and {@code suggestion/apply}, which commits a comment's suggested change to the head branch (writers of the head
 * repository).
 */
@Component(service = ReviewCommentsResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/pulls/{number: [0-9]+}/comments")
@Produces(MediaType.APPLICATION_JSON)
public final class ReviewCommentsResource {

    private final ReviewAccess access;
    private final ReviewViews views;
    private final PostgresReviews reviews;
    private final PostgresPullRequests pulls;
    private final BranchCommits commits;

    @Activate
    public ReviewCommentsResource(@Reference ReviewAccess access, @Reference ReviewViews views,
            @Reference PostgresReviews reviews, @Reference PostgresPullRequests pulls,
            @Reference BranchCommits commits) {
        this.access = access;
        this.views = views;
        this.reviews = reviews;
        this.pulls = pulls;
        this.commits = commits;
    }

    @GET
    public Page<Map<String, Object>> list(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = views.pull(base, number);
        Page<PostgresReviews.Comment> found = reviews.comments(pull, views.viewer(request),
                PageRequest.of(page, perPage));
        return new Page<>(views.renderer(new ReviewJson(uri.getBaseUri()), base).comments(found.items()),
                found.request(), found.total());
    }

    /** A comment on a line or range of the diff, or (with {@code in_reply_to}) a reply. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, Map<String, Object> body, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = views.pull(base, number);
        long user = views.caller(request);
        String login = ReviewAccess.actor(request).login();
        Bodies.required(body);
        Long inReplyTo = Bodies.id(body, "in_reply_to");
        PostgresReviews.Comment created = inReplyTo != null
                ? reviews.reply(base, pull, inReplyTo, user, login, Bodies.string(body, "body"))
                : reviews.comment(base, pull, user, login, Bodies.string(body, "commit_id"), Bodies.comment(body));
        return created(base, created, uri);
    }

    @POST
    @Path("{id: [0-9]+}/replies")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response reply(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @PathParam("id") long id, Map<String, Object> body,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = views.pull(base, number);
        long user = views.caller(request);
        PostgresReviews.Comment created = reviews.reply(base, pull, id, user, ReviewAccess.actor(request).login(),
                Bodies.string(Bodies.required(body), "body"));
        return created(base, created, uri);
    }

    @PUT
    @Path("{id: [0-9]+}/resolution")
    public Map<String, Object> resolve(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @PathParam("id") long id, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        return resolution(owner, name, number, id, true, request, uri);
    }

    @DELETE
    @Path("{id: [0-9]+}/resolution")
    public Map<String, Object> unresolve(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @PathParam("id") long id, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        return resolution(owner, name, number, id, false, request, uri);
    }

    private Map<String, Object> resolution(String owner, String name, int number, long id, boolean resolved,
            HttpServletRequest request, UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = views.pull(base, number);
        long user = views.caller(request);
        PostgresReviews.Comment comment = reviews.comment(base.id(), id, user)
                .filter(c -> c.pullRequestId() == pull.id()).orElseThrow(ApiException::notFound);
        PostgresReviews.Comment root = reviews.root(base.id(), comment, user);
        if (pull.authorId() != user && root.userId() != user && !access.mayWrite(base, request)) {
            throw new ApiException(403, "Forbidden: only the pull request's author, the thread's author or writers"
                    + " may resolve a conversation");
        }
        return views.renderer(new ReviewJson(uri.getBaseUri()), base)
                .comment(reviews.resolve(base.id(), root, user, resolved));
    }

    /** Commits the comment's {@code suggestion} block to the head branch in place of the commented lines. */
    @POST
    @Path("{id: [0-9]+}/suggestion/apply")
    public Response apply(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @PathParam("id") long id, String entity,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = views.pull(base, number);
        long user = views.caller(request);
        PostgresReviews.Comment comment = reviews.comment(base.id(), id, user)
                .filter(c -> c.pullRequestId() == pull.id()).orElseThrow(ApiException::notFound);
        Map<String, Object> body = Bodies.optional(entity);
        Repository head = access.repository(pull.headRepositoryId());
        if (head == null) {
            throw new ApiException(422, "The head repository no longer exists");
        }
        // As on GitHub: writers of the head repository, and the base's writers when the author lets maintainers modify.
        if (!access.mayWrite(head, request) && !(pull.maintainerCanModify() && access.mayWrite(base, request))) {
            throw new ApiException(403, "Forbidden: only writers of " + head.fullName()
                    + " may apply suggested changes");
        }
        if (!comment.commitId().equals(pull.headSha())) {
            // The comment may not have followed the latest push yet.
            reviews.follow(pull);
            comment = reviews.comment(base.id(), id, user).orElseThrow(ApiException::notFound);
        }
        Map<String, String> files = reviews.applied(pull, comment);
        String message = body != null && Bodies.string(body, "commit_message") != null
                ? Bodies.string(body, "commit_message") : "Apply suggestion from code review";
        String sha = commits.commitFiles(head.id(), pull.headRef(), pull.headSha(), files, message,
                ReviewAccess.principal(request));
        // The push event follows through the outbox; moving the pull request now answers with it up to date.
        pulls.pushed(head.id(), pull.headRef(), sha, ReviewAccess.actor(request).login());
        PullRequest moved = views.pull(base, number);
        reviews.follow(moved);
        ReviewJson json = new ReviewJson(uri.getBaseUri());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sha", sha);
        answer.put("message", message);
        answer.put("html_url", json.web() + head.fullName() + "/commit/" + sha);
        answer.put("comment", views.renderer(json, base)
                .comment(reviews.comment(base.id(), id, user).orElseThrow(ApiException::notFound)));
        return Response.status(201).entity(answer).build();
    }

    private Response created(Repository base, PostgresReviews.Comment created, UriInfo uri) {
        ReviewJson json = new ReviewJson(uri.getBaseUri());
        return Response.status(201).header("Location", uri.getBaseUri() + "repos/" + base.fullName()
                + "/pulls/comments/" + created.id()).entity(views.renderer(json, base).comment(created)).build();
    }
}
