package io.codara.git.internal;

import java.net.URI;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.auth.Scopes;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;

/**
 * Listing and creating repositories under their owners, as GitHub does: {@code /user/repos},
 * {@code /users/{username}/repos}, {@code /orgs/{org}/repos}. Three root resources, because JAX-RS picks one
 * root class per request by its longest literal path, and {@code /user}, {@code /users} and {@code /orgs} belong
 * to the identity capability.
 */
final class RepositoryListsResource {

    private RepositoryListsResource() {
    }

    /**
     * Who a list is filtered for: a token that may not read repositories lists what anonymous callers see, so
     * private names never leak through a token without {@code repo:read}.
     */
    static Principal viewer(Principal principal) {
        return principal.scopes() == null || Scopes.satisfies(principal.scopes(), Scopes.REPO_READ) ? principal
                : Principal.ANONYMOUS;
    }

    static Page<Map<String, Object>> page(Page<Repository> page, Accounts accounts, RepositoryRoles roles,
            Principal principal, UriInfo uri) {
        RepositoryJson json = new RepositoryJson(uri.getBaseUri());
        return new Page<>(page.items().stream().map(r -> json.of(r, accounts.find(r.owner()).orElseThrow(),
                roles.role(principal, r))).toList(), page.request(), page.total());
    }

    static Response created(Repository repository, Accounts accounts, RepositoryRoles roles, Principal principal,
            UriInfo uri) {
        return Response.created(URI.create(uri.getBaseUri() + "repos/" + repository.fullName()))
                .entity(new RepositoryJson(uri.getBaseUri()).of(repository,
                        accounts.find(repository.owner()).orElseThrow(), roles.role(principal, repository)))
                .build();
    }

    /** {@code /user/repos}: the signed-in user's repositories; creating one there. */
    @org.osgi.service.component.annotations.Component(service = Mine.class)
    @org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource
    @Path("user/repos")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Mine {

        private final Repositories repositories;
        private final RepositoryRoles roles;
        private final Accounts accounts;
        private final Permissions permissions;

        @org.osgi.service.component.annotations.Activate
        public Mine(@org.osgi.service.component.annotations.Reference Repositories repositories,
                @org.osgi.service.component.annotations.Reference RepositoryRoles roles,
                @org.osgi.service.component.annotations.Reference Accounts accounts,
                @org.osgi.service.component.annotations.Reference Permissions permissions) {
            this.repositories = repositories;
            this.roles = roles;
            this.accounts = accounts;
            this.permissions = permissions;
        }

        @GET
        public Page<Map<String, Object>> list(@QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
                @Context HttpServletRequest request, @Context UriInfo uri) {
            Principal principal = RepositoryResource.principal(request);
            String login = RepositoryResource.actor(request).login();
            permissions.require(principal, "read", new ResourceRef("user", login));
            return page(repositories.list(login, viewer(principal), PageRequest.of(page, perPage)), accounts, roles, principal, uri);
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        public Response create(RepositoryBody body, @Context HttpServletRequest request, @Context UriInfo uri) {
            Principal principal = RepositoryResource.principal(request);
            String login = RepositoryResource.actor(request).login();
            // Creating a repository needs a token that may write repositories.
            permissions.require(principal, "create_repository", new ResourceRef("user", login));
            if (body == null) {
                throw RepositoryNames.invalid("name", "missing_field", "name is required");
            }
            Repository repository = repositories.create(login, body.toNew(), RepositoryResource.actor(request));
            return created(repository, accounts, roles, principal, uri);
        }
    }

    /** {@code /users/{username}/repos}: a user's repositories that the caller may see. */
    @org.osgi.service.component.annotations.Component(service = OfUser.class)
    @org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource
    @Path("users/{username}/repos")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class OfUser {

        private final Repositories repositories;
        private final RepositoryRoles roles;
        private final Accounts accounts;
        private final Permissions permissions;

        @org.osgi.service.component.annotations.Activate
        public OfUser(@org.osgi.service.component.annotations.Reference Repositories repositories,
                @org.osgi.service.component.annotations.Reference RepositoryRoles roles,
                @org.osgi.service.component.annotations.Reference Accounts accounts,
                @org.osgi.service.component.annotations.Reference Permissions permissions) {
            this.repositories = repositories;
            this.roles = roles;
            this.accounts = accounts;
            this.permissions = permissions;
        }

        @GET
        public Page<Map<String, Object>> list(@PathParam("username") String username, @QueryParam("page") Integer page,
                @QueryParam("per_page") Integer perPage, @Context HttpServletRequest request, @Context UriInfo uri) {
            Principal principal = RepositoryResource.principal(request);
            Account owner = accounts.find(username).orElseThrow(ApiException::notFound);
            permissions.require(principal, "read",
                    new ResourceRef(owner.organization() ? "organization" : "user", owner.login()));
            return page(repositories.list(owner.login(), viewer(principal), PageRequest.of(page, perPage)), accounts, roles,
                    principal, uri);
        }
    }

    /** {@code /orgs/{org}/repos}: an organisation's repositories the caller may see; members create them. */
    @org.osgi.service.component.annotations.Component(service = OfOrganization.class)
    @org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource
    @Path("orgs/{org}/repos")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class OfOrganization {

        private final Repositories repositories;
        private final RepositoryRoles roles;
        private final Accounts accounts;
        private final Permissions permissions;

        @org.osgi.service.component.annotations.Activate
        public OfOrganization(@org.osgi.service.component.annotations.Reference Repositories repositories,
                @org.osgi.service.component.annotations.Reference RepositoryRoles roles,
                @org.osgi.service.component.annotations.Reference Accounts accounts,
                @org.osgi.service.component.annotations.Reference Permissions permissions) {
            this.repositories = repositories;
            this.roles = roles;
            this.accounts = accounts;
            this.permissions = permissions;
        }

        @GET
        public Page<Map<String, Object>> list(@PathParam("org") String org, @QueryParam("page") Integer page,
                @QueryParam("per_page") Integer perPage, @Context HttpServletRequest request, @Context UriInfo uri) {
            Principal principal = RepositoryResource.principal(request);
            permissions.require(principal, "read", new ResourceRef("organization", org));
            Account owner = accounts.find(org).orElseThrow(ApiException::notFound);
            return page(repositories.list(owner.login(), viewer(principal), PageRequest.of(page, perPage)), accounts, roles,
                    principal, uri);
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        public Response create(@PathParam("org") String org, RepositoryBody body, @Context HttpServletRequest request,
                @Context UriInfo uri) {
            Principal principal = RepositoryResource.principal(request);
            // As on GitHub by default, members may create the organisation's repositories.
            permissions.require(principal, "create_repository", new ResourceRef("organization", org));
            if (body == null) {
                throw RepositoryNames.invalid("name", "missing_field", "name is required");
            }
            Account owner = accounts.find(org).orElseThrow(ApiException::notFound);
            Repository repository = repositories.create(owner.login(), body.toNew(), RepositoryResource.actor(request));
            return created(repository, accounts, roles, principal, uri);
        }
    }
}
