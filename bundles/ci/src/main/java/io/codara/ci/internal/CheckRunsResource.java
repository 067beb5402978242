package io.codara.ci.internal;

import java.util.Map;

import io.codara.api.ci.CommitStatuses;
import io.codara.api.rest.ApiException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code GET /repos/{owner}/{repo}/commits/{ref}/check-runs}: the jobs of the runs at a commit, as check runs. */
@Component(service = CheckRunsResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/commits/{ref: .+}/check-runs")
@Produces(MediaType.APPLICATION_JSON)
public final class CheckRunsResource {

    private final RunViews views;
    private final CiAccess access;
    private final CommitStatuses statuses;

    @Activate
    public CheckRunsResource(@Reference RunViews views, @Reference CiAccess access,
            @Reference CommitStatuses statuses) {
        this.views = views;
        this.access = access;
        this.statuses = statuses;
    }

    @GET
    public Map<String, Object> list(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("ref") String ref, @QueryParam("check_name") String checkName,
            @QueryParam("status") String status, @Context HttpServletRequest request, @Context UriInfo uri) {
        long repositoryId = access.repository(owner, name, CiAccess.READ, request).id();
        String sha = statuses.resolve(repositoryId, ref)
                .orElseThrow(() -> new ApiException(422, "No commit found for SHA: " + ref));
        return views.checkRuns(owner, name, sha, checkName, status, request, uri);
    }
}
