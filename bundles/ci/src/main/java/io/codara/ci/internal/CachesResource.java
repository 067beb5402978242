package io.codara.ci.internal;

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

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code /repos/{owner}/{repo}/actions/caches}: dependency caches, as GitHub Actions has them. */
@Component(service = CachesResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/actions/caches")
@Produces(MediaType.APPLICATION_JSON)
public final class CachesResource {

    private final ArtifactViews views;

    @Activate
    public CachesResource(@Reference ArtifactViews views) {
        this.views = views;
    }

    @GET
    public Response list(@PathParam("owner") String owner, @PathParam("repo") String name,
            @QueryParam("key") String key, @QueryParam("ref") String ref, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage, @Context HttpServletRequest request) {
        return views.caches(owner, name, key, ref, page, perPage, request);
    }

    @DELETE
    public Map<String, Object> deleteByKey(@PathParam("owner") String owner, @PathParam("repo") String name,
            @QueryParam("key") String key, @QueryParam("ref") String ref, @Context HttpServletRequest request) {
        return views.deleteCaches(owner, name, key, ref, request);
    }

    @DELETE
    @Path("{id: [0-9]+}")
    public Response delete(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("id") long id, @Context HttpServletRequest request) {
        return views.deleteCache(owner, name, id, request);
    }
}
