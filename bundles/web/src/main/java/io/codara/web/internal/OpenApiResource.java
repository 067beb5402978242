package io.codara.web.internal;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.runtime.JakartarsServiceRuntime;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code GET /api/v3/openapi.json}: an OpenAPI 3 document of the API as it runs now, read from the REST
 * whiteboard's runtime, so every bundle's and plugin's resources appear while they run and vanish when stopped.
 */
@Component(service = OpenApiResource.class)
@JakartarsResource
@Path("openapi.json")
@Produces(MediaType.APPLICATION_JSON)
public final class OpenApiResource {

    private final JakartarsServiceRuntime runtime;
    private final String version;

    @Activate
    public OpenApiResource(@Reference JakartarsServiceRuntime runtime, BundleContext context) {
        this.runtime = runtime;
        this.version = context.getBundle().getVersion().toString();
    }

    @GET
    public Map<String, Object> document(@Context UriInfo uri) {
        return OpenApiDocument.build(runtime.getRuntimeDTO(), version, uri.getBaseUri().toString());
    }
}
