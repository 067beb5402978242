package io.codara.web.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.jakartars.runtime.dto.ApplicationDTO;
import org.osgi.service.jakartars.runtime.dto.ResourceDTO;
import org.osgi.service.jakartars.runtime.dto.ResourceMethodInfoDTO;
import org.osgi.service.jakartars.runtime.dto.RuntimeDTO;

/** Builds the OpenAPI 3.0 document from the REST whiteboard's runtime description. */
final class OpenApiDocument {

    private static final Pattern TEMPLATE = Pattern.compile("\\{\\s*(\\w[\\w.-]*)\\s*(?::[^}]*)?}");

    private OpenApiDocument() {
    }

    static Map<String, Object> build(RuntimeDTO runtime, String version, String serverUrl) {
        return build(runtime, version, serverUrl, (resource, base) -> Map.of());
    }

    /** Reads the query and header parameters of a resource, keyed {@code "GET /path"}. */
    @FunctionalInterface
    interface ParameterSource {
        Map<String, List<Map<String, Object>>> parameters(ResourceDTO resource, String base);
    }

    static Map<String, Object> build(RuntimeDTO runtime, String version, String serverUrl, ParameterSource parameterSource) {
        Map<String, Map<String, Object>> paths = new TreeMap<>();
        List<ApplicationDTO> applications = new ArrayList<>();
        if (runtime.defaultApplication != null) {
            applications.add(runtime.defaultApplication);
        }
        if (runtime.applicationDTOs != null) {
            applications.addAll(List.of(runtime.applicationDTOs));
        }
        for (ApplicationDTO application : applications) {
            String base = normalise(application.base == null ? "" : application.base);
            if (application.resourceDTOs == null) {
                continue;
            }
            for (ResourceDTO resource : application.resourceDTOs) {
                if (resource.resourceMethods == null) {
                    continue;
                }
                Map<String, List<Map<String, Object>>> declared = parameterSource.parameters(resource, base);
                for (ResourceMethodInfoDTO method : resource.resourceMethods) {
                    if (method.method == null) {
                        continue; // sub-resource locator
                    }
                    String path = openApiPath(base, method.path);
                    Map<String, Object> operation = operation(resource, method, path);
                    List<Map<String, Object>> extra = declared.getOrDefault(method.method + " " + path, List.of());
                    if (!extra.isEmpty()) {
                        @SuppressWarnings("unchecked")
                        List<Map<String, Object>> params = (List<Map<String, Object>>) operation
                                .computeIfAbsent("parameters", k -> new ArrayList<Map<String, Object>>());
                        params.addAll(extra);
                    }
                    paths.computeIfAbsent(path, p -> new TreeMap<>())
                            .put(method.method.toLowerCase(Locale.ROOT), operation);
                }
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "Codara REST API", "version", version,
                "description", "Codara's REST API in GitHub's REST v3 shapes, generated from the running bundles."));
        doc.put("servers", List.of(Map.of("url", serverUrl)));
        doc.put("paths", paths);
        doc.put("components", Map.of("schemas", Map.of("Error", errorSchema())));
        return doc;
    }

    static String openApiPath(String base, String path) {
        String joined = normalise(base + "/" + (path == null ? "" : path));
        Matcher m = TEMPLATE.matcher(joined);
        return m.replaceAll("{$1}");
    }

    private static String normalise(String path) {
        String p = ("/" + path).replaceAll("/{2,}", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static Map<String, Object> operation(ResourceDTO resource, ResourceMethodInfoDTO method, String path) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", method.method.toLowerCase(Locale.ROOT) + path.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-$", ""));
        op.put("tags", List.of(resource.name == null ? "codara" : resource.name));
        List<Map<String, Object>> parameters = new ArrayList<>();
        Matcher m = TEMPLATE.matcher(path);
        while (m.find()) {
            parameters.add(Map.of("name", m.group(1), "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        if (method.consumingMimeType != null && method.consumingMimeType.length > 0
                && !method.method.equals("GET") && !method.method.equals("DELETE")) {
            Map<String, Object> content = new LinkedHashMap<>();
            for (String type : method.consumingMimeType) {
                content.put(type, Map.of("schema", Map.of("type", "object")));
            }
            op.put("requestBody", Map.of("content", content));
        }
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("description", "Success");
        if (method.producingMimeType != null && method.producingMimeType.length > 0) {
            Map<String, Object> content = new LinkedHashMap<>();
            for (String type : method.producingMimeType) {
                content.put(type, Map.of());
            }
            ok.put("content", content);
        }
        Map<String, Object> error = Map.of("description", "Error",
                "content", Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Error"))));
        op.put("responses", Map.of("2XX", ok, "4XX", error, "5XX", error));
        return op;
    }

    private static Map<String, Object> errorSchema() {
        return Map.of("type", "object", "required", List.of("message", "documentation_url"),
                "properties", Map.of(
                        "message", Map.of("type", "string"),
                        "documentation_url", Map.of("type", "string"),
                        "errors", Map.of("type", "array", "items", Map.of("type", "object"))));
    }
}
