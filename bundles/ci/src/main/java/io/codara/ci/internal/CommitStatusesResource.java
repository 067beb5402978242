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
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.rest.Page;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code GET /repos/{owner}/{repo}/commits/{ref}/statuses}: the statuses of a SHA, branch or tag, newest first. */
@Component(service = CommitStatusesResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/commits/{ref: .+}/statuses")
@Produces(MediaType.APPLICATION_JSON)
public final class CommitStatusesResource {

    private final StatusViews views;

    @Activate
    public CommitStatusesResource(@Reference StatusViews views) {
        this.views = views;
    }

    @GET
    public Page<Map<String, Object>> list(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("ref") String ref, @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        return views.list(owner, name, ref, page, perPage, request, uri);
    }
}
