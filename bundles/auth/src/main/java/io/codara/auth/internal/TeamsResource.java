package io.codara.auth.internal;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import io.codara.api.identity.Accounts;
import io.codara.api.identity.Organizations;
import io.codara.api.identity.Team;
import io.codara.api.identity.TeamChange;
import io.codara.api.identity.TeamMembership;
import io.codara.api.identity.TeamRepository;
import io.codara.api.identity.TeamRole;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Decision;
import io.codara.api.security.ResourceRef;
import io.codara.api.security.Role;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code /orgs/{org}/teams}: teams, their members and their roles on the organisation's repositories. */
@Component(service = TeamsResource.class)
@JakartarsResource
@Path("orgs/{org}/teams")
@Produces(MediaType.APPLICATION_JSON)
public final class TeamsResource {

    private final Accounts accounts;
    private final Organizations organizations;
    private final SitePermissions permissions;

    @Activate
    public TeamsResource(@Reference Accounts accounts, @Reference Organizations organizations,
            @Reference SitePermissions permissions) {
        this.accounts = accounts;
        this.organizations = organizations;
        this.permissions = permissions;
    }

    @GET
    public Page<Map<String, Object>> list(@PathParam("org") String org, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage, @Context HttpServletRequest request, @Context UriInfo uri) {
        Caller caller = Caller.of(request);
        permissions.require(caller.principal(), IdentityAuthorities.Organization.MEMBER, new ResourceRef("organization", org));
        boolean seesAll = permissions.decide(caller.principal(), IdentityAuthorities.ADMIN,
                new ResourceRef("organization", org)) == Decision.ALLOW;
        Page<Team> teams = organizations.teams(org, seesAll ? null : caller.login(), PageRequest.of(page, perPage));
        Shapes shapes = new Shapes(uri.getBaseUri());
        return new Page<>(teams.items().stream().map(shapes::team).toList(), teams.request(), teams.total());
    }

    /** The JSON body of {@code POST} and {@code PATCH}. */
    public record TeamBody(String name, String description, String privacy) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("org") String org, TeamBody body, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Caller caller = Caller.of(request);
        // As on GitHub by default, any member may create a team (and maintains it).
        permissions.require(caller.principal(), IdentityAuthorities.Organization.MEMBER, new ResourceRef("organization", org));
        TeamBody team = body == null ? new TeamBody(null, null, null) : body;
        Team created = organizations.createTeam(org, new TeamChange(team.name(), team.description(), team.privacy()),
                caller.login(), caller.actor());
        return Response.created(URI.create(uri.getBaseUri() + "orgs/" + org + "/teams/" + created.slug()))
                .entity(new Shapes(uri.getBaseUri()).team(created)).build();
    }

    private Team team(Caller caller, String org, String slug, String action) {
        permissions.require(caller.principal(), action, new ResourceRef("team", org + "/" + slug));
        return organizations.team(org, slug).orElseThrow(ApiException::notFound);
    }

    @GET
    @Path("{slug}")
    public Map<String, Object> get(@PathParam("org") String org, @PathParam("slug") String slug,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        return new Shapes(uri.getBaseUri()).team(team(Caller.of(request), org, slug, IdentityAuthorities.READ));
    }

    @PATCH
    @Path("{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> update(@PathParam("org") String org, @PathParam("slug") String slug, TeamBody body,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Caller caller = Caller.of(request);
        Team team = team(caller, org, slug, IdentityAuthorities.ADMIN);
        TeamBody change = body == null ? new TeamBody(null, null, null) : body;
        return new Shapes(uri.getBaseUri()).team(organizations.updateTeam(org, team.slug(),
                new TeamChange(change.name(), change.description(), change.privacy()), caller.actor()));
    }

    @DELETE
    @Path("{slug}")
    public Response delete(@PathParam("org") String org, @PathParam("slug") String slug,
            @Context HttpServletRequest request) {
        Caller caller = Caller.of(request);
        Team team = team(caller, org, slug, IdentityAuthorities.ADMIN);
        organizations.deleteTeam(org, team.slug(), caller.actor());
        return Response.noContent().build();
    }

    @GET
    @Path("{slug}/members")
    public Page<Map<String, Object>> members(@PathParam("org") String org, @PathParam("slug") String slug,
            @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Team team = team(Caller.of(request), org, slug, IdentityAuthorities.READ);
        Page<TeamMembership> members = organizations.teamMembers(org, team.slug(), PageRequest.of(page, perPage));
        Shapes shapes = new Shapes(uri.getBaseUri());
        return new Page<>(members.items().stream().map(m -> accounts.find(m.user()).map(shapes::simple).orElseThrow())
                .toList(), members.request(), members.total());
    }

    @GET
    @Path("{slug}/memberships/{username}")
    public Map<String, Object> membership(@PathParam("org") String org, @PathParam("slug") String slug,
            @PathParam("username") String username, @Context HttpServletRequest request, @Context UriInfo uri) {
        Team team = team(Caller.of(request), org, slug, IdentityAuthorities.READ);
        TeamMembership membership = organizations.teamMembership(org, team.slug(), username)
                .orElseThrow(ApiException::notFound);
        return new Shapes(uri.getBaseUri()).teamMembership(org, membership);
    }

    /** The JSON body of {@code PUT .../memberships/{username}}. */
    public record MembershipBody(String role) {
    }

    @PUT
    @Path("{slug}/memberships/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> setMembership(@PathParam("org") String org, @PathParam("slug") String slug,
            @PathParam("username") String username, MembershipBody body, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Caller caller = Caller.of(request);
        Team team = team(caller, org, slug, IdentityAuthorities.ADMIN);
        TeamRole role = switch (body == null || body.role() == null ? "member" : body.role()) {
            case "member" -> TeamRole.MEMBER;
            case "maintainer" -> TeamRole.MAINTAINER;
            default -> throw Validation.invalidField("TeamMembership", "role", "role must be member or maintainer");
        };
        return new Shapes(uri.getBaseUri()).teamMembership(org,
                organizations.setTeamMembership(org, team.slug(), username, role, caller.actor()));
    }

    @DELETE
    @Path("{slug}/memberships/{username}")
    public Response removeMembership(@PathParam("org") String org, @PathParam("slug") String slug,
            @PathParam("username") String username, @Context HttpServletRequest request) {
        Caller caller = Caller.of(request);
        boolean self = !caller.principal().anonymous() && caller.login().equalsIgnoreCase(username);
        Team team = team(caller, org, slug, self ? IdentityAuthorities.READ : IdentityAuthorities.ADMIN);
        if (!organizations.removeTeamMember(org, team.slug(), username, caller.actor())) {
            throw ApiException.notFound();
        }
        return Response.noContent().build();
    }

    @GET
    @Path("{slug}/repos")
    public List<Map<String, Object>> repositories(@PathParam("org") String org, @PathParam("slug") String slug,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Team team = team(Caller.of(request), org, slug, IdentityAuthorities.READ);
        Account organization = accounts.find(org).orElseThrow(ApiException::notFound);
        Shapes shapes = new Shapes(uri.getBaseUri());
        return organizations.teamRepositories(org, team.slug()).stream().map(r -> repository(shapes, organization, r))
                .toList();
    }

    private static Map<String, Object> repository(Shapes shapes, Account org, TeamRepository repository) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", repository.repository());
        json.put("full_name", org.login() + "/" + repository.repository());
        json.put("url", shapes.api("repos/" + org.login() + "/" + repository.repository()));
        json.put("owner", shapes.simple(org));
        json.put("role_name", githubName(repository.role()));
        Map<String, Boolean> permissions = new LinkedHashMap<>();
        permissions.put("admin", repository.role().includes(Role.ADMIN));
        permissions.put("maintain", repository.role().includes(Role.MAINTAIN));
        permissions.put("push", repository.role().includes(Role.WRITE));
        permissions.put("triage", repository.role().includes(Role.TRIAGE));
        permissions.put("pull", true);
        json.put("permissions", permissions);
        return json;
    }

    /** GitHub's permission names for a role. */
    static String githubName(Role role) {
        return switch (role) {
            case READ -> "pull";
            case TRIAGE -> "triage";
            case WRITE -> "push";
            case MAINTAIN -> "maintain";
            case ADMIN -> "admin";
        };
    }

    static Role parseRole(String permission) {
        return switch (permission == null ? "push" : permission.toLowerCase(Locale.ROOT)) {
            case "pull", "read" -> Role.READ;
            case "triage" -> Role.TRIAGE;
            case "push", "write" -> Role.WRITE;
            case "maintain" -> Role.MAINTAIN;
            case "admin" -> Role.ADMIN;
            default -> throw Validation.invalidField("Team", "permission",
                    "permission must be pull, triage, push, maintain or admin");
        };
    }

    /** The JSON body of {@code PUT .../repos/{owner}/{repo}}. */
    public record RepositoryBody(String permission) {
    }

    @PUT
    @Path("{slug}/repos/{owner}/{repo}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response grant(@PathParam("org") String org, @PathParam("slug") String slug, @PathParam("owner") String owner,
            @PathParam("repo") String repo, RepositoryBody body, @Context HttpServletRequest request) {
        Caller caller = Caller.of(request);
        Team team = team(caller, org, slug, IdentityAuthorities.ADMIN);
        requireOwnRepository(caller, org, owner, repo);
        organizations.grantTeamRepository(org, team.slug(), repo, parseRole(body == null ? null : body.permission()),
                caller.actor());
        return Response.noContent().build();
    }

    @DELETE
    @Path("{slug}/repos/{owner}/{repo}")
    public Response revoke(@PathParam("org") String org, @PathParam("slug") String slug, @PathParam("owner") String owner,
            @PathParam("repo") String repo, @Context HttpServletRequest request) {
        Caller caller = Caller.of(request);
        Team team = team(caller, org, slug, IdentityAuthorities.ADMIN);
        if (!organizations.revokeTeamRepository(org, team.slug(), repo, caller.actor())) {
            throw ApiException.notFound();
        }
        return Response.noContent().build();
    }

    /**
     * A team gets roles on its own organisation's repositories only. Once a capability answers for repositories,
     * the caller must also administer the repository, as on GitHub.
     */
    private void requireOwnRepository(Caller caller, String org, String owner, String repo) {
        if (!owner.equalsIgnoreCase(org)) {
            throw Validation.invalidField("Team", "owner", "a team can only be given " + org + "'s repositories");
        }
        if (permissions.knows("repository")) {
            permissions.require(caller.principal(), IdentityAuthorities.ADMIN, new ResourceRef("repository", org + "/" + repo));
        }
    }
}
