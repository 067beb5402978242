package io.codara.ci.internal;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

/** {@code /repos/{owner}/{repo}/actions/runs}: workflow runs, their jobs, cancel and re-run, as GitHub Actions has them. */
@Component(service = WorkflowRunsResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/actions/runs")
@Produces(MediaType.APPLICATION_JSON)
public final class WorkflowRunsResource {

    private final RunViews views;
    private final ArtifactViews artifacts;

    @Activate
    public WorkflowRunsResource(@Reference RunViews views, @Reference ArtifactViews artifacts) {
        this.views = views;
        this.artifacts = artifacts;
    }

    @GET
    public Response list(@PathParam("owner") String owner, @PathParam("repo") String name,
            @QueryParam("branch") String branch, @QueryParam("event") String event,
            @QueryParam("status") String status, @QueryParam("head_sha") String headSha,
            @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        return views.runs(owner, name, branch, event, status, headSha, page, perPage, request, uri);
    }

    @GET
    @Path("{id: [0-9]+}")
    public Map<String, Object> run(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("id") long id, @Context HttpServletRequest request, @Context UriInfo uri) {
        return views.run(owner, name, id, request, uri);
    }

    @GET
    @Path("{id: [0-9]+}/jobs")
    public Map<String, Object> jobs(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("id") long id, @QueryParam("filter") String filter, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        return views.jobs(owner, name, id, filter, request, uri);
    }

    @GET
    @Path("{id: [0-9]+}/artifacts")
    public Response artifacts(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("id") long id, @QueryParam("name") String artifactName, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage, @Context HttpServletRequest request, @Context UriInfo uri) {
        return artifacts.runArtifacts(owner, name, id, artifactName, page, perPage, request, uri);
    }

    @POST
    @Path("{id: [0-9]+}/cancel")
    public Response cancel(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("id") long id, @Context HttpServletRequest request) {
        return views.cancel(owner, name, id, request);
    }

    @POST
    @Path("{id: [0-9]+}/rerun")
    public Response rerun(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("id") long id, @Context HttpServletRequest request) {
        return views.rerun(owner, name, id, false, request);
    }

    @POST
    @Path("{id: [0-9]+}/rerun-failed-jobs")
    public Response rerunFailed(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("id") long id, @Context HttpServletRequest request) {
        return views.rerun(owner, name, id, true, request);
    }
}
