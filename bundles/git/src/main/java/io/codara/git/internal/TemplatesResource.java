package io.codara.git.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.rest.ApiException;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * GitHub's {@code /gitignore/templates} and {@code /licenses}: the templates this bundle ships for a repository's
 * first commit ({@code gitignore_template}, {@code license_template}), public so that a form can offer them.
 */
final class TemplatesResource {

    /** GitHub's name and SPDX id of each licence in {@link InitialFiles#LICENSES}; featured as on GitHub. */
    record License(String key, String name, String spdxId, boolean featured) {
    }

    static final List<License> LICENSES = List.of(
            new License("apache-2.0", "Apache License 2.0", "Apache-2.0", true),
            new License("cc0-1.0", "Creative Commons Zero v1.0 Universal", "CC0-1.0", false),
            new License("gpl-2.0", "GNU General Public License v2.0", "GPL-2.0", false),
            new License("gpl-3.0", "GNU General Public License v3.0", "GPL-3.0", true),
            new License("lgpl-3.0", "GNU Lesser General Public License v3.0", "LGPL-3.0", false),
            new License("mit", "MIT License", "MIT", true),
            new License("mpl-2.0", "Mozilla Public License 2.0", "MPL-2.0", false));

    private TemplatesResource() {
    }

    /** {@code GET /gitignore/templates} (names) and {@code GET /gitignore/templates/{name}} (name and source). */
    @Component(service = Gitignore.class)
    @JakartarsResource
    @Path("gitignore/templates")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Gitignore {

        @GET
        public List<String> list() {
            return InitialFiles.GITIGNORE_TEMPLATES;
        }

        @GET
        @Path("{name}")
        public Map<String, Object> get(@PathParam("name") String name) {
            String found = InitialFiles.GITIGNORE_TEMPLATES.stream().filter(t -> t.equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(ApiException::notFound);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", found);
            json.put("source", InitialFiles.resource("templates/gitignore/" + found + ".gitignore"));
            return json;
        }
    }

    /** {@code GET /licenses} (summaries) and {@code GET /licenses/{key}} (with the text as {@code body}). */
    @Component(service = Licenses.class)
    @JakartarsResource
    @Path("licenses")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Licenses {

        @GET
        public List<Map<String, Object>> list(@Context UriInfo uri) {
            return LICENSES.stream().map(l -> summary(l, uri)).toList();
        }

        @GET
        @Path("{key}")
        public Map<String, Object> get(@PathParam("key") String key, @Context UriInfo uri) {
            License license = LICENSES.stream().filter(l -> l.key().equals(key.toLowerCase(Locale.ROOT))).findFirst()
                    .orElseThrow(ApiException::notFound);
            Map<String, Object> json = summary(license, uri);
            json.put("html_url", null);
            json.put("body", InitialFiles.resource("templates/licenses/" + license.key() + ".txt"));
            json.put("featured", license.featured());
            return json;
        }

        private static Map<String, Object> summary(License license, UriInfo uri) {
            String base = uri.getBaseUri().toString();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("key", license.key());
            json.put("name", license.name());
            json.put("spdx_id", license.spdxId());
            json.put("url", (base.endsWith("/") ? base : base + "/") + "licenses/" + license.key());
            json.put("node_id", Base64.getEncoder().encodeToString(("License:" + license.key())
                    .getBytes(StandardCharsets.UTF_8)));
            return json;
        }
    }
}
