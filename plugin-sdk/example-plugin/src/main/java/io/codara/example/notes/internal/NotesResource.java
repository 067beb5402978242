package io.codara.example.notes.internal;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /api/v3/example/notes}: a thin resource over {@link NoteStore} that asks Codara's permission service
 * before every action, as every resource does (the answers for notes come from {@link NoteAuthority}).
 */
@Component(service = NotesResource.class)
@JakartarsResource
@Path("example/notes")
@Produces(MediaType.APPLICATION_JSON)
public final class NotesResource {

    private final NoteStore store;
    private final Permissions permissions;

    @Activate
    public NotesResource(@Reference NoteStore store, @Reference Permissions permissions) {
        this.store = store;
        this.permissions = permissions;
    }

    /** Who is asking: Codara authenticated the request before it reached any resource. */
    private static Principal caller(HttpServletRequest request) {
        return Principal.of(request.getAttribute(Principal.REQUEST_ATTRIBUTE));
    }

    private static ResourceRef note(Object id) {
        return new ResourceRef(NoteAuthority.TYPE, String.valueOf(id));
    }

    @GET
    public Page<Note> list(@QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @Context HttpServletRequest request) {
        permissions.require(caller(request), NoteAuthority.READ, note(""));
        return store.list(PageRequest.of(page, perPage));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewNote input, @Context HttpServletRequest request) {
        Principal principal = caller(request);
        permissions.require(principal, NoteAuthority.CREATE, note(""));
        Note note = store.create(input, principal.login());
        return Response.created(URI.create("example/notes/" + note.id())).entity(note).build();
    }

    @GET
    @Path("{id}")
    public Note get(@PathParam("id") long id, @Context HttpServletRequest request) {
        permissions.require(caller(request), NoteAuthority.READ, note(id));
        return store.find(id).orElseThrow(ApiException::notFound);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id, @Context HttpServletRequest request) {
        permissions.require(caller(request), NoteAuthority.DELETE, note(id));
        if (!store.delete(id)) {
            throw ApiException.notFound();
        }
        return Response.noContent().build();
    }
}
