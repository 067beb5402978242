package io.codara.web.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.QueryParam;

/**
 * Reads the query and header parameters of a resource class's methods, keyed like the REST runtime names them
 * ({@code "GET /example/notes"}), for the OpenAPI document.
 */
final class ResourceParameters {

    private ResourceParameters() {
    }

    static Map<String, List<Map<String, Object>>> of(Class<?> resource, String base) {
        Map<String, List<Map<String, Object>>> out = new HashMap<>();
        for (Method method : resource.getMethods()) {
            String http = httpMethod(method);
            if (http == null) {
                continue;
            }
            List<Map<String, Object>> parameters = new ArrayList<>();
            for (Parameter parameter : method.getParameters()) {
                QueryParam query = parameter.getAnnotation(QueryParam.class);
                HeaderParam header = parameter.getAnnotation(HeaderParam.class);
                if (query != null) {
                    parameters.add(parameter(query.value(), "query", parameter.getType()));
                } else if (header != null) {
                    parameters.add(parameter(header.value(), "header", parameter.getType()));
                }
            }
            String path = OpenApiDocument.openApiPath(base, RouteTagger.template(resource, method));
            out.put(http + " " + path, parameters);
        }
        return out;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static Map<String, Object> parameter(String name, String in, Class<?> type) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("in", in);
        p.put("required", false);
        p.put("schema", Map.of("type", schemaType(type)));
        return p;
    }

    static String schemaType(Class<?> type) {
        if (type == int.class || type == long.class || type == short.class || type == Integer.class
                || type == Long.class || type == Short.class) {
            return "integer";
        }
        if (type == double.class || type == float.class || type == Double.class || type == Float.class) {
            return "number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        return "string";
    }
}
