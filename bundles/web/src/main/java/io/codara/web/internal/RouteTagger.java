package io.codara.web.internal;

import java.lang.reflect.Method;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/**
 * Records which route template served a REST request (e.g. {@code /api/v3/repos/{owner}/{repo}}), so metrics
 * group requests by route rather than by URL.
 */
@Component(service = ContainerRequestFilter.class)
@JakartarsExtension
@JakartarsName("codara.route-tagger")
public final class RouteTagger implements ContainerRequestFilter {

    @Context
    ResourceInfo resourceInfo;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        if (resourceInfo == null || servletRequest == null || resourceInfo.getResourceMethod() == null) {
            return;
        }
        servletRequest.setAttribute(RequestContextFilter.ROUTE_ATTRIBUTE,
                servletRequest.getContextPath() + template(resourceInfo.getResourceClass(), resourceInfo.getResourceMethod()));
    }

    static String template(Class<?> resource, Method method) {
        String path = join(resource.getAnnotation(Path.class), method.getAnnotation(Path.class));
        return path.isEmpty() ? "/" : path;
    }

    private static String join(Path type, Path method) {
        StringBuilder out = new StringBuilder();
        for (Path p : new Path[] {type, method}) {
            if (p == null) {
                continue;
            }
            String value = p.value().replaceAll("^/+|/+$", "");
            if (!value.isEmpty()) {
                out.append('/').append(value);
            }
        }
        return out.toString();
    }
}
