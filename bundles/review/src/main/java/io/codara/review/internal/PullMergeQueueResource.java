package io.codara.review.internal;

import java.util.List;
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

import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;
import io.codara.api.review.PullRequest;
import io.codara.api.review.PullRequests;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * A pull request's place in its base branch's merge queue: {@code GET/PUT/DELETE /repos/{o}/{r}/pulls/{n}/merge-queue}
 * (reading needs read access; entering needs write access; leaving the author or writers).
 */
@Component(service = PullMergeQueueResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/pulls/{number: [0-9]+}/merge-queue")
@Produces(MediaType.APPLICATION_JSON)
public final class PullMergeQueueResource {

    private final ReviewAccess access;
    private final PullRequests pulls;
    private final PostgresPullRequests store;
    private final MergeQueue queue;

    @Activate
    public PullMergeQueueResource(@Reference ReviewAccess access, @Reference PullRequests pulls,
            @Reference PostgresPullRequests store, @Reference MergeQueue queue) {
        this.access = access;
        this.pulls = pulls;
        this.store = store;
        this.queue = queue;
    }

    @GET
        public Map<String, Object> get(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = pulls.find(base.id(), number).orElseThrow(ApiException::notFound);
        MergeQueue.Entry entry = queue.activeEntry(pull.id()).orElseThrow(ApiException::notFound);
        Map<String, Object> json = MergeQueueResource.entry(access, store, uri, base, entry);
        if (entry.active()) {
            List<MergeQueue.Entry> active = queue.entries(base.id(), entry.baseRef(), 0);
            json.put("position", active.stream().map(MergeQueue.Entry::id).toList().indexOf(entry.id()) + 1);
        }
        return json;
    }

    @PUT
        public Response enqueue(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = pulls.find(base.id(), number).orElseThrow(ApiException::notFound);
        if (!access.mayWrite(base, request)) {
            throw new ApiException(403, "Forbidden: adding to the merge queue needs write access");
        }
        MergeQueue.Entry entry = queue.enqueue(base, pull, ReviewAccess.principal(request));
        return Response.status(201).entity(MergeQueueResource.entry(access, store, uri, base, entry)).build();
    }

    @DELETE
        public Response dequeue(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @Context HttpServletRequest request) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = pulls.find(base.id(), number).orElseThrow(ApiException::notFound);
        access.requireAuthorOrWriter(base, pull, request);
        if (!queue.dequeue(pull, ReviewAccess.principal(request))) {
            throw ApiException.notFound();
        }
        return Response.noContent().build();
    }
}
