package io.codara.git.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * Watching, as GitHub's repository subscriptions: {@code /repos/{owner}/{repo}/subscription} (the caller's own),
 * {@code /repos/{owner}/{repo}/subscribers}, {@code /user/subscriptions} and {@code /users/{username}/subscriptions}.
 * Only who may read a repository may watch it, and the lists show only repositories the caller may read.
 */
final class SubscriptionResource {

    private SubscriptionResource() {
    }

    /** The signed-in caller's account (401 for anonymous callers). */
    static Account caller(Accounts accounts, HttpServletRequest request) {
        String login = RepositoryResource.actor(request).login();
        return accounts.find(login).orElseThrow(() -> new ApiException(401, "Requires authentication"));
    }

    /** A user (not an organisation) the caller may see: suspended users are hidden as the identity capability says. */
    static Account user(Accounts accounts, Permissions permissions, String login, HttpServletRequest request) {
        Account user = accounts.find(login).filter(a -> !a.organization()).orElseThrow(ApiException::notFound);
        permissions.require(RepositoryResource.principal(request), "read", new ResourceRef("user", user.login()));
        return user;
    }

    static Map<String, Object> json(RepositorySubscriptions.Subscription subscription, Repository repository,
            UriInfo uri) {
        String url = uri.getBaseUri() + "repos/" + repository.fullName();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("subscribed", subscription.subscribed());
        json.put("ignored", subscription.ignored());
        json.put("reason", null);
        json.put("created_at", subscription.createdAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        json.put("url", url + "/subscription");
        json.put("repository_url", url);
        return json;
    }

    /** The repositories, of those with these ids, that the caller may read, as GitHub's JSON, one page. */
    static Page<Map<String, Object>> repositories(List<Long> ids, Repositories repositories, RepositoryRoles roles,
            Accounts accounts, Permissions permissions, Principal principal, PageRequest page, UriInfo uri) {
        List<Repository> readable = new ArrayList<>();
        for (long id : ids) {
            repositories.find(id).filter(r -> permissions.decide(principal, RepositoryAuthority.READ,
                    new ResourceRef("repository", r.fullName())) == Decision.ALLOW).ifPresent(readable::add);
        }
        int from = (int) Math.min(page.offset(), readable.size());
        int to = Math.min(from + page.perPage(), readable.size());
        RepositoryJson json = new RepositoryJson(uri.getBaseUri());
        Map<String, Optional<Account>> owners = new HashMap<>();
        List<Map<String, Object>> items = new ArrayList<>();
        for (Repository repository : readable.subList(from, to)) {
            owners.computeIfAbsent(repository.owner(), accounts::find)
                    .ifPresent(owner -> items.add(json.of(repository, owner, roles.role(principal, repository))));
        }
        return new Page<>(items, page, readable.size());
    }

    /** {@code /repos/{owner}/{repo}/subscription}: whether the caller watches the repository; watch; stop. */
    @Component(service = Subscription.class)
    @JakartarsResource
    @Path("repos/{owner}/{repo}/subscription")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Subscription {

        /** GitHub's body: {@code subscribed} defaults to true unless {@code ignored} is. */
        public record Body(Boolean subscribed, Boolean ignored) {
        }

        private final RepositoryAccess access;
        private final RepositorySubscriptions subscriptions;
        private final Accounts accounts;

        @Activate
        public Subscription(@Reference RepositoryAccess access, @Reference RepositorySubscriptions subscriptions,
                @Reference Accounts accounts) {
            this.access = access;
            this.subscriptions = subscriptions;
            this.accounts = accounts;
        }

        @GET
        public Map<String, Object> get(@PathParam("owner") String owner, @PathParam("repo") String name,
                @Context HttpServletRequest request, @Context UriInfo uri) {
            Account caller = caller(accounts, request);
            Repository repository = access.readable(owner, name, request, uri);
            return json(subscriptions.find(repository.id(), caller.id()).orElseThrow(ApiException::notFound),
                    repository, uri);
        }

        @PUT
        @Consumes(MediaType.APPLICATION_JSON)
        public Map<String, Object> put(@PathParam("owner") String owner, @PathParam("repo") String name, Body body,
                @Context HttpServletRequest request, @Context UriInfo uri) {
            Account caller = caller(accounts, request);
            Repository repository = access.readable(owner, name, request, uri);
            boolean ignored = body != null && Boolean.TRUE.equals(body.ignored());
            boolean subscribed = body == null || body.subscribed() == null ? !ignored : body.subscribed();
            return json(subscriptions.set(repository.id(), caller.id(), subscribed, ignored), repository, uri);
        }

        @DELETE
        public Response delete(@PathParam("owner") String owner, @PathParam("repo") String name,
                @Context HttpServletRequest request, @Context UriInfo uri) {
            Account caller = caller(accounts, request);
            Repository repository = access.readable(owner, name, request, uri);
            subscriptions.delete(repository.id(), caller.id());
            return Response.noContent().build();
        }
    }

    /** {@code /repos/{owner}/{repo}/subscribers}: the users who watch the repository. */
    @Component(service = Subscribers.class)
    @JakartarsResource
    @Path("repos/{owner}/{repo}/subscribers")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Subscribers {

        private final RepositoryAccess access;
        private final RepositorySubscriptions subscriptions;
        private final Accounts accounts;

        @Activate
        public Subscribers(@Reference RepositoryAccess access, @Reference RepositorySubscriptions subscriptions,
                @Reference Accounts accounts) {
            this.access = access;
            this.subscriptions = subscriptions;
            this.accounts = accounts;
        }

        @GET
        public Page<Map<String, Object>> list(@PathParam("owner") String owner, @PathParam("repo") String name,
                @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
                @Context HttpServletRequest request, @Context UriInfo uri) {
            Repository repository = access.readable(owner, name, request, uri);
            Page<Long> ids = subscriptions.watchers(repository.id(), PageRequest.of(page, perPage));
            RepositoryJson json = new RepositoryJson(uri.getBaseUri());
            List<Map<String, Object>> users = new ArrayList<>();
            for (long id : ids.items()) {
                accounts.find(id).ifPresent(a -> users.add(json.owner(a)));
            }
            return new Page<>(users, ids.request(), ids.total());
        }
    }

    /** {@code /user/subscriptions}: the repositories the signed-in caller watches (and may still read). */
    @Component(service = Mine.class)
    @JakartarsResource
    @Path("user/subscriptions")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Mine {

        private final RepositorySubscriptions subscriptions;
        private final Repositories repositories;
        private final RepositoryRoles roles;
        private final Accounts accounts;
        private final Permissions permissions;

        @Activate
        public Mine(@Reference RepositorySubscriptions subscriptions, @Reference Repositories repositories,
                @Reference RepositoryRoles roles, @Reference Accounts accounts, @Reference Permissions permissions) {
            this.subscriptions = subscriptions;
            this.repositories = repositories;
            this.roles = roles;
            this.accounts = accounts;
            this.permissions = permissions;
        }

        @GET
        public Page<Map<String, Object>> list(@QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
                @Context HttpServletRequest request, @Context UriInfo uri) {
            Account caller = caller(accounts, request);
            return repositories(subscriptions.watched(caller.id()), repositories, roles, accounts, permissions,
                    RepositoryResource.principal(request), PageRequest.of(page, perPage), uri);
        }
    }

    /** {@code /users/{username}/subscriptions}: the repositories a user watches, of those the caller may read. */
    @Component(service = OfUser.class)
    @JakartarsResource
    @Path("users/{username}/subscriptions")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class OfUser {

        private final RepositorySubscriptions subscriptions;
        private final Repositories repositories;
        private final RepositoryRoles roles;
        private final Accounts accounts;
        private final Permissions permissions;

        @Activate
        public OfUser(@Reference RepositorySubscriptions subscriptions, @Reference Repositories repositories,
                @Reference RepositoryRoles roles, @Reference Accounts accounts, @Reference Permissions permissions) {
            this.subscriptions = subscriptions;
            this.repositories = repositories;
            this.roles = roles;
            this.accounts = accounts;
            this.permissions = permissions;
        }

        @GET
        public Page<Map<String, Object>> list(@PathParam("username") String username, @QueryParam("page") Integer page,
                @QueryParam("per_page") Integer perPage, @Context HttpServletRequest request, @Context UriInfo uri) {
            Account user = user(accounts, permissions, username, request);
            return repositories(subscriptions.watched(user.id()), repositories, roles, accounts, permissions,
                    RepositoryResource.principal(request), PageRequest.of(page, perPage), uri);
        }
    }
}
