package io.codara.git.internal;

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

import io.codara.api.rest.Page;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * Listing and creating repositories under their owners, as GitHub does: {@code /user/repos},
 * {@code /users/{username}/repos}, {@code /orgs/{org}/repos}; and all of them, {@code /repositories}. Three root resources, because JAX-RS picks one
 * root class per request by its longest literal path, and {@code /user}, {@code /users} and {@code /orgs} belong
 * to the identity capability; the work is {@link RepositoryListing}'s.
 */
final class RepositoryListsResource {

    private RepositoryListsResource() {
    }

    /** {@code /user/repos}: the signed-in user's repositories and its organisations' it works on; creating one. */
    @Component(service = Mine.class)
    @JakartarsResource
    @Path("user/repos")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Mine {

        private final RepositoryListing listing;

        @Activate
        public Mine(@Reference RepositoryListing listing) {
            this.listing = listing;
        }

        @GET
        public Page<Map<String, Object>> list(@QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
                @Context HttpServletRequest request, @Context UriInfo uri) {
            return listing.mine(page, perPage, request, uri);
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        public Response create(RepositoryBody body, @Context HttpServletRequest request, @Context UriInfo uri) {
            return listing.create(RepositoryResource.actor(request).login(), false, body, request, uri);
        }
    }

    /** {@code /repositories}: every repository the caller may see, by id ({@code since}), as GitHub lists them. */
    @Component(service = All.class)
    @JakartarsResource
    @Path("repositories")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class All {

        private final RepositoryListing listing;

        @Activate
        public All(@Reference RepositoryListing listing) {
            this.listing = listing;
        }

        @GET
        public Response list(@QueryParam("since") Long since, @QueryParam("per_page") Integer perPage,
                @Context HttpServletRequest request, @Context UriInfo uri) {
            return listing.all(since, perPage, request, uri);
        }
    }

    /** {@code /users/{username}/repos}: a user's (or organisation's) repositories that the caller may see. */
    @Component(service = OfUser.class)
    @JakartarsResource
    @Path("users/{username}/repos")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class OfUser {

        private final RepositoryListing listing;

        @Activate
        public OfUser(@Reference RepositoryListing listing) {
            this.listing = listing;
        }

        @GET
        public Page<Map<String, Object>> list(@PathParam("username") String username, @QueryParam("page") Integer page,
                @QueryParam("per_page") Integer perPage, @Context HttpServletRequest request, @Context UriInfo uri) {
            return listing.list(username, false, page, perPage, request, uri);
        }
    }

    /** {@code /orgs/{org}/repos}: an organisation's repositories the caller may see; members create them. */
    @Component(service = OfOrganization.class)
    @JakartarsResource
    @Path("orgs/{org}/repos")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class OfOrganization {

        private final RepositoryListing listing;

        @Activate
        public OfOrganization(@Reference RepositoryListing listing) {
            this.listing = listing;
        }

        @GET
        public Page<Map<String, Object>> list(@PathParam("org") String org, @QueryParam("page") Integer page,
                @QueryParam("per_page") Integer perPage, @Context HttpServletRequest request, @Context UriInfo uri) {
            return listing.list(org, true, page, perPage, request, uri);
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        public Response create(@PathParam("org") String org, RepositoryBody body, @Context HttpServletRequest request,
                @Context UriInfo uri) {
            return listing.create(org, true, body, request, uri);
        }
    }
}
