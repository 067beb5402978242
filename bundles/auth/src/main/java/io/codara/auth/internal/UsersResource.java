package io.codara.auth.internal;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.identity.Avatar;
import io.codara.api.identity.Membership;
import io.codara.api.identity.Organizations;
import io.codara.api.rest.ApiException;
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
 * {@code /users}: public profiles, avatars, public organisation memberships, and GitHub Enterprise's
 * {@code PUT/DELETE /users/{login}/suspended} and {@code /site_admin} for site administrators.
 */
@Component(service = UsersResource.class)
@JakartarsResource
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
public final class UsersResource {

    private final Accounts accounts;
    private final Organizations organizations;
    private final Permissions permissions;

    @Activate
    public UsersResource(@Reference Accounts accounts, @Reference Organizations organizations,
            @Reference Permissions permissions) {
        this.accounts = accounts;
        this.organizations = organizations;
        this.permissions = permissions;
    }

    @GET
    public Page<Map<String, Object>> list(@QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Caller caller = Caller.of(request);
        Shapes shapes = new Shapes(uri.getBaseUri());
        Page<Account> users = accounts.listUsers(PageRequest.of(page, perPage), caller.principal().siteAdmin());
        return new Page<>(users.items().stream().map(shapes::simple).toList(), users.request(), users.total());
    }

    /** Users and organisations both answer here, as on GitHub. */
    @GET
    @Path("{login}")
    public Map<String, Object> get(@PathParam("login") String login, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Account account = visible(Caller.of(request).principal(), login);
        Shapes shapes = new Shapes(uri.getBaseUri());
        return account.organization() ? shapes.organization(account) : shapes.user(account);
    }

    private Account visible(Principal principal, String login) {
        Account account = accounts.find(login).orElseThrow(ApiException::notFound);
        permissions.require(principal, IdentityAuthorities.READ,
                new ResourceRef(account.organization() ? "organization" : "user", account.login()));
        return account;
    }

    @GET
    @Path("{login}/avatar")
    @Produces("image/png")
    public Response avatar(@PathParam("login") String login, @Context HttpServletRequest request,
            @Context Request conditional) {
        visible(Caller.of(request).principal(), login);
        Avatar avatar = accounts.avatar(login);
        EntityTag tag = new EntityTag(avatar.etag().replace("\"", ""));
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        Response.ResponseBuilder notModified = conditional.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.cacheControl(cache).build();
        }
        return Response.ok(avatar.png(), "image/png").tag(tag).cacheControl(cache)
                .header("Content-Security-Policy", "default-src 'none'").build();
    }

    @GET
    @Path("{login}/orgs")
    public List<Map<String, Object>> organizations(@PathParam("login") String login, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Account user = visible(Caller.of(request).principal(), login);
        Shapes shapes = new Shapes(uri.getBaseUri());
        // Only memberships the member made public, as GitHub lists them.
        return organizations.organizationsOf(user.login()).stream()
                .filter(org -> organizations.membership(org.login(), user.login()).map(Membership::publicized).orElse(false))
                .map(shapes::simple).toList();
    }

    @PUT
    @Path("{login}/suspended")
    public Response suspend(@PathParam("login") String login, @Context HttpServletRequest request) {
        Caller caller = admin(request, login);
        accounts.setSuspended(login, true, caller.actor());
        return Response.noContent().build();
    }

    @DELETE
    @Path("{login}/suspended")
    public Response unsuspend(@PathParam("login") String login, @Context HttpServletRequest request) {
        Caller caller = admin(request, login);
        accounts.setSuspended(login, false, caller.actor());
        return Response.noContent().build();
    }

    @PUT
    @Path("{login}/site_admin")
    public Response promote(@PathParam("login") String login, @Context HttpServletRequest request) {
        Caller caller = admin(request, login);
        accounts.setSiteAdmin(login, true, caller.actor());
        return Response.noContent().build();
    }

    @DELETE
    @Path("{login}/site_admin")
    public Response demote(@PathParam("login") String login, @Context HttpServletRequest request) {
        Caller caller = admin(request, login);
        accounts.setSiteAdmin(login, false, caller.actor());
        return Response.noContent().build();
    }

    private Caller admin(HttpServletRequest request, String login) {
        Caller caller = Caller.of(request);
        permissions.require(caller.principal(), IdentityAuthorities.ADMIN, new ResourceRef("user", login));
        return caller;
    }
}
