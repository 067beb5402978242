package io.codara.git.internal;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /repos/{owner}/{repo}/languages} (GitHub's: bytes per language on the default branch), and the same under
 * Codara's {@code /repos/{owner}/{repo}/stats/languages}, a root class of its own (one root class per request).
 */
@Component(service = LanguagesResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/languages")
@Produces(MediaType.APPLICATION_JSON)
public final class LanguagesResource {

    private final RepositoryAccess access;
    private final RepositoryLanguages languages;

    @Activate
    public LanguagesResource(@Reference RepositoryAccess access, @Reference RepositoryLanguages languages) {
        this.access = access;
        this.languages = languages;
    }

    @GET
    public Map<String, Long> get(@PathParam("owner") String owner, @PathParam("repo") String name,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        return languages.languages(access.readable(owner, name, request, uri));
    }

    @Component(service = Stats.class)
    @JakartarsResource
    @Path("repos/{owner}/{repo}/stats/languages")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Stats {

        private final RepositoryAccess access;
        private final RepositoryLanguages languages;

        @Activate
        public Stats(@Reference RepositoryAccess access, @Reference RepositoryLanguages languages) {
            this.access = access;
            this.languages = languages;
        }

        @GET
        public Map<String, Long> get(@PathParam("owner") String owner, @PathParam("repo") String name,
                @Context HttpServletRequest request, @Context UriInfo uri) {
            return languages.languages(access.readable(owner, name, request, uri));
        }
    }
}
