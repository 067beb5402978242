package io.codara.web.internal;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.Preprocessor;
import org.slf4j.MDC;

/**
 * Runs before every HTTP request of every context (REST, git, UI): gives it a request id (kept from a sane
 * incoming {@code X-Request-Id}), puts the id in the logging context and the response, and times the request for
 * the metrics. Ranked high so that it runs first: authentication and everything after it log with the id.
 */
@Component(service = Preprocessor.class, property = "service.ranking:Integer=1000")
public final class RequestContextFilter implements Preprocessor {

    static final String MDC_REQUEST_ID = "requestId";
    static final String ROUTE_ATTRIBUTE = "io.codara.route";
    static final String REQUEST_ID_HEADER = "X-Request-Id";
    /** What GitHub sends; octokit shows it in error messages. */
    static final String GITHUB_REQUEST_ID_HEADER = "X-GitHub-Request-Id";

    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final HttpMetrics metrics;

    @Activate
    public RequestContextFilter(@Reference HttpMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String requestId = requestId(request.getHeader(REQUEST_ID_HEADER));
        response.setHeader(REQUEST_ID_HEADER, requestId);
        response.setHeader(GITHUB_REQUEST_ID_HEADER, requestId);
        MDC.put(MDC_REQUEST_ID, requestId);
        long start = System.nanoTime();
        try {
            chain.doFilter(req, res);
        } finally {
            MDC.remove(MDC_REQUEST_ID);
            Object route = request.getAttribute(ROUTE_ATTRIBUTE);
            metrics.record(request.getMethod(), route != null ? route.toString() : staticRoute(request.getRequestURI()),
                    response.getStatus(), System.nanoTime() - start);
        }
    }

    static String requestId(String incoming) {
        if (incoming != null && SANE_ID.matcher(incoming).matches()) {
            return incoming;
        }
        return UUID.randomUUID().toString();
    }

    /** Bounded labels for requests that no REST resource tagged. */
    static String staticRoute(String uri) {
        if (uri == null) {
            return "other";
        }
        if (uri.equals("/metrics")) {
            return "/metrics";
        }
        if (uri.equals("/health") || uri.startsWith("/health/")) {
            return "/health";
        }
        if (uri.startsWith("/api/")) {
            return "/api/unmatched";
        }
        return "other";
    }

    @Override
    public void init(jakarta.servlet.FilterConfig filterConfig) {
        // nothing to initialise
    }

    @Override
    public void destroy() {
        // nothing to release
    }
}
