package io.codara.git.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
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
import io.codara.api.rest.ApiError.FieldError;
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
 * Starring, as GitHub's REST API has it: {@code PUT/DELETE/GET /user/starred/{owner}/{repo}},
 * {@code /user/starred}, {@code /users/{username}/starred} and {@code /repos/{owner}/{repo}/stargazers}, each list
 * also in the {@code application/vnd.github.star+json} shape that adds {@code starred_at}. Only who may read a
 * repository may star it or see it starred: a repository the caller may not read is a 404, and the lists leave it
 * out (so a repository that became private drops out of the lists of those who may no longer read it).
 */
final class StarResource {

    /** GitHub's media type for lists with {@code starred_at}. */
    static final String STAR_JSON = "application/vnd.github.star+json";

    private StarResource() {
    }

    /** Whether the request asked for {@link #STAR_JSON}. */
    static boolean starJson(HttpServletRequest request) {
        java.util.Enumeration<String> accept = request.getHeaders("Accept");
        if (accept == null) {
            return false;
        }
        for (String header : Collections.list(accept)) {
            if (header != null && header.toLowerCase(java.util.Locale.ROOT).contains(STAR_JSON)) {
                return true;
            }
        }
        return false;
    }

    /** The repository {@code owner/name} (following renames), if the caller may read it; 404 otherwise. */
    static Repository readable(Repositories repositories, Permissions permissions, String owner, String name,
            Principal principal) {
        Repository repository = repositories.resolve(owner, name).orElseThrow(ApiException::notFound);
        permissions.require(principal, RepositoryAuthority.READ, new ResourceRef("repository", repository.fullName()));
        return repository;
    }

    /**
     * The starred repositories the caller may read, sorted by {@code sort} ({@code created}: when starred, the
     * default; {@code updated}: last push) and {@code direction} (newest first by default), one page, as GitHub's
     * repository JSON or, for {@link #STAR_JSON}, as {@code {starred_at, repo}}.
     */
    static Page<Map<String, Object>> starred(List<RepositoryStars.Starred> stars, String sort, String direction,
            boolean starJson, Permissions permissions, RepositoryRoles roles, Accounts accounts, Principal principal,
            PageRequest page, UriInfo uri) {
        Comparator<RepositoryStars.Starred> order = switch (sort == null ? "created" : sort) {
            case "created" -> Comparator.comparing(RepositoryStars.Starred::starredAt);
            case "updated" -> Comparator.comparing((RepositoryStars.Starred s) -> Optional.ofNullable(
                    s.repository().pushedAt()).orElse(s.repository().createdAt()));
            default -> throw ApiException.validation(List.of(new FieldError("Starred", "sort", "invalid",
                    "sort takes created or updated")));
        };
        order = order.thenComparing(s -> s.repository().id());
        if (!"asc".equalsIgnoreCase(direction)) {
            order = order.reversed();
        }
        List<RepositoryStars.Starred> readable = stars.stream()
                .filter(s -> permissions.decide(principal, RepositoryAuthority.READ,
                        new ResourceRef("repository", s.repository().fullName())) == Decision.ALLOW)
                .sorted(order).toList();
        int from = (int) Math.min(page.offset(), readable.size());
        int to = Math.min(from + page.perPage(), readable.size());
        RepositoryJson json = new RepositoryJson(uri.getBaseUri());
        Map<String, Optional<Account>> owners = new HashMap<>();
        List<Map<String, Object>> items = new ArrayList<>();
        for (RepositoryStars.Starred star : readable.subList(from, to)) {
            Repository repository = star.repository();
            owners.computeIfAbsent(repository.owner(), accounts::find).ifPresent(owner -> {
                Map<String, Object> repo = json.of(repository, owner, roles.role(principal, repository));
                if (starJson) {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("starred_at", time(star.starredAt()));
                    item.put("repo", repo);
                    items.add(item);
                } else {
                    items.add(repo);
                }
            });
        }
        return new Page<>(items, page, readable.size());
    }

    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** {@code /user/starred/{owner}/{repo}}: 204 when the caller starred it, 404 when not; star; unstar. */
    @Component(service = Starring.class)
    @JakartarsResource
    @Path("user/starred/{owner}/{repo}")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Starring {

        private final Repositories repositories;
        private final Permissions permissions;
        private final RepositoryStars stars;
        private final Accounts accounts;

        @Activate
        public Starring(@Reference Repositories repositories, @Reference Permissions permissions,
                @Reference RepositoryStars stars, @Reference Accounts accounts) {
            this.repositories = repositories;
            this.permissions = permissions;
            this.stars = stars;
            this.accounts = accounts;
        }

        @GET
        public Response get(@PathParam("owner") String owner, @PathParam("repo") String name,
                @Context HttpServletRequest request) {
            Account caller = SubscriptionResource.caller(accounts, request);
            Repository repository = readable(repositories, permissions, owner, name,
                    RepositoryResource.principal(request));
            stars.starredAt(repository.id(), caller.id()).orElseThrow(ApiException::notFound);
            return Response.noContent().build();
        }

        @PUT
        public Response put(@PathParam("owner") String owner, @PathParam("repo") String name,
                @Context HttpServletRequest request) {
            Account caller = SubscriptionResource.caller(accounts, request);
            Repository repository = readable(repositories, permissions, owner, name,
                    RepositoryResource.principal(request));
            stars.star(repository.id(), caller.id());
            return Response.noContent().build();
        }

        @DELETE
        public Response delete(@PathParam("owner") String owner, @PathParam("repo") String name,
                @Context HttpServletRequest request) {
            Account caller = SubscriptionResource.caller(accounts, request);
            Repository repository = readable(repositories, permissions, owner, name,
                    RepositoryResource.principal(request));
            stars.unstar(repository.id(), caller.id());
            return Response.noContent().build();
        }
    }

    /** {@code /user/starred}: the repositories the signed-in caller starred (and may still read). */
    @Component(service = Mine.class)
    @JakartarsResource
    @Path("user/starred")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Mine {

        private final RepositoryStars stars;
        private final RepositoryRoles roles;
        private final Accounts accounts;
        private final Permissions permissions;

        @Activate
        public Mine(@Reference RepositoryStars stars, @Reference RepositoryRoles roles, @Reference Accounts accounts,
                @Reference Permissions permissions) {
            this.stars = stars;
            this.roles = roles;
            this.accounts = accounts;
            this.permissions = permissions;
        }

        @GET
        public Page<Map<String, Object>> list(@QueryParam("sort") String sort,
                @QueryParam("direction") String direction, @QueryParam("page") Integer page,
                @QueryParam("per_page") Integer perPage, @Context HttpServletRequest request, @Context UriInfo uri) {
            Account caller = SubscriptionResource.caller(accounts, request);
            return starred(stars.starredBy(caller.id()), sort, direction, starJson(request), permissions, roles,
                    accounts, RepositoryResource.principal(request), PageRequest.of(page, perPage), uri);
        }
    }

    /** {@code /users/{username}/starred}: the repositories a user starred, of those the caller may read. */
    @Component(service = OfUser.class)
    @JakartarsResource
    @Path("users/{username}/starred")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class OfUser {

        private final RepositoryStars stars;
        private final RepositoryRoles roles;
        private final Accounts accounts;
        private final Permissions permissions;

        @Activate
        public OfUser(@Reference RepositoryStars stars, @Reference RepositoryRoles roles, @Reference Accounts accounts,
                @Reference Permissions permissions) {
            this.stars = stars;
            this.roles = roles;
            this.accounts = accounts;
            this.permissions = permissions;
        }

        @GET
        public Page<Map<String, Object>> list(@PathParam("username") String username, @QueryParam("sort") String sort,
                @QueryParam("direction") String direction, @QueryParam("page") Integer page,
                @QueryParam("per_page") Integer perPage, @Context HttpServletRequest request, @Context UriInfo uri) {
            Account user = SubscriptionResource.user(accounts, permissions, username, request);
            return starred(stars.starredBy(user.id()), sort, direction, starJson(request), permissions, roles,
                    accounts, RepositoryResource.principal(request), PageRequest.of(page, perPage), uri);
        }
    }

    /** {@code /repos/{owner}/{repo}/stargazers}: who starred the repository, earliest first. */
    @Component(service = Stargazers.class)
    @JakartarsResource
    @Path("repos/{owner}/{repo}/stargazers")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Stargazers {

        private final RepositoryAccess access;
        private final RepositoryStars stars;
        private final Accounts accounts;

        @Activate
        public Stargazers(@Reference RepositoryAccess access, @Reference RepositoryStars stars,
                @Reference Accounts accounts) {
            this.access = access;
            this.stars = stars;
            this.accounts = accounts;
        }

        @GET
        public Page<Map<String, Object>> list(@PathParam("owner") String owner, @PathParam("repo") String name,
                @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
                @Context HttpServletRequest request, @Context UriInfo uri) {
            Repository repository = access.readable(owner, name, request, uri);
            boolean starJson = starJson(request);
            Page<RepositoryStars.Stargazer> found = stars.stargazers(repository.id(), PageRequest.of(page, perPage));
            RepositoryJson json = new RepositoryJson(uri.getBaseUri());
            List<Map<String, Object>> users = new ArrayList<>();
            for (RepositoryStars.Stargazer stargazer : found.items()) {
                accounts.find(stargazer.accountId()).ifPresent(account -> {
                    if (starJson) {
                        Map<String, Object> item = new LinkedHashMap<>();
                        item.put("starred_at", time(stargazer.starredAt()));
                        item.put("user", json.owner(account));
                        users.add(item);
                    } else {
                        users.add(json.owner(account));
                    }
                });
            }
            return new Page<>(users, found.request(), found.total());
        }
    }
}
