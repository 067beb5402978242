package io.codara.git.internal;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * Source archives as GitHub serves them: {@code /repos/{owner}/{repo}/tarball[/{ref}]} and {@code zipball[/{ref}]}
 * answer 302 to the archive of the commit the ref names (GitHub sends clients to codeload; octokit and curl -L
 * follow), and {@code /repos/{owner}/{repo}/archive/{ref}.tar.gz} or {@code .zip} streams it. Three root classes,
 * because JAX-RS picks one root class per request by its longest literal path.
 */
final class ArchiveResource {

    private ArchiveResource() {
    }

    static Response redirect(RepositoryAccess access, RepositoryArchives archives, String owner, String name, String ref,
            RepositoryArchives.Format format, HttpServletRequest request, UriInfo uri) {
        Repository repository = access.readable(owner, name, request, uri);
        RepositoryArchives.Archive archive = archives.resolve(repository, ref);
        // The commit, not the ref: what is downloaded is what was resolved, and the URL needs no escaping.
        URI location = URI.create(uri.getBaseUri() + "repos/" + repository.fullName() + "/archive/" + archive.sha()
                + format.suffix);
        return Response.status(Response.Status.FOUND).location(location).build();
    }

    @Component(service = Tarball.class)
    @JakartarsResource
    @Path("repos/{owner}/{repo}/tarball")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Tarball {

        private final RepositoryAccess access;
        private final RepositoryArchives archives;

        @Activate
        public Tarball(@Reference RepositoryAccess access, @Reference RepositoryArchives archives) {
            this.access = access;
            this.archives = archives;
        }

        @GET
        public Response defaultBranch(@PathParam("owner") String owner, @PathParam("repo") String name,
                @Context HttpServletRequest request, @Context UriInfo uri) {
            return redirect(access, archives, owner, name, null, RepositoryArchives.Format.TAR_GZ, request, uri);
        }

        @GET
        @Path("{ref: .+}")
        public Response ref(@PathParam("owner") String owner, @PathParam("repo") String name,
                @PathParam("ref") String ref, @Context HttpServletRequest request, @Context UriInfo uri) {
            return redirect(access, archives, owner, name, ref, RepositoryArchives.Format.TAR_GZ, request, uri);
        }
    }

    @Component(service = Zipball.class)
    @JakartarsResource
    @Path("repos/{owner}/{repo}/zipball")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Zipball {

        private final RepositoryAccess access;
        private final RepositoryArchives archives;

        @Activate
        public Zipball(@Reference RepositoryAccess access, @Reference RepositoryArchives archives) {
            this.access = access;
            this.archives = archives;
        }

        @GET
        public Response defaultBranch(@PathParam("owner") String owner, @PathParam("repo") String name,
                @Context HttpServletRequest request, @Context UriInfo uri) {
            return redirect(access, archives, owner, name, null, RepositoryArchives.Format.ZIP, request, uri);
        }

        @GET
        @Path("{ref: .+}")
        public Response ref(@PathParam("owner") String owner, @PathParam("repo") String name,
                @PathParam("ref") String ref, @Context HttpServletRequest request, @Context UriInfo uri) {
            return redirect(access, archives, owner, name, ref, RepositoryArchives.Format.ZIP, request, uri);
        }
    }

    /** {@code /repos/{owner}/{repo}/archive/{ref}.tar.gz|.zip}: the archive itself, streamed. */
    @Component(service = Download.class)
    @JakartarsResource
    @Path("repos/{owner}/{repo}/archive")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Download {

        private final RepositoryAccess access;
        private final RepositoryArchives archives;

        @Activate
        public Download(@Reference RepositoryAccess access, @Reference RepositoryArchives archives) {
            this.access = access;
            this.archives = archives;
        }

        @GET
        @Path("{file: .+}")
        @Produces(MediaType.WILDCARD)
        public Response get(@PathParam("owner") String owner, @PathParam("repo") String name,
                @PathParam("file") String file, @Context HttpServletRequest request, @Context UriInfo uri) {
            Repository repository = access.readable(owner, name, request, uri);
            RepositoryArchives.Format format = RepositoryArchives.format(file);
            if (format == null || file.length() == format.suffix.length()) {
                throw ApiException.notFound();
            }
            String ref = file.substring(0, file.length() - format.suffix.length());
            RepositoryArchives.Archive archive = archives.resolve(repository, ref);
            StreamingOutput body = out -> archives.write(repository, archive.sha(), format, out);
            return Response.ok(body).type(format.mediaType)
                    .header("Content-Disposition", "attachment; filename=" + archive.name() + format.suffix)
                    .header("X-Content-Type-Options", "nosniff")
                    .header("ETag", "\"" + archive.sha() + format.suffix + "\"")
                    .build();
        }
    }
}
