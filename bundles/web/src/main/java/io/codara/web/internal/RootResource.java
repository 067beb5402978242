package io.codara.web.internal;

import java.net.URI;
import java.util.LinkedHashMap;
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
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code GET /api/v3}: the root document with URL templates, and {@code GET /api/v3/meta}. */
@Component(service = RootResource.class)
@JakartarsResource
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public final class RootResource {

    private final String version;

    @Activate
    public RootResource(BundleContext context) {
        this.version = context.getBundle().getVersion().toString();
    }

    @GET
    public Map<String, Object> root(@Context UriInfo uri) {
        URI base = uri.getBaseUri();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("current_user_url", base.resolve("user").toString());
        body.put("meta_url", base.resolve("meta").toString());
        body.put("openapi_url", base.resolve("openapi.json").toString());
        body.put("user_repositories_url", base.resolve("user/repos").toString());
        body.put("repository_url", base + "repos/{owner}/{repo}");
        body.put("user_url", base + "users/{user}");
        body.put("organization_url", base + "orgs/{org}");
        return body;
    }

    @GET
    @Path("meta")
    public Map<String, Object> meta() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("verifiable_password_authentication", true);
        body.put("installed_version", version);
        body.put("product", "codara");
        return body;
    }
}
