package io.codara.ci.internal;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code /repos/{owner}/{repo}/actions/cache/usage}: how many cache entries a repository has and their size. */
@Component(service = CacheUsageResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/actions/cache/usage")
@Produces(MediaType.APPLICATION_JSON)
public final class CacheUsageResource {

    private final ArtifactViews views;

    @Activate
    public CacheUsageResource(@Reference ArtifactViews views) {
        this.views = views;
    }

    @GET
    public Map<String, Object> usage(@PathParam("owner") String owner, @PathParam("repo") String name,
            @Context HttpServletRequest request) {
        return views.cacheUsage(owner, name, request);
    }
}
