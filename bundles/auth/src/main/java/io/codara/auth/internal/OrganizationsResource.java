package io.codara.auth.internal;

import java.net.URI;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.identity.Account;
import io.codara.api.identity.AccountUpdate;
import io.codara.api.identity.Accounts;
import io.codara.api.identity.Membership;
import io.codara.api.identity.MembershipRole;
import io.codara.api.identity.NewAccount;
import io.codara.api.identity.Organizations;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.ResourceRef;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** Organisations and their memberships: {@code /organizations}, {@code /orgs}, {@code /orgs/{org}/...}. */
@Component(service = OrganizationsResource.class)
@JakartarsResource
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public final class OrganizationsResource {

    private final Accounts accounts;
    private final Organizations organizations;
    private final Permissions permissions;

    @Activate
    public OrganizationsResource(@Reference Accounts accounts, @Reference Organizations organizations,
            @Reference Permissions permissions) {
        this.accounts = accounts;
        this.organizations = organizations;
        this.permissions = permissions;
    }

    @GET
    @Path("organizations")
    public Page<Map<String, Object>> list(@QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @Context UriInfo uri) {
        Shapes shapes = new Shapes(uri.getBaseUri());
        Page<Account> orgs = accounts.listOrganizations(PageRequest.of(page, perPage));
        return new Page<>(orgs.items().stream().map(shapes::simple).toList(), orgs.request(), orgs.total());
    }

    /** The JSON body of {@code POST /orgs}. */
    public record NewOrganization(String login, String name, String email, String description) {
    }

    @POST
    @Path("orgs")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewOrganization body, @Context HttpServletRequest request, @Context UriInfo uri) {
        Caller caller = Caller.of(request);
        permissions.require(caller.principal(), IdentityAuthorities.Site.CREATE_ORG, ResourceRef.SITE);
        if (body == null) {
            throw new Validation("Organization").missing("login").failure();
        }
        Account org = organizations.create(new NewAccount(body.login(), body.name(), body.email(), null, false),
                caller.login(), caller.actor());
        if (body.description() != null) {
            org = accounts.update(org.login(), new AccountUpdate(null, null, body.description(), null, null, null, null),
                    caller.actor());
        }
        return Response.created(URI.create(uri.getBaseUri() + "orgs/" + org.login()))
                .entity(new Shapes(uri.getBaseUri()).organization(org)).build();
    }

    private Account organization(Caller caller, String org, String action) {
        permissions.require(caller.principal(), action, new ResourceRef("organization", org));
        return accounts.find(org).filter(Account::organization).orElseThrow(ApiException::notFound);
    }

    @GET
    @Path("orgs/{org}")
    public Map<String, Object> get(@PathParam("org") String org, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        return new Shapes(uri.getBaseUri()).organization(organization(Caller.of(request), org, IdentityAuthorities.READ));
    }

    /** The JSON body of {@code PATCH /orgs/{org}}. */
    public record OrganizationChange(String name, String email, String description, String company, String location,
            String blog, String default_repository_permission) {
    }

    @PATCH
    @Path("orgs/{org}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> update(@PathParam("org") String org, OrganizationChange body,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Caller caller = Caller.of(request);
        Account organization = organization(caller, org, IdentityAuthorities.ADMIN);
        OrganizationChange change = body == null ? new OrganizationChange(null, null, null, null, null, null, null) : body;
        Account updated = accounts.update(organization.login(), new AccountUpdate(change.name(), change.email(),
                change.description(), change.company(), change.location(), change.blog(),
                change.default_repository_permission()), caller.actor());
        return new Shapes(uri.getBaseUri()).organization(updated);
    }

    @DELETE
    @Path("orgs/{org}")
    public Response delete(@PathParam("org") String org, @Context HttpServletRequest request) {
        Caller caller = Caller.of(request);
        Account organization = organization(caller, org, IdentityAuthorities.ADMIN);
        organizations.delete(organization.login(), caller.actor());
        return Response.accepted(Map.of()).build();
    }

    @GET
    @Path("orgs/{org}/members")
    public Page<Map<String, Object>> members(@PathParam("org") String org, @QueryParam("role") String role,
            @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Caller caller = Caller.of(request);
        Account organization = organization(caller, org, IdentityAuthorities.READ);
        MembershipRole filter = switch (role == null ? "all" : role) {
            case "all" -> null;
            case "admin" -> MembershipRole.ADMIN;
            case "member" -> MembershipRole.MEMBER;
            default -> throw Validation.invalidField("Membership", "role", "role must be all, admin or member");
        };
        // Members see every member; everyone else only those who made their membership public.
        boolean member = isMember(caller, organization);
        return users(organizations.members(organization.login(), filter, !member, PageRequest.of(page, perPage)),
                new Shapes(uri.getBaseUri()));
    }

    @GET
    @Path("orgs/{org}/public_members")
    public Page<Map<String, Object>> publicMembers(@PathParam("org") String org, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage, @Context HttpServletRequest request, @Context UriInfo uri) {
        Account organization = organization(Caller.of(request), org, IdentityAuthorities.READ);
        return users(organizations.members(organization.login(), null, true, PageRequest.of(page, perPage)),
                new Shapes(uri.getBaseUri()));
    }

    private Page<Map<String, Object>> users(Page<Membership> members, Shapes shapes) {
        List<Map<String, Object>> items = members.items().stream()
                .map(m -> accounts.find(m.user()).map(shapes::simple).orElseThrow()).toList();
        return new Page<>(items, members.request(), members.total());
    }

    private boolean isMember(Caller caller, Account organization) {
        return permissions.decide(caller.principal(), IdentityAuthorities.Organization.MEMBER,
                new ResourceRef("organization", organization.login())) == Decision.ALLOW;
    }

    @GET
    @Path("orgs/{org}/members/{username}")
    public Response isMember(@PathParam("org") String org, @PathParam("username") String username,
            @Context HttpServletRequest request) {
        Caller caller = Caller.of(request);
        Account organization = organization(caller, org, IdentityAuthorities.READ);
        boolean member = isMember(caller, organization);
        boolean listed = organizations.membership(organization.login(), username)
                .map(m -> member || m.publicized()).orElse(false);
        return listed ? Response.noContent().build() : Response.status(404).entity(SessionResource.error("Not Found")).build();
    }

    @GET
    @Path("orgs/{org}/public_members/{username}")
    public Response isPublicMember(@PathParam("org") String org, @PathParam("username") String username,
            @Context HttpServletRequest request) {
        Account organization = organization(Caller.of(request), org, IdentityAuthorities.READ);
        boolean listed = organizations.membership(organization.login(), username).map(Membership::publicized).orElse(false);
        return listed ? Response.noContent().build() : Response.status(404).entity(SessionResource.error("Not Found")).build();
    }

    @PUT
    @Path("orgs/{org}/public_members/{username}")
    public Response publicize(@PathParam("org") String org, @PathParam("username") String username,
            @Context HttpServletRequest request) {
        return setPublicized(org, username, true, request);
    }

    @DELETE
    @Path("orgs/{org}/public_members/{username}")
    public Response conceal(@PathParam("org") String org, @PathParam("username") String username,
            @Context HttpServletRequest request) {
        return setPublicized(org, username, false, request);
    }

    private Response setPublicized(String org, String username, boolean publicized, HttpServletRequest request) {
        Caller caller = Caller.of(request);
        Account organization = organization(caller, org, IdentityAuthorities.READ);
        if (!caller.login().equalsIgnoreCase(username)) {
            throw new ApiException(403, "Only the member may publicize or conceal their own membership");
        }
        permissions.require(caller.principal(), IdentityAuthorities.Organization.MEMBER,
                new ResourceRef("organization", organization.login()));
        organizations.setPublicized(organization.login(), username, publicized, caller.actor());
        return Response.noContent().build();
    }

    @GET
    @Path("orgs/{org}/memberships/{username}")
    public Map<String, Object> membership(@PathParam("org") String org, @PathParam("username") String username,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Caller caller = Caller.of(request);
        Account organization = organization(caller, org, IdentityAuthorities.READ);
        boolean self = !caller.principal().anonymous() && caller.login().equalsIgnoreCase(username);
        if (!self) {
            permissions.require(caller.principal(), IdentityAuthorities.Organization.MEMBER,
                    new ResourceRef("organization", organization.login()));
        }
        Membership membership = organizations.membership(organization.login(), username)
                .orElseThrow(ApiException::notFound);
        return new Shapes(uri.getBaseUri()).membership(membership, organization,
                accounts.find(membership.user()).orElseThrow(ApiException::notFound));
    }

    /** The JSON body of {@code PUT /orgs/{org}/memberships/{username}}. */
    public record MembershipChange(String role) {
    }

    @PUT
    @Path("orgs/{org}/memberships/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> setMembership(@PathParam("org") String org, @PathParam("username") String username,
            MembershipChange body, @Context HttpServletRequest request, @Context UriInfo uri) {
        Caller caller = Caller.of(request);
        Account organization = organization(caller, org, IdentityAuthorities.ADMIN);
        MembershipRole role = switch (body == null || body.role() == null ? "member" : body.role()) {
            case "admin" -> MembershipRole.ADMIN;
            case "member" -> MembershipRole.MEMBER;
            default -> throw Validation.invalidField("Membership", "role", "role must be admin or member");
        };
        Membership membership = organizations.setMembership(organization.login(), username, role, caller.actor());
        return new Shapes(uri.getBaseUri()).membership(membership, organization,
                accounts.find(membership.user()).orElseThrow(ApiException::notFound));
    }

    @DELETE
    @Path("orgs/{org}/memberships/{username}")
    public Response removeMembership(@PathParam("org") String org, @PathParam("username") String username,
            @Context HttpServletRequest request) {
        Caller caller = Caller.of(request);
        boolean self = !caller.principal().anonymous() && caller.login().equalsIgnoreCase(username);
        // Members may leave; only owners may remove others.
        Account organization = organization(caller, org, self ? IdentityAuthorities.Organization.MEMBER
                : IdentityAuthorities.ADMIN);
        if (!organizations.removeMember(organization.login(), username, caller.actor())) {
            throw ApiException.notFound();
        }
        return Response.noContent().build();
    }
}
