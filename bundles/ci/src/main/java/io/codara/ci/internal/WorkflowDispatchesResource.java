package io.codara.ci.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;
import io.codara.ci.internal.engine.WorkflowTrigger;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code POST /repos/{owner}/{repo}/actions/workflows/{file}/dispatches}: starts a {@code workflow_dispatch} run
 * with {@code {"ref": ..., "inputs": {...}}}; 204 as GitHub answers. Needs {@code write}.
 */
@Component(service = WorkflowDispatchesResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/actions/workflows/{file}/dispatches")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class WorkflowDispatchesResource {

    private final CiAccess access;
    private final WorkflowTrigger trigger;

    @Activate
    public WorkflowDispatchesResource(@Reference CiAccess access, @Reference WorkflowTrigger trigger) {
        this.access = access;
        this.trigger = trigger;
    }

    @POST
    public Response dispatch(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("file") String file, Map<String, Object> body, @Context HttpServletRequest request) {
        Repository repository = access.repository(owner, name, CiAccess.WRITE, request);
        String login = CiAccess.actor(request).login();
        if (body == null || !(body.get("ref") instanceof String ref) || ref.isBlank()) {
            throw new ApiException(422, "ref is required: the branch or tag to run the workflow at");
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        Object given = body.get("inputs");
        if (given instanceof Map<?, ?> map) {
            map.forEach((k, v) -> inputs.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (given != null) {
            throw new ApiException(422, "inputs must be an object");
        }
        trigger.dispatch(repository, file, ref, inputs, login);
        return Response.noContent().build();
    }
}
