package io.codara.ci.internal.remote;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
 * Self-hosted runners as GitHub's REST API has them, for a repository's admins, an organisation's owners and (for
 * every repository) site administrators: {@code .../actions/runners[/{id}]} and
 * {@code .../actions/runners/registration-token}, under {@code repos/{owner}/{repo}}, {@code orgs/{org}} and
 * {@code site}.
 */
/** {@code /orgs/{org}/actions/runners}: an organisation's self-hosted runners, for its owners. */
@Component(service = OrganizationRunnersResource.class)
@JakartarsResource
@Path("orgs/{org}/actions/runners")
@Produces(MediaType.APPLICATION_JSON)
public final class OrganizationRunnersResource {

    private final RunnerAdmin admin;

    @Activate
    public OrganizationRunnersResource(@Reference RunnerAdmin admin) {
        this.admin = admin;
    }

    @GET
    public Map<String, Object> list(@PathParam("org") String org, @Context HttpServletRequest request) {
        return admin.list(admin.organization(org, request));
    }

    @POST
    @Path("registration-token")
    public Response registrationToken(@PathParam("org") String org, @Context HttpServletRequest request) {
        return admin.token(admin.organization(org, request), request);
    }

    @GET
    @Path("{id}")
    public Map<String, Object> get(@PathParam("org") String org, @PathParam("id") long id, @Context HttpServletRequest request) {
        return admin.get(admin.organization(org, request), id);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("org") String org, @PathParam("id") long id, @Context HttpServletRequest request) {
        return admin.delete(admin.organization(org, request), id, request);
    }
}
