package io.codara.webui.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import io.codara.api.security.Principal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code GET /api/v3/ui/contributions}: the pages other bundles add to the web UI, for the app to show. */
@Component(service = UiContributionsResource.class)
@JakartarsResource
@Path("ui/contributions")
@Produces(MediaType.APPLICATION_JSON)
public final class UiContributionsResource {

    private final UiContributions contributions;

    @Activate
    public UiContributionsResource(@Reference UiContributions contributions) {
        this.contributions = contributions;
    }

    @GET
    public List<Map<String, Object>> list(@Context HttpServletRequest request) {
        boolean signedIn = !Principal.of(request.getAttribute(Principal.REQUEST_ATTRIBUTE)).anonymous();
        return contributions.visibleTo(signedIn).stream().map(UiContributionsResource::json).toList();
    }

    private static Map<String, Object> json(UiContributions.Entry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", entry.id());
        json.put("slot", entry.slot().name().toLowerCase(Locale.ROOT));
        json.put("title", entry.title());
        json.put("path", entry.path());
        json.put("module", entry.module());
        json.put("order", entry.order());
        json.put("requires_sign_in", entry.requiresSignIn());
        return json;
    }
}
