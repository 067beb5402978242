package io.codara.web.internal;

import java.util.List;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;

import com.fasterxml.jackson.core.JacksonException;

import org.glassfish.jersey.server.ParamException;

import io.codara.api.rest.ApiError;
import io.codara.api.rest.ApiException;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Turns every exception that leaves a resource into GitHub's error body {@code {"message", "documentation_url"}}.
 * Server errors are logged with the request id and never show their cause to the client.
 */
@Component(service = ExceptionMapper.class)
@JakartarsExtension
@JakartarsName("codara.errors")
public final class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable exception) {
        ApiException api = find(exception, ApiException.class);
        if (api != null) {
            return build(api.status(), api.getMessage(), api.errors(), null);
        }
        if (find(exception, JacksonException.class) != null) {
            return build(400, "Problems parsing JSON", List.of(), null);
        }
        if (exception instanceof ParamException param && !(param instanceof ParamException.PathParamException)) {
            // JAX-RS answers an unconvertible query, header or form parameter with 404; the client sent bad input.
            return build(400, "Invalid value for " + kind(param) + " parameter '" + param.getParameterName() + "'",
                    List.of(), null);
        }
        if (exception instanceof WebApplicationException web) {
            Response original = web.getResponse();
            if (original.getStatus() >= 500) {
                LOG.error("Request {} failed", MDC.get(RequestContextFilter.MDC_REQUEST_ID), exception);
            }
            // The status and its headers (Allow, Retry-After) stay; the text is the standard reason only.
            return build(original.getStatus(), reason(original.getStatus()), List.of(), original);
        }
        LOG.error("Request {} failed", MDC.get(RequestContextFilter.MDC_REQUEST_ID), exception);
        return build(500, "Internal Server Error", List.of(), null);
    }

    private Response build(int status, String message, List<ApiError.FieldError> errors, Response original) {
        Response.ResponseBuilder builder = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(message, documentationUrl(), errors.isEmpty() ? null : errors));
        if (original != null) {
            // Keep what the client needs to recover, e.g. Allow on 405.
            original.getStringHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                    values.forEach(value -> builder.header(name, value));
                }
            });
        }
        return builder.build();
    }

    private String documentationUrl() {
        return uriInfo == null ? "/api/v3/openapi.json" : uriInfo.getBaseUri().resolve("openapi.json").toString();
    }

    private static String kind(ParamException param) {
        String annotation = param.getParameterType().getSimpleName(); // QueryParam, HeaderParam, FormParam, ...
        return annotation.replace("Param", "").toLowerCase(java.util.Locale.ROOT);
    }

    static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "HTTP " + status;
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
