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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.git.Repository;
import io.codara.api.identity.Account;
import io.codara.api.rest.ApiException;
import io.codara.api.review.Label;
import io.codara.api.review.Labels;
import io.codara.api.review.PullRequest;
import io.codara.api.review.PullRequests;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * GitHub's labels and assignees of an issue number, {@code /repos/{owner}/{repo}/issues/{number}/labels} and
 * {@code .../assignees}; the numbers are pull requests' until Codara has issues. Readers list, writers change.
 * Assignees who may not write to the repository are left out silently, as GitHub does.
 */
@Component(service = IssueLabelsResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/issues/{number: [0-9]+}")
@Produces(MediaType.APPLICATION_JSON)
public final class IssueLabelsResource {

    private final ReviewAccess access;
    private final Labels labels;
    private final PullRequests pulls;
    private final PullRequestViews views;

    @Activate
    public IssueLabelsResource(@Reference ReviewAccess access, @Reference Labels labels, @Reference PullRequests pulls,
            @Reference PullRequestViews views) {
        this.access = access;
        this.labels = labels;
        this.pulls = pulls;
        this.views = views;
    }

    @GET
    @Path("labels")
    public List<Map<String, Object>> list(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = access.repository(owner, name, ReviewAccess.READ, request);
        return json(repository, labels.ofIssue(repository.id(), number), uri);
    }

    @POST
    @Path("labels")
    @Consumes(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> add(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, Object body, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = writable(owner, name, number, request);
        return json(repository, labels.add(repository.id(), number, names(body), ReviewAccess.actor(request)), uri);
    }

    @PUT
    @Path("labels")
    @Consumes(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> set(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, Object body, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = writable(owner, name, number, request);
        return json(repository, labels.set(repository.id(), number, names(body), ReviewAccess.actor(request)), uri);
    }

    @DELETE
    @Path("labels")
    public Response clear(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @Context HttpServletRequest request) {
        Repository repository = writable(owner, name, number, request);
        labels.set(repository.id(), number, List.of(), ReviewAccess.actor(request));
        return Response.noContent().build();
    }

    @DELETE
    @Path("labels/{label}")
    public List<Map<String, Object>> remove(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @PathParam("label") String label, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Repository repository = writable(owner, name, number, request);
        return json(repository, labels.remove(repository.id(), number, label, ReviewAccess.actor(request)), uri);
    }

    @POST
    @Path("assignees")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response assign(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, Map<String, Object> body, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Repository repository = writable(owner, name, number, request);
        labels.assign(repository.id(), number, access.assignable(repository, logins(body)), ReviewAccess.actor(request));
        return Response.status(201).entity(issue(repository, number, uri)).build();
    }

    @DELETE
    @Path("assignees")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> unassign(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, Map<String, Object> body, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Repository repository = writable(owner, name, number, request);
        List<Long> ids = logins(body).stream().map(access::account).filter(a -> a != null).map(Account::id).toList();
        labels.unassign(repository.id(), number, ids, ReviewAccess.actor(request));
        return issue(repository, number, uri);
    }

    private Map<String, Object> issue(Repository repository, int number, UriInfo uri) {
        PullRequest pull = pulls.find(repository.id(), number).orElseThrow(ApiException::notFound);
        return views.single(new ReviewJson(uri.getBaseUri()), repository, pull);
    }

    private Repository writable(String owner, String name, int number, HttpServletRequest request) {
        Repository repository = access.repository(owner, name, ReviewAccess.READ, request);
        ReviewAccess.actor(request);
        pulls.find(repository.id(), number).orElseThrow(ApiException::notFound);
        if (!access.mayWrite(repository, request)) {
            throw new ApiException(403, "Must have push access to change labels and assignees");
        }
        return repository;
    }

    private static List<Map<String, Object>> json(Repository repository, List<Label> found, UriInfo uri) {
        ReviewJson json = new ReviewJson(uri.getBaseUri());
        return found.stream().map(l -> json.label(repository, l)).toList();
    }

    /** GitHub takes {@code {"labels": [...]}}, a bare array, and each label as a name or {@code {"name": ...}}. */
    static List<String> names(Object body) {
        Object list = body instanceof Map<?, ?> map ? map.get("labels") : body;
        if (list == null) {
            return List.of();
        }
        if (!(list instanceof List<?> items)) {
            throw PostgresPullRequests.invalid("labels", "invalid", "labels must be an array");
        }
        List<String> names = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof String s) {
                names.add(s);
            } else if (item instanceof Map<?, ?> m && m.get("name") instanceof String s) {
                names.add(s);
            } else {
                throw PostgresPullRequests.invalid("labels", "invalid", "each label must be a name");
            }
        }
        return names;
    }

    static List<String> logins(Map<String, Object> body) {
        Object list = body == null ? null : body.get("assignees");
        if (list == null) {
            return List.of();
        }
        if (!(list instanceof List<?> items) || items.stream().anyMatch(i -> !(i instanceof String))) {
            throw PostgresPullRequests.invalid("assignees", "invalid", "assignees must be an array of logins");
        }
        return items.stream().map(String.class::cast).toList();
    }
}
