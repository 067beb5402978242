package io.codara.git.internal;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Permissions;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * GitHub's Events API: {@code /events} (public activity), {@code /repos/{owner}/{repo}/events},
 * {@code /users/{username}/events[/public]} (what the user did) and {@code /users/{username}/received_events[/public]}
 * (what happened in the repositories the user watches), newest first, paged with {@code Link}. The work is
 * {@link ActivityFeeds}'.
 */
final class EventsResource {

    private EventsResource() {
    }

    /** {@code /events}: the activity of public repositories. */
    @Component(service = Public.class)
    @JakartarsResource
    @Path("events")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Public {

        private final ActivityFeeds feeds;

        @Activate
        public Public(@Reference ActivityFeeds feeds) {
            this.feeds = feeds;
        }

        @GET
        public Page<Map<String, Object>> list(@QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
                @Context HttpServletRequest request, @Context UriInfo uri) {
            return feeds.publicEvents(RepositoryResource.principal(request), PageRequest.of(page, perPage),
                    uri.getBaseUri());
        }
    }

    /** {@code /repos/{owner}/{repo}/events}: what happened in one repository. */
    @Component(service = OfRepository.class)
    @JakartarsResource
    @Path("repos/{owner}/{repo}/events")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class OfRepository {

        private final ActivityFeeds feeds;
        private final RepositoryAccess access;

        @Activate
        public OfRepository(@Reference ActivityFeeds feeds, @Reference RepositoryAccess access) {
            this.feeds = feeds;
            this.access = access;
        }

        @GET
        public Page<Map<String, Object>> list(@PathParam("owner") String owner, @PathParam("repo") String name,
                @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
                @Context HttpServletRequest request, @Context UriInfo uri) {
            return feeds.ofRepository(access.readable(owner, name, request, uri), RepositoryResource.principal(request),
                    PageRequest.of(page, perPage), uri.getBaseUri());
        }
    }

    /** {@code /users/{username}/events}: what a user did, in the repositories the caller may read. */
    @Component(service = ByUser.class)
    @JakartarsResource
    @Path("users/{username}/events")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class ByUser {

        private final ActivityFeeds feeds;
        private final Accounts accounts;
        private final Permissions permissions;

        @Activate
        public ByUser(@Reference ActivityFeeds feeds, @Reference Accounts accounts, @Reference Permissions permissions) {
            this.feeds = feeds;
            this.accounts = accounts;
            this.permissions = permissions;
        }

        @GET
        public Page<Map<String, Object>> list(@PathParam("username") String username, @QueryParam("page") Integer page,
                @QueryParam("per_page") Integer perPage, @Context HttpServletRequest request, @Context UriInfo uri) {
            return list(username, false, page, perPage, request, uri);
        }

        @GET
        @Path("public")
        public Page<Map<String, Object>> listPublic(@PathParam("username") String username,
                @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
                @Context HttpServletRequest request, @Context UriInfo uri) {
            return list(username, true, page, perPage, request, uri);
        }

        private Page<Map<String, Object>> list(String username, boolean publicOnly, Integer page, Integer perPage,
                HttpServletRequest request, UriInfo uri) {
            Account user = SubscriptionResource.user(accounts, permissions, username, request);
            return feeds.byActor(user, RepositoryResource.principal(request), publicOnly, PageRequest.of(page, perPage),
                    uri.getBaseUri());
        }
    }

    /**
     * {@code /users/{username}/received_events}: what happened in the repositories a user watches; private ones
     * only for the user.
     */
    @Component(service = Received.class)
    @JakartarsResource
    @Path("users/{username}/received_events")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Received {

        private final ActivityFeeds feeds;
        private final Accounts accounts;
        private final Permissions permissions;

        @Activate
        public Received(@Reference ActivityFeeds feeds, @Reference Accounts accounts,
                @Reference Permissions permissions) {
            this.feeds = feeds;
            this.accounts = accounts;
            this.permissions = permissions;
        }

        @GET
        public Page<Map<String, Object>> list(@PathParam("username") String username, @QueryParam("page") Integer page,
                @QueryParam("per_page") Integer perPage, @Context HttpServletRequest request, @Context UriInfo uri) {
            return list(username, false, page, perPage, request, uri);
        }

        @GET
        @Path("public")
        public Page<Map<String, Object>> listPublic(@PathParam("username") String username,
                @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
                @Context HttpServletRequest request, @Context UriInfo uri) {
            return list(username, true, page, perPage, request, uri);
        }

        private Page<Map<String, Object>> list(String username, boolean publicOnly, Integer page, Integer perPage,
                HttpServletRequest request, UriInfo uri) {
            Account user = SubscriptionResource.user(accounts, permissions, username, request);
            return feeds.received(user, RepositoryResource.principal(request), publicOnly,
                    PageRequest.of(page, perPage), uri.getBaseUri());
        }
    }
}
