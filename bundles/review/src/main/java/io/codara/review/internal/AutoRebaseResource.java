package io.codara.review.internal;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.auth.Scopes;
import io.codara.api.git.Repository;
import io.codara.api.identity.Account;
import io.codara.api.rest.ApiException;
import io.codara.api.review.AutoRebase;
import io.codara.api.review.PullRequest;
import io.codara.api.review.PullRequests;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * Codara's auto-rebase of a pull request: {@code GET/PUT/DELETE /repos/{o}/{r}/pulls/{n}/auto-rebase}. Reading needs
 * read access (404 while it is not enabled); enabling and disabling need the pull request's author or someone who may
 * push to its head branch (write access to the head repository, or to the base when a fork allows edits by
 * maintainers).
 */
@Component(service = AutoRebaseResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/pulls/{number: [0-9]+}/auto-rebase")
@Produces(MediaType.APPLICATION_JSON)
public final class AutoRebaseResource {

    private final ReviewAccess access;
    private final PullRequests pulls;
    private final AutoRebaser rebaser;
    private final PullRequestViews views;

    @Activate
    public AutoRebaseResource(@Reference ReviewAccess access, @Reference PullRequests pulls,
            @Reference AutoRebaser rebaser, @Reference PullRequestViews views) {
        this.access = access;
        this.pulls = pulls;
        this.rebaser = rebaser;
        this.views = views;
    }

    @GET
    public Map<String, Object> get(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = pulls.find(base.id(), number).orElseThrow(ApiException::notFound);
        AutoRebase auto = rebaser.autoRebaseOf(pull.id()).orElseThrow(ApiException::notFound);
        return views.autoRebase(new ReviewJson(uri.getBaseUri()), auto);
    }

    @PUT
    public Map<String, Object> enable(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        var actor = ReviewAccess.actor(request);
        PullRequest pull = pulls.find(base.id(), number).orElseThrow(ApiException::notFound);
        requireAllowed(pull, request, "enable");
        AutoRebase auto = rebaser.enable(base.id(), number, actor);
        return views.autoRebase(new ReviewJson(uri.getBaseUri()), auto);
    }

    @DELETE
    public Response disable(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @Context HttpServletRequest request) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        var actor = ReviewAccess.actor(request);
        PullRequest pull = pulls.find(base.id(), number).orElseThrow(ApiException::notFound);
        requireAllowed(pull, request, "disable");
        rebaser.disable(base.id(), number, actor);
        return Response.noContent().build();
    }

    private void requireAllowed(PullRequest pull, HttpServletRequest request, String verb) {
        var principal = ReviewAccess.principal(request);
        // The author's own right counts only for a token that may write at all, as for reviews and comments.
        ReviewAccess.requireWriteScope(request);
        Account author = access.account(pull.authorId());
        boolean isAuthor = author != null && author.login().equalsIgnoreCase(principal.login());
        if (!isAuthor && !rebaser.mayPushHead(principal, pull)) {
            throw new ApiException(403, "Must be the pull request's author or have push access to its head branch"
                    + " to " + verb + " auto-rebase");
        }
    }
}
