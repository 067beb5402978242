package ${package}.internal;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code GET /api/v3/${artifactId}/greeting?name=...}: thin, state lives in {@link GreetingStore}. */
@Component(service = GreetingResource.class)
@JakartarsResource
@Path("${artifactId}/greeting")
@Produces(MediaType.APPLICATION_JSON)
public final class GreetingResource {

    private final GreetingStore store;

    @Activate
    public GreetingResource(@Reference GreetingStore store) {
        this.store = store;
    }

    @GET
    public Map<String, Object> greet(@QueryParam("name") String name) {
        long count = store.greet(name);
        return Map.of("message", "Hello, " + name + "!", "greetings", count);
    }
}
