package io.codara.git.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /repos/{owner}/{repo}/contents/{path}}: a file (base64, or raw with GitHub's raw media type) or a
 * directory (an array) at a ref, the default branch unless {@code ref} says otherwise. The README and raw files
 * have their own root resources below, because JAX-RS picks one root class per request by its longest literal path.
 */
@Component(service = ContentsResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/contents")
@Produces(MediaType.APPLICATION_JSON)
public final class ContentsResource {

    private final RepositoryAccess access;
    private final RepositoryBrowser browser;

    @Activate
    public ContentsResource(@Reference RepositoryAccess access, @Reference RepositoryBrowser browser) {
        this.access = access;
        this.browser = browser;
    }

    @GET
    public Response root(@PathParam("owner") String owner, @PathParam("repo") String name, @QueryParam("ref") String ref,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        return get(owner, name, "", ref, request, uri);
    }

    @GET
    @Path("{path: .*}")
    public Response get(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("path") String path, @QueryParam("ref") String ref, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Repository repository = access.readable(owner, name, request, uri);
        String at = ref == null || ref.isBlank() ? repository.defaultBranch() : ref;
        RepositoryBrowser.Content content = browser.content(repository, path, at);
        GitJson json = new GitJson(uri.getBaseUri(), repository);
        if (content instanceof RepositoryBrowser.Directory directory) {
            return Response.ok(json.directory(directory, at)).build();
        }
        RepositoryBrowser.File file = (RepositoryBrowser.File) content;
        if (RawMedia.wanted(request) && file.type().equals("file")) {
            return raw(browser, repository, file);
        }
        return Response.ok(json.file(file, at)).build();
    }

    static Response raw(RepositoryBrowser browser, Repository repository, RepositoryBrowser.File file) {
        return file.content() != null ? RawMedia.bytes(file.name(), file.content())
                : RawMedia.stream(file.name(), out -> browser.copyBlob(repository, file.sha(), out));
    }

    /** {@code /repos/{owner}/{repo}/readme[/{dir}]}: the README of the root or of a directory. */
    @Component(service = Readme.class)
    @JakartarsResource
    @Path("repos/{owner}/{repo}/readme")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Readme {

        private final RepositoryAccess access;
        private final RepositoryBrowser browser;

        @Activate
        public Readme(@Reference RepositoryAccess access, @Reference RepositoryBrowser browser) {
            this.access = access;
            this.browser = browser;
        }

        @GET
        public Response root(@PathParam("owner") String owner, @PathParam("repo") String name,
                @QueryParam("ref") String ref, @Context HttpServletRequest request, @Context UriInfo uri) {
            return get(owner, name, "", ref, request, uri);
        }

        @GET
        @Path("{dir: .+}")
        public Response get(@PathParam("owner") String owner, @PathParam("repo") String name,
                @PathParam("dir") String dir, @QueryParam("ref") String ref, @Context HttpServletRequest request,
                @Context UriInfo uri) {
            Repository repository = access.readable(owner, name, request, uri);
            String at = ref == null || ref.isBlank() ? repository.defaultBranch() : ref;
            RepositoryBrowser.File readme = browser.readme(repository, dir, at).orElseThrow(ApiException::notFound);
            if (RawMedia.wanted(request)) {
                return raw(browser, repository, readme);
            }
            return Response.ok(new GitJson(uri.getBaseUri(), repository).file(readme, at)).build();
        }
    }

    /**
     * {@code /repos/{owner}/{repo}/raw/{ref}/{path}}: a file's bytes, where contents' {@code download_url} points.
     * Codara's own, like GitHub's raw URLs: the ref may hold slashes, the shortest that exists with the path wins.
     */
    @Component(service = Raw.class)
    @JakartarsResource
    @Path("repos/{owner}/{repo}/raw")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Raw {

        private final RepositoryAccess access;
        private final RepositoryBrowser browser;

        @Activate
        public Raw(@Reference RepositoryAccess access, @Reference RepositoryBrowser browser) {
            this.access = access;
            this.browser = browser;
        }

        @GET
        @Path("{refAndPath: .+}")
        @Produces(MediaType.WILDCARD)
        public Response get(@PathParam("owner") String owner, @PathParam("repo") String name,
                @PathParam("refAndPath") String refAndPath, @Context HttpServletRequest request,
                @Context UriInfo uri) {
            Repository repository = access.readable(owner, name, request, uri);
            RepositoryBrowser.File file = browser.rawFile(repository, refAndPath);
            if (file.type().equals("symlink")) {
                return RawMedia.bytes(file.name(), file.target() == null ? new byte[0]
                        : file.target().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return raw(browser, repository, file);
        }
    }
}
