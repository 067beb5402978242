package io.codara.auth.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.auth.Sessions;
import io.codara.api.auth.StartedSession;
import io.codara.api.identity.Account;
import io.codara.api.identity.AccountUpdate;
import io.codara.api.identity.Accounts;
import io.codara.api.identity.Email;
import io.codara.api.identity.Membership;
import io.codara.api.identity.Organizations;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Permissions;
import io.codara.api.security.ResourceRef;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** The signed-in user's own account: {@code /user}, its emails, password, avatar, sessions and organisations. */
@Component(service = UserResource.class)
@JakartarsResource
@Path("user")
@Produces(MediaType.APPLICATION_JSON)
public final class UserResource {

    static final int MAX_AVATAR_BYTES = 1024 * 1024;

    private final Accounts accounts;
    private final Organizations organizations;
    private final Sessions sessions;
    private final Permissions permissions;

    @Activate
    public UserResource(@Reference Accounts accounts, @Reference Organizations organizations,
            @Reference Sessions sessions, @Reference Permissions permissions) {
        this.accounts = accounts;
        this.organizations = organizations;
        this.sessions = sessions;
        this.permissions = permissions;
    }

    /** The caller, allowed to {@code action} their own account. */
    private Caller self(HttpServletRequest request, String action) {
        Caller caller = Caller.of(request);
        permissions.require(caller.principal(), action, new ResourceRef("user", caller.login()));
        return caller;
    }

    @GET
    public Map<String, Object> get(@Context HttpServletRequest request, @Context UriInfo uri) {
        Caller caller = self(request, IdentityAuthorities.READ);
        return new Shapes(uri.getBaseUri()).privateUser(accounts.find(caller.login()).orElseThrow(ApiException::notFound));
    }

    /** The JSON body of {@code PATCH /user}. */
    public record ProfileChange(String name, String email, String blog, String company, String location, String bio) {
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> update(ProfileChange change, @Context HttpServletRequest request, @Context UriInfo uri) {
        Caller caller = self(request, IdentityAuthorities.WRITE);
        ProfileChange body = change == null ? new ProfileChange(null, null, null, null, null, null) : change;
        Account updated = accounts.update(caller.login(), new AccountUpdate(body.name(), body.email(), body.bio(),
                body.company(), body.location(), body.blog(), null), caller.actor());
        return new Shapes(uri.getBaseUri()).privateUser(updated);
    }

    @GET
    @Path("emails")
    public List<Email> emails(@Context HttpServletRequest request) {
        return accounts.emails(self(request, IdentityAuthorities.WRITE).login());
    }

    /** The JSON body of {@code POST/DELETE /user/emails}, as GitHub takes it. */
    public record EmailList(List<String> emails) {
    }

    @POST
    @Path("emails")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addEmails(EmailList body, @Context HttpServletRequest request) {
        Caller caller = self(request, IdentityAuthorities.WRITE);
        return Response.status(201).entity(accounts.addEmails(caller.login(), body == null ? null : body.emails(),
                caller.actor())).build();
    }

    @DELETE
    @Path("emails")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response removeEmails(EmailList body, @Context HttpServletRequest request) {
        Caller caller = self(request, IdentityAuthorities.WRITE);
        accounts.removeEmails(caller.login(), body == null ? null : body.emails(), caller.actor());
        return Response.noContent().build();
    }

    /** The JSON body of {@code PUT /user/password}. */
    public record PasswordChange(String current_password, String password) {
    }

    @PUT
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(PasswordChange body, @Context HttpServletRequest request) {
        // A token may not change the password that controls the account: only the password or a session can.
        Caller caller = self(request, IdentityAuthorities.User.TOKENS);
        if (body == null || body.password() == null) {
            throw new Validation("User").missing("password").failure();
        }
        accounts.changePassword(caller.login(), body.current_password() == null ? null
                : body.current_password().toCharArray(), body.password().toCharArray(), caller.actor());
        Response.ResponseBuilder response = Response.noContent();
        if (request.getAttribute(RequestAuthentication.SESSION_ATTRIBUTE) != null) {
            // Every session ended with the old password; keep this browser signed in with a fresh one.
            StartedSession fresh = sessions.start(caller.login(), caller.address(), request.getHeader("User-Agent"));
            response.header("Set-Cookie", SessionCookies.issue(request, fresh.secret(), java.time.Duration.ofDays(30)));
        }
        return response.build();
    }

    @PUT
    @Path("avatar")
    @Consumes({"image/png", "image/jpeg", "image/gif", MediaType.APPLICATION_OCTET_STREAM})
    public Map<String, Object> setAvatar(InputStream image, @Context HttpServletRequest request, @Context UriInfo uri)
            throws IOException {
        Caller caller = self(request, IdentityAuthorities.WRITE);
        byte[] bytes = image.readNBytes(MAX_AVATAR_BYTES + 1);
        if (bytes.length > MAX_AVATAR_BYTES) {
            throw new ApiException(413, "An avatar may be at most 1 MiB");
        }
        return new Shapes(uri.getBaseUri()).privateUser(accounts.setAvatar(caller.login(), bytes, caller.actor()));
    }

    @DELETE
    @Path("avatar")
    public Response removeAvatar(@Context HttpServletRequest request) {
        Caller caller = self(request, IdentityAuthorities.WRITE);
        accounts.setAvatar(caller.login(), null, caller.actor());
        return Response.noContent().build();
    }

    @GET
    @Path("sessions")
    public List<Map<String, Object>> sessions(@Context HttpServletRequest request, @Context UriInfo uri) {
        Caller caller = self(request, IdentityAuthorities.User.TOKENS);
        StartedSession current = (StartedSession) request.getAttribute(RequestAuthentication.SESSION_ATTRIBUTE);
        Shapes shapes = new Shapes(uri.getBaseUri());
        return sessions.list(caller.login()).stream()
                .map(s -> shapes.session(s, current != null && current.session().id() == s.id())).toList();
    }

    @DELETE
    @Path("sessions/{id}")
    public Response revokeSession(@PathParam("id") long id, @Context HttpServletRequest request) {
        Caller caller = self(request, IdentityAuthorities.User.TOKENS);
        if (!sessions.revoke(caller.login(), id, caller.actor())) {
            throw ApiException.notFound();
        }
        return Response.noContent().build();
    }

    @GET
    @Path("orgs")
    public List<Map<String, Object>> organizations(@Context HttpServletRequest request, @Context UriInfo uri) {
        Caller caller = self(request, IdentityAuthorities.User.ORGS);
        Shapes shapes = new Shapes(uri.getBaseUri());
        return organizations.organizationsOf(caller.login()).stream().map(shapes::simple).toList();
    }

    @GET
    @Path("memberships/orgs/{org}")
    public Map<String, Object> membership(@PathParam("org") String org, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Caller caller = self(request, IdentityAuthorities.READ);
        Membership membership = organizations.membership(org, caller.login()).orElseThrow(ApiException::notFound);
        permissions.require(caller.principal(), IdentityAuthorities.Organization.MEMBER, new ResourceRef("organization", org));
        Account organization = accounts.find(org).orElseThrow(ApiException::notFound);
        Account user = accounts.find(caller.login()).orElseThrow(ApiException::notFound);
        return new Shapes(uri.getBaseUri()).membership(membership, organization, user);
    }
}
