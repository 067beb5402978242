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

import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /repos/{owner}/{repo}/compare/{base}...{head}}: whether head is ahead of, behind, identical to or diverged
 * from base, head's own commits, and the files changed on head since their merge base (GitHub's three-dot diff).
 */
@Component(service = CompareResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/compare")
@Produces(MediaType.APPLICATION_JSON)
public final class CompareResource {

    private final RepositoryAccess access;
    private final RepositoryBrowser browser;
    private final CommitSignatures signatures;

    @Activate
    public CompareResource(@Reference RepositoryAccess access, @Reference RepositoryBrowser browser,
            @Reference CommitSignatures signatures) {
        this.access = access;
        this.browser = browser;
        this.signatures = signatures;
    }

    /** Refs never contain "..", so the first "..." splits base from head even when both hold slashes or dots. */
    @GET
    @Path("{basehead: .+}")
    public Map<String, Object> compare(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("basehead") String basehead, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = access.readable(owner, name, request, uri);
        int dots = basehead.indexOf("...");
        if (dots <= 0 || dots + 3 >= basehead.length()) {
            throw ApiException.notFound();
        }
        String base = local(repository, basehead.substring(0, dots));
        String head = local(repository, basehead.substring(dots + 3));
        return new GitJson(uri.getBaseUri(), repository, signatures.lookup()).comparison(browser.compare(repository, base, head), base, head);
    }

    /** {@code owner:ref} names a ref of this repository when owner is its owner; other forks are not compared yet. */
    private static String local(Repository repository, String ref) {
        int colon = ref.indexOf(':');
        if (colon < 0) {
            return ref;
        }
        if (!ref.substring(0, colon).equalsIgnoreCase(repository.owner())) {
            throw ApiException.notFound();
        }
        return ref.substring(colon + 1);
    }
}
