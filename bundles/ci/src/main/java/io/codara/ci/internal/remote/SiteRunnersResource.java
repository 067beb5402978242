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
/** {@code /site/actions/runners}: runners for every repository, for site administrators. */
@Component(service = SiteRunnersResource.class)
@JakartarsResource
@Path("site/actions/runners")
@Produces(MediaType.APPLICATION_JSON)
public final class SiteRunnersResource {

    private final RunnerAdmin admin;

    @Activate
    public SiteRunnersResource(@Reference RunnerAdmin admin) {
        this.admin = admin;
    }

    @GET
    public Map<String, Object> list(@Context HttpServletRequest request) {
        return admin.list(admin.site(request));
    }

    @POST
    @Path("registration-token")
    public Response registrationToken(@Context HttpServletRequest request) {
        return admin.token(admin.site(request), request);
    }

    @GET
    @Path("{id}")
    public Map<String, Object> get(@PathParam("id") long id, @Context HttpServletRequest request) {
        return admin.get(admin.site(request), id);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id, @Context HttpServletRequest request) {
        return admin.delete(admin.site(request), id, request);
    }
}
