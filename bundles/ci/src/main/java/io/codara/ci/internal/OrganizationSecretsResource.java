package io.codara.ci.internal;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.ci.SecretScope;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code /orgs/{org}/actions/secrets[/{name}]}: an organisation's secrets, for its owners; every repository of it sees them. */
@Component(service = OrganizationSecretsResource.class)
@JakartarsResource
@Path("orgs/{org}/actions/secrets")
@Produces(MediaType.APPLICATION_JSON)
public final class OrganizationSecretsResource {

    private final CiAccess access;
    private final ActionsSettings settings;

    @Activate
    public OrganizationSecretsResource(@Reference CiAccess access, @Reference ActionsSettings settings) {
        this.access = access;
        this.settings = settings;
    }

    private SecretScope scope(String org, HttpServletRequest request) {
        return SecretScope.organization(access.organization(org, CiAccess.ADMIN, request).id());
    }

    @GET
    public Response list(@PathParam("org") String org,
            @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        return settings.listSecrets(scope(org, request), page, perPage, uri);
    }

    @GET
    @Path("public-key")
    public Response publicKey(@PathParam("org") String org,
            @Context HttpServletRequest request) {
        scope(org, request);
        throw ActionsSettings.noPublicKey();
    }

    @GET
    @Path("{name}")
    public Map<String, Object> get(@PathParam("org") String org,
            @PathParam("name") String name, @Context HttpServletRequest request) {
        return settings.secret(scope(org, request), name);
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("org") String org,
            @PathParam("name") String name, Map<String, Object> body, @Context HttpServletRequest request) {
        return settings.putSecret(scope(org, request), name, body, CiAccess.actor(request));
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("org") String org,
            @PathParam("name") String name, @Context HttpServletRequest request) {
        return settings.deleteSecret(scope(org, request), name, CiAccess.actor(request));
    }
}
