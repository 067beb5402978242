package io.codara.web.internal;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.runtime.JakartarsServiceRuntime;
import org.osgi.service.jakartars.runtime.dto.ResourceDTO;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v3/openapi.json}: an OpenAPI 3 document of the API as it runs now, read from the REST
 * whiteboard's runtime, so every bundle's and plugin's resources appear while they run and vanish when stopped.
 */
@Component(service = OpenApiResource.class)
@JakartarsResource
@Path("openapi.json")
@Produces(MediaType.APPLICATION_JSON)
public final class OpenApiResource {

    private static final Logger LOG = LoggerFactory.getLogger(OpenApiResource.class);

    private final JakartarsServiceRuntime runtime;
    private final BundleContext context;
    private final String version;

    @Activate
    public OpenApiResource(@Reference JakartarsServiceRuntime runtime, BundleContext context) {
        this.runtime = runtime;
        this.context = context;
        this.version = context.getBundle().getVersion().toString();
    }

    @GET
    public Map<String, Object> document(@Context UriInfo uri) {
        return OpenApiDocument.build(runtime.getRuntimeDTO(), version, uri.getBaseUri().toString(), this::parameters);
    }

    /** Query and header parameters read from the resource's class, looked up by the runtime's service id. */
    private Map<String, List<Map<String, Object>>> parameters(ResourceDTO resource, String base) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null, "(service.id=" + resource.serviceId + ")");
            if (refs == null || refs.length == 0) {
                return Map.of();
            }
            Object service = context.getService(refs[0]);
            if (service == null) {
                return Map.of();
            }
            try {
                return ResourceParameters.of(service.getClass(), base);
            } finally {
                context.ungetService(refs[0]);
            }
        } catch (InvalidSyntaxException | RuntimeException e) {
            // The document stays useful without this resource's query parameters.
            LOG.debug("No parameters for resource {}: {}", resource.serviceId, e.toString());
            return Map.of();
        }
    }
}
