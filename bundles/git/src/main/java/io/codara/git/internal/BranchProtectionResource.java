package io.codara.git.internal;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.git.BranchProtection;
import io.codara.api.git.BranchProtections;
import io.codara.api.git.Repository;
import io.codara.api.identity.Accounts;
import io.codara.api.identity.Organizations;
import io.codara.api.rest.ApiException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /repos/{owner}/{repo}/branches/{branch}/protection}, GitHub's branch protection, where {@code {branch}} is
 * a branch name or a pattern ({@code release/*}, sent as {@code release%2F*} or {@code release/*}). Repository
 * administrators only: 404 to whom may not see the repository, 403 to whom may see it.
 */
@Component(service = BranchProtectionResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/branches/{branch: .+}/protection")
@Produces(MediaType.APPLICATION_JSON)
public final class BranchProtectionResource {

    static final String NOT_PROTECTED = "Branch not protected";

    private final RepositoryAccess access;
    private final BranchProtections protections;
    private final Accounts accounts;
    private final Organizations organizations;

    @Activate
    public BranchProtectionResource(@Reference RepositoryAccess access, @Reference BranchProtections protections,
            @Reference Accounts accounts, @Reference Organizations organizations) {
        this.access = access;
        this.protections = protections;
        this.accounts = accounts;
        this.organizations = organizations;
    }

    @GET
    public Map<String, Object> get(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("branch") String branch, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = admin(owner, name, request, uri);
        BranchProtection protection = protections.find(repository.id(), branch)
                .orElseThrow(() -> new ApiException(404, NOT_PROTECTED));
        return new ProtectionJson(uri.getBaseUri(), repository).protection(protection, accounts, organizations);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> put(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("branch") String branch, Map<String, Object> body, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Repository repository = admin(owner, name, request, uri);
        BranchProtection saved = protections.put(repository, branch, ProtectionJson.rule(body),
                RepositoryResource.actor(request));
        return new ProtectionJson(uri.getBaseUri(), repository).protection(saved, accounts, organizations);
    }

    @DELETE
    public Response delete(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("branch") String branch, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = admin(owner, name, request, uri);
        if (!protections.delete(repository, branch, RepositoryResource.actor(request))) {
            throw new ApiException(404, NOT_PROTECTED);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("required_signatures")
    public Map<String, Object> signatures(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("branch") String branch, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = admin(owner, name, request, uri);
        BranchProtection protection = protections.find(repository.id(), branch)
                .orElseThrow(() -> new ApiException(404, NOT_PROTECTED));
        return new ProtectionJson(uri.getBaseUri(), repository).signatures(protection);
    }

    @POST
    @Path("required_signatures")
    public Map<String, Object> requireSignatures(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("branch") String branch, @Context HttpServletRequest request, @Context UriInfo uri) {
        return setSignatures(owner, name, branch, true, request, uri);
    }

    @DELETE
    @Path("required_signatures")
    public Response dropSignatures(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("branch") String branch, @Context HttpServletRequest request, @Context UriInfo uri) {
        setSignatures(owner, name, branch, false, request, uri);
        return Response.noContent().build();
    }

    private Map<String, Object> setSignatures(String owner, String name, String branch, boolean required,
            HttpServletRequest request, UriInfo uri) {
        Repository repository = admin(owner, name, request, uri);
        BranchProtection protection = protections.find(repository.id(), branch)
                .orElseThrow(() -> new ApiException(404, NOT_PROTECTED));
        BranchProtection saved = protections.put(repository, branch, protection.rule().withRequiredSignatures(required),
                RepositoryResource.actor(request));
        return new ProtectionJson(uri.getBaseUri(), repository).signatures(saved);
    }

    private Repository admin(String owner, String name, HttpServletRequest request, UriInfo uri) {
        return access.authorised(owner, name, RepositoryAuthority.ADMIN, request, uri);
    }
}
