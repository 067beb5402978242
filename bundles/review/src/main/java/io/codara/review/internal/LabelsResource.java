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
import io.codara.api.review.Label;
import io.codara.api.review.Labels;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * GitHub's repository labels, {@code /repos/{owner}/{repo}/labels}: listed and read by readers, created, changed and
 * deleted by writers.
 */
@Component(service = LabelsResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/labels")
@Produces(MediaType.APPLICATION_JSON)
public final class LabelsResource {

    private final ReviewAccess access;
    private final Labels labels;

    @Activate
    public LabelsResource(@Reference ReviewAccess access, @Reference Labels labels) {
        this.access = access;
        this.labels = labels;
    }

    @GET
    public Page<Map<String, Object>> list(@PathParam("owner") String owner, @PathParam("repo") String name,
            @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = access.repository(owner, name, ReviewAccess.READ, request);
        Page<Label> found = labels.list(repository.id(), PageRequest.of(page, perPage));
        ReviewJson json = new ReviewJson(uri.getBaseUri());
        return new Page<>(found.items().stream().map(l -> json.label(repository, l)).toList(), found.request(),
                found.total());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("owner") String owner, @PathParam("repo") String name,
            Map<String, Object> body, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = writable(owner, name, request);
        Map<String, Object> input = body == null ? Map.of() : body;
        Label created = labels.create(repository.id(), text(input, "name"), text(input, "color"),
                text(input, "description"));
        Map<String, Object> json = new ReviewJson(uri.getBaseUri()).label(repository, created);
        return Response.status(201).header("Location", json.get("url")).entity(json).build();
    }

    @GET
    @Path("{name}")
    public Map<String, Object> get(@PathParam("owner") String owner, @PathParam("repo") String repo,
            @PathParam("name") String name, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = access.repository(owner, repo, ReviewAccess.READ, request);
        return labels.find(repository.id(), name).map(l -> new ReviewJson(uri.getBaseUri()).label(repository, l))
                .orElseThrow(ApiException::notFound);
    }

    @PATCH
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> update(@PathParam("owner") String owner, @PathParam("repo") String repo,
            @PathParam("name") String name, Map<String, Object> body, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Repository repository = writable(owner, repo, request);
        Map<String, Object> input = body == null ? Map.of() : body;
        Label updated = labels.update(repository.id(), name, text(input, "new_name"), text(input, "color"),
                text(input, "description"));
        return new ReviewJson(uri.getBaseUri()).label(repository, updated);
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("owner") String owner, @PathParam("repo") String repo,
            @PathParam("name") String name, @Context HttpServletRequest request) {
        Repository repository = writable(owner, repo, request);
        if (!labels.delete(repository.id(), name)) {
            throw ApiException.notFound();
        }
        return Response.noContent().build();
    }

    private Repository writable(String owner, String name, HttpServletRequest request) {
        Repository repository = access.repository(owner, name, ReviewAccess.READ, request);
        ReviewAccess.actor(request);
        if (!access.mayWrite(repository, request)) {
            throw new ApiException(403, "Must have push access to change labels");
        }
        return repository;
    }

    static String text(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value != null && !(value instanceof String)) {
            throw PostgresPullRequests.invalid(field, "invalid", field + " must be a string");
        }
        return (String) value;
    }
}
