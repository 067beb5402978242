package io.codara.ci.internal;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code /repos/{owner}/{repo}/actions/jobs/{id}} and its logs, readable from a byte offset for polling. */
@Component(service = WorkflowJobsResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/actions/jobs/{id: [0-9]+}")
public final class WorkflowJobsResource {

    private final RunViews views;

    @Activate
    public WorkflowJobsResource(@Reference RunViews views) {
        this.views = views;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> job(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("id") long id, @Context HttpServletRequest request, @Context UriInfo uri) {
        return views.job(owner, name, id, request, uri);
    }

    @GET
    @Path("logs")
    @Produces(MediaType.TEXT_PLAIN)
    public Response logs(@PathParam("owner") String owner, @PathParam("repo") String name, @PathParam("id") long id,
            @QueryParam("step") Integer step, @QueryParam("offset") Long offset,
            @Context HttpServletRequest request) {
        return views.logs(owner, name, id, step, offset, request);
    }
}
