package io.codara.git.internal;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.git.BranchProtections;
import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /repos/{owner}/{repo}/tags/protection}, GitHub's tag protection: patterns whose tags only maintainers and
 * admins may create, update or delete. Repository administrators only.
 */
@Component(service = TagProtectionResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/tags/protection")
@Produces(MediaType.APPLICATION_JSON)
public final class TagProtectionResource {

    private final RepositoryAccess access;
    private final BranchProtections protections;

    @Activate
    public TagProtectionResource(@Reference RepositoryAccess access, @Reference BranchProtections protections) {
        this.access = access;
        this.protections = protections;
    }

    /** The JSON body of {@code POST}. */
    public record Pattern(String pattern) {
    }

    @GET
    public List<Map<String, Object>> list(@PathParam("owner") String owner, @PathParam("repo") String name,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = admin(owner, name, request, uri);
        ProtectionJson json = new ProtectionJson(uri.getBaseUri(), repository);
        return protections.tagProtections(repository.id()).stream().map(json::tag).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("owner") String owner, @PathParam("repo") String name, Pattern body,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = admin(owner, name, request, uri);
        var made = protections.protectTags(repository, body == null ? null : body.pattern(),
                RepositoryResource.actor(request));
        return Response.status(201).entity(new ProtectionJson(uri.getBaseUri(), repository).tag(made)).build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("id") String id, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = admin(owner, name, request, uri);
        long parsed;
        try {
            parsed = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.notFound();
        }
        if (!protections.unprotectTags(repository, parsed, RepositoryResource.actor(request))) {
            throw ApiException.notFound();
        }
        return Response.noContent().build();
    }

    private Repository admin(String owner, String name, HttpServletRequest request, UriInfo uri) {
        return access.authorised(owner, name, RepositoryAuthority.ADMIN, request, uri);
    }
}
