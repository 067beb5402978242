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

/** {@code /repos/{owner}/{repo}/actions/secrets[/{name}]}: a repository's secrets, for its admins. */
@Component(service = RepositorySecretsResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/actions/secrets")
@Produces(MediaType.APPLICATION_JSON)
public final class RepositorySecretsResource {

    private final CiAccess access;
    private final ActionsSettings settings;

    @Activate
    public RepositorySecretsResource(@Reference CiAccess access, @Reference ActionsSettings settings) {
        this.access = access;
        this.settings = settings;
    }

    private SecretScope scope(String owner, String repo, HttpServletRequest request) {
        return SecretScope.repository(access.repository(owner, repo, CiAccess.ADMIN, request).id());
    }

    @GET
    public Response list(@PathParam("owner") String owner, @PathParam("repo") String repo,
            @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        return settings.listSecrets(scope(owner, repo, request), page, perPage, uri);
    }

    @GET
    @Path("public-key")
    public Response publicKey(@PathParam("owner") String owner, @PathParam("repo") String repo,
            @Context HttpServletRequest request) {
        scope(owner, repo, request);
        throw ActionsSettings.noPublicKey();
    }

    @GET
    @Path("{name}")
    public Map<String, Object> get(@PathParam("owner") String owner, @PathParam("repo") String repo,
            @PathParam("name") String name, @Context HttpServletRequest request) {
        return settings.secret(scope(owner, repo, request), name);
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("owner") String owner, @PathParam("repo") String repo,
            @PathParam("name") String name, Map<String, Object> body, @Context HttpServletRequest request) {
        return settings.putSecret(scope(owner, repo, request), name, body, CiAccess.actor(request));
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("owner") String owner, @PathParam("repo") String repo,
            @PathParam("name") String name, @Context HttpServletRequest request) {
        return settings.deleteSecret(scope(owner, repo, request), name, CiAccess.actor(request));
    }
}
