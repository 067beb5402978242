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

import io.codara.api.git.Repository;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code /repos/{owner}/{repo}/tags}: a repository's tags with the commits they (or their tag objects) point at. */
@Component(service = TagsResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/tags")
@Produces(MediaType.APPLICATION_JSON)
public final class TagsResource {

    private final RepositoryAccess access;
    private final RepositoryBrowser browser;

    @Activate
    public TagsResource(@Reference RepositoryAccess access, @Reference RepositoryBrowser browser) {
        this.access = access;
        this.browser = browser;
    }

    @GET
    public Page<Map<String, Object>> list(@PathParam("owner") String owner, @PathParam("repo") String name,
            @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = access.readable(owner, name, request, uri);
        GitJson json = new GitJson(uri.getBaseUri(), repository);
        Page<RepositoryBrowser.Named> tags = browser.tags(repository, PageRequest.of(page, perPage));
        return new Page<>(tags.items().stream().map(json::tag).toList(), tags.request(), tags.total());
    }
}
