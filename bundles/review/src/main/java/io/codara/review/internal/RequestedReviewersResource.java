package io.codara.review.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.git.Repository;
import io.codara.api.identity.Account;
import io.codara.api.rest.ApiError;
import io.codara.api.rest.ApiException;
import io.codara.api.review.PullRequest;
import io.codara.api.review.PullRequests;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /repos/{owner}/{repo}/pulls/{number}/requested_reviewers}: who is asked to review (read access), asking
 * and withdrawing (the author or writers); only collaborators (who may write) can be asked. Teams are not
 * supported yet: a non-empty {@code team_reviewers} is a 422.
 */
@Component(service = RequestedReviewersResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/pulls/{number: [0-9]+}/requested_reviewers")
@Produces(MediaType.APPLICATION_JSON)
public final class RequestedReviewersResource {

    private final ReviewAccess access;
    private final PullRequests pulls;
    private final PullRequestViews views;

    @Activate
    public RequestedReviewersResource(@Reference ReviewAccess access, @Reference PullRequests pulls,
            @Reference PullRequestViews views) {
        this.access = access;
        this.pulls = pulls;
        this.views = views;
    }

    @GET
    public Map<String, Object> list(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = pulls.find(base.id(), number).orElseThrow(ApiException::notFound);
        ReviewJson json = new ReviewJson(uri.getBaseUri());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("users", views.reviewers(base, pull).stream().map(json::user).toList());
        body.put("teams", List.of());
        return body;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response request(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, Map<String, Object> body, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = pulls.find(base.id(), number).orElseThrow(ApiException::notFound);
        access.requireAuthorOrWriter(base, pull, request);
        List<Account> reviewers = reviewers(body);
        for (Account reviewer : reviewers) {
            if (!access.collaborator(base, reviewer)) {
                throw new ApiException(422, "Reviews may only be requested from collaborators. One or more of the"
                        + " users or teams you specified is not a collaborator of the " + base.fullName()
                        + " repository.");
            }
        }
        pulls.requestReviewers(base.id(), number, reviewers.stream().map(Account::id).toList(),
                ReviewAccess.actor(request));
        ReviewJson json = new ReviewJson(uri.getBaseUri());
        return Response.status(201).entity(views.single(json, base, pulls.find(base.id(), number).orElseThrow()))
                .build();
    }

    @DELETE
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> remove(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, Map<String, Object> body, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = pulls.find(base.id(), number).orElseThrow(ApiException::notFound);
        access.requireAuthorOrWriter(base, pull, request);
        pulls.removeReviewers(base.id(), number, reviewers(body).stream().map(Account::id).toList(),
                ReviewAccess.actor(request));
        return views.single(new ReviewJson(uri.getBaseUri()), base, pulls.find(base.id(), number).orElseThrow());
    }

    /** GitHub's body: {@code reviewers} (logins) and {@code team_reviewers}; unknown logins are a 422. */
    private List<Account> reviewers(Map<String, Object> body) {
        if (body == null) {
            throw new ApiException(400, "Problems parsing JSON");
        }
        if (body.get("team_reviewers") instanceof List<?> teams && !teams.isEmpty()) {
            throw PostgresPullRequests.invalid("team_reviewers", "invalid", "team reviewers are not supported");
        }
        if (!(body.get("reviewers") instanceof List<?> logins) || logins.isEmpty()) {
            throw PostgresPullRequests.invalid("reviewers", "missing_field", "reviewers must list at least one login");
        }
        List<Account> accounts = new ArrayList<>();
        for (Object login : logins) {
            Account account = login instanceof String s ? access.account(s) : null;
            if (account == null || account.organization()) {
                throw new ApiException(422, "Validation Failed", List.of(new ApiError.FieldError("PullRequest",
                        "reviewers", "invalid", "Could not resolve to a user with the login of '" + login + "'.")));
            }
            if (!accounts.contains(account)) {
                accounts.add(account);
            }
        }
        return accounts;
    }
}
