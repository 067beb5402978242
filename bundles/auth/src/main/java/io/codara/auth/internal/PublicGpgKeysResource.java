package io.codara.auth.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import io.codara.api.auth.GpgKeys;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Permissions;
import io.codara.api.security.ResourceRef;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * GitHub's public {@code GET /users/{username}/gpg_keys}: anyone who may see the user sees their GPG public keys,
 * in the same shape as the owner does (a public key is public). A root resource of its own, like
 * {@link PublicSshKeysResource}.
 */
@Component(service = PublicGpgKeysResource.class)
@JakartarsResource
@Path("users/{username}/gpg_keys")
@Produces(MediaType.APPLICATION_JSON)
public final class PublicGpgKeysResource {

    private final GpgKeys keys;
    private final Accounts accounts;
    private final Permissions permissions;

    @Activate
    public PublicGpgKeysResource(@Reference GpgKeys keys, @Reference Accounts accounts,
            @Reference Permissions permissions) {
        this.keys = keys;
        this.accounts = accounts;
        this.permissions = permissions;
    }

    @GET
    public Page<GpgKeyJson> listPublic(@PathParam("username") String username, @Context HttpServletRequest request,
            @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage) {
        permissions.require(Caller.of(request).principal(), "read", new ResourceRef("user", username));
        return GpgKeysResource.page(keys.list(username), PageRequest.of(page, perPage),
                GpgKeysResource.view(accounts, username));
    }
}
