package io.codara.ci.internal;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
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

/** {@code /repos/{owner}/{repo}/actions/artifacts}: workflow run artifacts, as GitHub Actions has them. */
@Component(service = ArtifactsResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/actions/artifacts")
@Produces(MediaType.APPLICATION_JSON)
public final class ArtifactsResource {

    private final ArtifactViews views;

    @Activate
    public ArtifactsResource(@Reference ArtifactViews views) {
        this.views = views;
    }

    @GET
    public Response list(@PathParam("owner") String owner, @PathParam("repo") String name,
            @QueryParam("name") String artifactName, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage, @Context HttpServletRequest request, @Context UriInfo uri) {
        return views.artifacts(owner, name, artifactName, page, perPage, request, uri);
    }

    @GET
    @Path("{id: [0-9]+}")
    public Map<String, Object> artifact(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("id") long id, @Context HttpServletRequest request, @Context UriInfo uri) {
        return views.artifact(owner, name, id, request, uri);
    }

    @DELETE
    @Path("{id: [0-9]+}")
    public Response delete(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("id") long id, @Context HttpServletRequest request) {
        return views.deleteArtifact(owner, name, id, request);
    }

    @GET
    @Path("{id: [0-9]+}/{format: zip}")
    @Produces({"application/zip", MediaType.APPLICATION_JSON})
    public Response download(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("id") long id, @Context HttpServletRequest request) throws IOException {
        return views.download(owner, name, id, request);
    }
}
