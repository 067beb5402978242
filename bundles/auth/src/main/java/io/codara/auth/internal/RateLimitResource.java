package io.codara.auth.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code GET /rate_limit}: the caller's standing, in GitHub's shape; asking does not count against it. */
@Component(service = RateLimitResource.class)
@JakartarsResource
@Path("rate_limit")
@Produces(MediaType.APPLICATION_JSON)
public final class RateLimitResource {

    private final ApiRateLimit rateLimit;

    @Activate
    public RateLimitResource(@Reference ApiRateLimit rateLimit) {
        this.rateLimit = rateLimit;
    }

    @GET
    public Map<String, Object> get(@Context HttpServletRequest request) {
        Caller caller = Caller.of(request);
        Object subject = request.getAttribute(RequestAuthentication.RATE_SUBJECT_ATTRIBUTE);
        ApiRateLimit.Usage usage = rateLimit.peek(subject == null ? "address:" + caller.address() : subject.toString(),
                !caller.principal().anonymous());
        Map<String, Object> core = new LinkedHashMap<>();
        core.put("limit", usage.limit());
        core.put("used", Math.min(usage.used(), usage.limit()));
        core.put("remaining", usage.remaining());
        core.put("reset", usage.reset());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("resources", Map.of("core", core));
        json.put("rate", core);
        return json;
    }
}
