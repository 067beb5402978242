package io.codara.git.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.git.BranchUpdate;
import io.codara.api.git.BranchUpdates;
import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /repos/{owner}/{repo}/git/...}: GitHub's git database API: refs (listed, matched by prefix, or one
 * exactly), trees (recursively if asked) and blobs (base64, or raw with GitHub's raw media type); writers delete a
 * branch ({@code DELETE git/refs/heads/{branch}}) through {@link BranchUpdates}, so its protection applies.
 */
@Component(service = GitDatabaseResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/git")
@Produces(MediaType.APPLICATION_JSON)
public final class GitDatabaseResource {

    private final RepositoryAccess access;
    private final RepositoryBrowser browser;
    private final BranchUpdates branches;

    @Activate
    public GitDatabaseResource(@Reference RepositoryAccess access, @Reference RepositoryBrowser browser,
            @Reference BranchUpdates branches) {
        this.access = access;
        this.browser = browser;
        this.branches = branches;
    }

    /** GitHub's delete of a reference; Codara deletes branches only (tags: 422). 204, or 422 when there is none. */
    @DELETE
    @Path("refs/{ref: .+}")
    public Response delete(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("ref") String ref, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = access.authorised(owner, name, RepositoryAuthority.WRITE, request, uri);
        if (!ref.startsWith("heads/")) {
            throw new ApiException(422, "Only branches (heads/...) can be deleted here");
        }
        RepositoryBrowser.RefEntry found = browser.refs(repository, ref).stream()
                .filter(r -> r.ref().equals("refs/" + ref)).findFirst()
                .orElseThrow(() -> new ApiException(422, "Reference does not exist"));
        String branch = ref.substring("heads/".length());
        if (branch.equals(repository.defaultBranch())) {
            throw new ApiException(422, "The default branch cannot be deleted");
        }
        BranchUpdate deleted = branches.update(repository.id(), branch, found.sha(), null,
                RepositoryResource.principal(request), "delete over the API");
        return switch (deleted.status()) {
            case UPDATED -> Response.noContent().build();
            case MOVED -> throw new ApiException(409, deleted.message());
            case REFUSED -> throw new ApiException(422, deleted.message());
        };
    }

    @GET
    @Path("refs")
    public List<Map<String, Object>> refs(@PathParam("owner") String owner, @PathParam("repo") String name,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        return matching(owner, name, "", request, uri);
    }

    /** GitHub's older form: the ref itself when {@code ref} names one exactly, else the refs it is a prefix of. */
    @GET
    @Path("refs/{ref: .+}")
    public Object refsUnder(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("ref") String ref, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = access.readable(owner, name, request, uri);
        GitJson json = new GitJson(uri.getBaseUri(), repository);
        List<RepositoryBrowser.RefEntry> refs = browser.refs(repository, ref);
        Optional<RepositoryBrowser.RefEntry> exact = refs.stream().filter(r -> r.ref().equals("refs/" + ref)).findFirst();
        if (exact.isPresent()) {
            return json.ref(exact.get());
        }
        if (refs.isEmpty()) {
            throw ApiException.notFound();
        }
        return refs.stream().map(json::ref).toList();
    }

    @GET
    @Path("ref/{ref: .+}")
    public Map<String, Object> ref(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("ref") String ref, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = access.readable(owner, name, request, uri);
        return browser.refs(repository, ref).stream().filter(r -> r.ref().equals("refs/" + ref)).findFirst()
                .map(new GitJson(uri.getBaseUri(), repository)::ref).orElseThrow(ApiException::notFound);
    }

    @GET
    @Path("matching-refs/{ref: .*}")
    public List<Map<String, Object>> matching(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("ref") String ref, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = access.readable(owner, name, request, uri);
        GitJson json = new GitJson(uri.getBaseUri(), repository);
        return browser.refs(repository, ref).stream().map(json::ref).toList();
    }

    /** A tree by id, or the tree of a commit, branch or tag; any {@code recursive} value recurses, as on GitHub. */
    @GET
    @Path("trees/{sha: .+}")
    public Map<String, Object> tree(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("sha") String sha, @QueryParam("recursive") String recursive,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = access.readable(owner, name, request, uri);
        return new GitJson(uri.getBaseUri(), repository).tree(browser.tree(repository, sha, recursive != null));
    }

    @GET
    @Path("blobs/{sha}")
    public Response blob(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("sha") String sha, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = access.readable(owner, name, request, uri);
        RepositoryBrowser.Blob blob = browser.blob(repository, sha);
        if (RawMedia.wanted(request)) {
            return blob.content() != null ? RawMedia.bytes(blob.sha(), blob.content())
                    : RawMedia.stream(blob.sha(), out -> browser.copyBlob(repository, blob.sha(), out));
        }
        if (blob.content() == null) {
            throw new ApiException(403, "This API returns blobs up to " + (browser.limits().blobBytes() >> 20)
                    + " MB in size. The requested blob is too large to fetch via the API; ask for"
                    + " application/vnd.github.raw to get it raw.");
        }
        return Response.ok(new GitJson(uri.getBaseUri(), repository).blob(blob)).build();
    }
}
