package io.codara.git.internal;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Permissions;
import io.codara.api.security.ResourceRef;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * How every {@code /repos/{owner}/{repo}/...} resource finds its repository: resolved by name (following
 * renames), authorised by the permission service (a repository the caller may not see is a 404, exactly like one
 * that does not exist), and answered with a 301 to the same path under the new name when it moved.
 */
@Component(service = RepositoryAccess.class)
public final class RepositoryAccess {

    private final Repositories repositories;
    private final Permissions permissions;

    @Activate
    public RepositoryAccess(@Reference Repositories repositories, @Reference Permissions permissions) {
        this.repositories = repositories;
        this.permissions = permissions;
    }

    /** The repository, after the permission service allowed {@code action}; {@link Moved} when it moved. */
    Repository authorised(String owner, String name, String action, HttpServletRequest request, UriInfo uri) {
        Repository repository = repositories.resolve(owner, name).orElseThrow(ApiException::notFound);
        permissions.require(RepositoryResource.principal(request), action,
                new ResourceRef("repository", repository.fullName()));
        if (!repository.owner().equalsIgnoreCase(owner) || !repository.name().equalsIgnoreCase(name)) {
            throw new Moved(movedTo(repository, uri));
        }
        return repository;
    }

    /** The repository, if the caller may read it. */
    Repository readable(String owner, String name, HttpServletRequest request, UriInfo uri) {
        return authorised(owner, name, RepositoryAuthority.READ, request, uri);
    }

    /** The request's URL with the repository's current owner and name, keeping the rest of the path and the query. */
    static URI movedTo(Repository repository, UriInfo uri) {
        // The path relative to .../api/v3/ is "repos/{owner}/{repo}[/rest]", still encoded as the client sent it.
        String[] segments = uri.getPath(false).replaceFirst("^/+", "").split("/", 4);
        String rest = segments.length == 4 ? "/" + segments[3] : "";
        String query = uri.getRequestUri().getRawQuery();
        return URI.create(uri.getBaseUri() + "repos/" + repository.fullName() + rest + (query == null ? "" : "?" + query));
    }

    /**
     * A repository that moved: GitHub answers 301 with the new URL, and so do we. The answer carries its entity, so
     * JAX-RS sends it as it is.
     */
    static final class Moved extends WebApplicationException {

        private static final long serialVersionUID = 1L;

        Moved(URI location) {
            super(response(location));
        }

        private static Response response(URI location) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("message", "Moved Permanently");
            body.put("url", location.toString());
            body.put("documentation_url", "https://docs.github.com/rest/guides/best-practices-for-using-the-rest-api#follow-redirects");
            return Response.status(301).location(location).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
        }
    }
}
