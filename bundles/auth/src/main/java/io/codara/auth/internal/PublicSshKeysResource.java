package io.codara.auth.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import io.codara.api.auth.SshKeys;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * GitHub's public {@code GET /users/{username}/keys}. A root resource of its own: JAX-RS picks one root class per
 * request by its longest literal path, so under {@code /users} (owned by {@link UsersResource}) it would be lost.
 */
@Component(service = PublicSshKeysResource.class)
@JakartarsResource
@Path("users/{username}/keys")
@Produces(MediaType.APPLICATION_JSON)
public final class PublicSshKeysResource {

    private final SshKeys keys;
    private final Permissions permissions;

    @Activate
    public PublicSshKeysResource(@Reference SshKeys keys, @Reference Permissions permissions) {
        this.keys = keys;
        this.permissions = permissions;
    }

    @GET
    public Page<PublicSshKeyJson> listPublic(@PathParam("username") String username,
            @Context HttpServletRequest request, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage) {
        Principal principal = Caller.of(request).principal();
        permissions.require(principal, "read", new ResourceRef("user", username));
        return SshKeysResource.page(keys.list(username), PageRequest.of(page, perPage), PublicSshKeyJson::of);
    }

}
