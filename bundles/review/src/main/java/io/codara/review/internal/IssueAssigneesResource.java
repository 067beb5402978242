package io.codara.review.internal;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import io.codara.api.review.Labels;
import io.codara.api.review.PullRequests;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * GitHub's assignees of an issue number, {@code /repos/{owner}/{repo}/issues/{number}/assignees}; the numbers are
 * pull requests' until Codara has issues. Writers change them; assignees who may not write to the repository are left
 * out silently, as GitHub does.
 */
@Component(service = IssueAssigneesResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/issues/{number: [0-9]+}/assignees")
@Produces(MediaType.APPLICATION_JSON)
public final class IssueAssigneesResource {

    private final ReviewAccess access;
    private final Labels labels;
    private final PullRequests pulls;
    private final PullRequestViews views;

    @Activate
    public IssueAssigneesResource(@Reference ReviewAccess access, @Reference Labels labels,
            @Reference PullRequests pulls, @Reference PullRequestViews views) {
        this.access = access;
        this.labels = labels;
        this.pulls = pulls;
        this.views = views;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response assign(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, Map<String, Object> body, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Repository repository = IssueLabelsResource.writable(access, pulls, owner, name, number, request);
        labels.assign(repository.id(), number, access.assignable(repository, IssueLabelsResource.logins(body)), ReviewAccess.actor(request));
        return Response.status(201).entity(IssueLabelsResource.issue(pulls, views, repository, number, uri)).build();
    }

    @DELETE
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> unassign(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, Map<String, Object> body, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Repository repository = IssueLabelsResource.writable(access, pulls, owner, name, number, request);
        List<Long> ids = IssueLabelsResource.logins(body).stream().map(access::account).filter(a -> a != null).map(Account::id).toList();
        labels.unassign(repository.id(), number, ids, ReviewAccess.actor(request));
        return IssueLabelsResource.issue(pulls, views, repository, number, uri);
    }
}
