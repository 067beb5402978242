package io.codara.ci.internal;

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

/** {@code GET /repos/{owner}/{repo}/commits/{ref}/status}: the combined status of a SHA, branch or tag. */
@Component(service = CombinedStatusResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/commits/{ref: .+}/status")
@Produces(MediaType.APPLICATION_JSON)
public final class CombinedStatusResource {

    private final StatusViews views;

    @Activate
    public CombinedStatusResource(@Reference StatusViews views) {
        this.views = views;
    }

    @GET
    public Response combined(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("ref") String ref, @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        return views.combined(owner, name, ref, page, perPage, request, uri);
    }
}
