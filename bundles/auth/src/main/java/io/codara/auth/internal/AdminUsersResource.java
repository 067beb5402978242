package io.codara.auth.internal;

import java.net.URI;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.identity.NewAccount;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Permissions;
import io.codara.api.security.ResourceRef;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code /admin/users}: site administrators create users and suspend, unsuspend, promote or demote them. */
@Component(service = AdminUsersResource.class)
@JakartarsResource
@Path("admin/users")
@Produces(MediaType.APPLICATION_JSON)
public final class AdminUsersResource {

    private final Accounts accounts;
    private final Permissions permissions;

    @Activate
    public AdminUsersResource(@Reference Accounts accounts, @Reference Permissions permissions) {
        this.accounts = accounts;
        this.permissions = permissions;
    }

    /** The JSON body of {@code POST /admin/users}. */
    public record NewUser(String login, String email, String password, String name, Boolean site_admin) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewUser body, @Context HttpServletRequest request, @Context UriInfo uri) {
        Caller caller = Caller.of(request);
        permissions.require(caller.principal(), IdentityAuthorities.ADMIN, ResourceRef.SITE);
        if (body == null) {
            throw new Validation("User").missing("login").missing("email").failure();
        }
        Account user = accounts.createUser(new NewAccount(body.login(), body.name(), body.email(),
                body.password() == null ? null : body.password().toCharArray(), Boolean.TRUE.equals(body.site_admin())),
                caller.actor());
        return Response.created(URI.create(uri.getBaseUri() + "users/" + user.login()))
                .entity(new Shapes(uri.getBaseUri()).user(user)).build();
    }

    /** The JSON body of {@code PATCH /admin/users/{login}}. */
    public record UserChange(Boolean suspended, Boolean site_admin) {
    }

    @PATCH
    @Path("{login}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> update(@PathParam("login") String login, UserChange body,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Caller caller = Caller.of(request);
        permissions.require(caller.principal(), IdentityAuthorities.ADMIN, new ResourceRef("user", login));
        Account user = accounts.find(login).filter(a -> !a.organization()).orElseThrow(ApiException::notFound);
        if (body != null && body.suspended() != null) {
            user = accounts.setSuspended(login, body.suspended(), caller.actor());
        }
        if (body != null && body.site_admin() != null) {
            user = accounts.setSiteAdmin(login, body.site_admin(), caller.actor());
        }
        return new Shapes(uri.getBaseUri()).user(user);
    }
}
