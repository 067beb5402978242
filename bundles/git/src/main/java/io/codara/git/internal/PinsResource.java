package io.codara.git.internal;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * Codara's pinned repositories of a profile (GitHub has them in GraphQL only): read them for any user or
 * organisation ({@code /users/{login}/pinned_repositories}, only what the caller may see), set one's own
 * ({@code PUT /user/pinned_repositories}) or an organisation's as its admin ({@code PUT /orgs/{org}/...}).
 */
final class PinsResource {

    private PinsResource() {
    }

    /** The JSON body of the {@code PUT}s: {@code owner/name}s in order. */
    public record Body(List<String> repositories) {
    }

    static List<Map<String, Object>> json(List<Repository> pinned, Accounts accounts, RepositoryRoles roles,
            Principal principal, UriInfo uri) {
        RepositoryJson json = new RepositoryJson(uri.getBaseUri());
        return pinned.stream().map(r -> json.of(r, accounts.find(r.owner()).orElseThrow(ApiException::notFound),
                roles.role(principal, r))).toList();
    }

    /** {@code GET /users/{login}/pinned_repositories}. */
    @Component(service = OfUser.class)
    @JakartarsResource
    @Path("users/{login}/pinned_repositories")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class OfUser {

        private final Repositories repositories;
        private final Accounts accounts;
        private final RepositoryRoles roles;
        private final Permissions permissions;

        @Activate
        public OfUser(@Reference Repositories repositories, @Reference Accounts accounts,
                @Reference RepositoryRoles roles, @Reference Permissions permissions) {
            this.repositories = repositories;
            this.accounts = accounts;
            this.roles = roles;
            this.permissions = permissions;
        }

        @GET
        public List<Map<String, Object>> list(@PathParam("login") String login, @Context HttpServletRequest request,
                @Context UriInfo uri) {
            Principal principal = RepositoryResource.principal(request);
            Account account = accounts.find(login).orElseThrow(ApiException::notFound);
            permissions.require(principal, "read",
                    new ResourceRef(account.organization() ? "organization" : "user", account.login()));
            return json(repositories.pinned(account.login(), principal), accounts, roles, principal, uri);
        }
    }

    /** {@code PUT /user/pinned_repositories}: the signed-in user's pins. */
    @Component(service = Mine.class)
    @JakartarsResource
    @Path("user/pinned_repositories")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Mine {

        private final Repositories repositories;
        private final Accounts accounts;
        private final RepositoryRoles roles;
        private final Permissions permissions;

        @Activate
        public Mine(@Reference Repositories repositories, @Reference Accounts accounts,
                @Reference RepositoryRoles roles, @Reference Permissions permissions) {
            this.repositories = repositories;
            this.accounts = accounts;
            this.roles = roles;
            this.permissions = permissions;
        }

        @GET
        public List<Map<String, Object>> list(@Context HttpServletRequest request, @Context UriInfo uri) {
            String login = RepositoryResource.actor(request).login();
            Principal principal = RepositoryResource.principal(request);
            return json(repositories.pinned(login, principal), accounts, roles, principal, uri);
        }

        @PUT
        @Consumes(MediaType.APPLICATION_JSON)
        public List<Map<String, Object>> replace(Body body, @Context HttpServletRequest request, @Context UriInfo uri) {
            var actor = RepositoryResource.actor(request);
            Principal principal = RepositoryResource.principal(request);
            permissions.require(principal, "write", new ResourceRef("user", actor.login()));
            return json(repositories.pin(actor.login(), body == null ? null : body.repositories(), principal, actor),
                    accounts, roles, principal, uri);
        }
    }

    /** {@code PUT /orgs/{org}/pinned_repositories}: an organisation's pins, set by its admins. */
    @Component(service = OfOrganization.class)
    @JakartarsResource
    @Path("orgs/{org}/pinned_repositories")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class OfOrganization {

        private final Repositories repositories;
        private final Accounts accounts;
        private final RepositoryRoles roles;
        private final Permissions permissions;

        @Activate
        public OfOrganization(@Reference Repositories repositories, @Reference Accounts accounts,
                @Reference RepositoryRoles roles, @Reference Permissions permissions) {
            this.repositories = repositories;
            this.accounts = accounts;
            this.roles = roles;
            this.permissions = permissions;
        }

        @GET
        public List<Map<String, Object>> list(@PathParam("org") String org, @Context HttpServletRequest request,
                @Context UriInfo uri) {
            Principal principal = RepositoryResource.principal(request);
            Account account = accounts.find(org).filter(Account::organization).orElseThrow(ApiException::notFound);
            return json(repositories.pinned(account.login(), principal), accounts, roles, principal, uri);
        }

        @PUT
        @Consumes(MediaType.APPLICATION_JSON)
        public List<Map<String, Object>> replace(@PathParam("org") String org, Body body,
                @Context HttpServletRequest request, @Context UriInfo uri) {
            var actor = RepositoryResource.actor(request);
            Principal principal = RepositoryResource.principal(request);
            Account account = accounts.find(org).filter(Account::organization).orElseThrow(ApiException::notFound);
            permissions.require(principal, "admin", new ResourceRef("organization", account.login()));
            return json(repositories.pin(account.login(), body == null ? null : body.repositories(), principal, actor),
                    accounts, roles, principal, uri);
        }
    }
}
