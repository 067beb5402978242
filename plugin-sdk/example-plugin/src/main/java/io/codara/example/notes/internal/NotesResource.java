package io.codara.example.notes.internal;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code /api/v3/example/notes}: a thin resource over {@link NoteStore}. */
@Component(service = NotesResource.class)
@JakartarsResource
@Path("example/notes")
@Produces(MediaType.APPLICATION_JSON)
public final class NotesResource {

    private final NoteStore store;

    @Activate
    public NotesResource(@Reference NoteStore store) {
        this.store = store;
    }

    @GET
    public Page<Note> list(@QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage) {
        return store.list(PageRequest.of(page, perPage));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewNote input) {
        Note note = store.create(input);
        return Response.created(URI.create("example/notes/" + note.id())).entity(note).build();
    }

    @GET
    @Path("{id}")
    public Note get(@PathParam("id") long id) {
        return store.find(id).orElseThrow(ApiException::notFound);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        if (!store.delete(id)) {
            throw ApiException.notFound();
        }
        return Response.noContent().build();
    }
}
