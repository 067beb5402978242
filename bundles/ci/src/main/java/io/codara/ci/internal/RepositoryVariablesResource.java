package io.codara.ci.internal;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
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

/** {@code /repos/{owner}/{repo}/actions/variables[/{name}]}: a repository's variables, for its admins. */
@Component(service = RepositoryVariablesResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/actions/variables")
@Produces(MediaType.APPLICATION_JSON)
public final class RepositoryVariablesResource {

    private final CiAccess access;
    private final ActionsSettings settings;

    @Activate
    public RepositoryVariablesResource(@Reference CiAccess access, @Reference ActionsSettings settings) {
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
        return settings.listVariables(scope(owner, repo, request), page, perPage, uri);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("owner") String owner, @PathParam("repo") String repo,
            Map<String, Object> body, @Context HttpServletRequest request, @Context UriInfo uri) {
        return settings.createVariable(scope(owner, repo, request), body, CiAccess.actor(request), uri);
    }

    @GET
    @Path("{name}")
    public Map<String, Object> get(@PathParam("owner") String owner, @PathParam("repo") String repo,
            @PathParam("name") String name, @Context HttpServletRequest request) {
        return settings.variable(scope(owner, repo, request), name);
    }

    @PATCH
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("owner") String owner, @PathParam("repo") String repo,
            @PathParam("name") String name, Map<String, Object> body, @Context HttpServletRequest request) {
        return settings.updateVariable(scope(owner, repo, request), name, body, CiAccess.actor(request));
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("owner") String owner, @PathParam("repo") String repo,
            @PathParam("name") String name, @Context HttpServletRequest request) {
        return settings.deleteVariable(scope(owner, repo, request), name, CiAccess.actor(request));
    }
}
