package io.codara.git.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import io.codara.api.rest.ForwardedRequest;

/**
 * The request as the client sent it, for a request that the web bundle's dispatcher forwarded here by name: such a
 * forward leaves the request's own URI, paths and query empty, and the originals in the
 * {@link ForwardedRequest} attributes. JGit and the LFS server read the paths, so they get them back.
 */
final class Unforwarded extends HttpServletRequestWrapper {

    private final String uri;
    private final String context;
    private final String query;

    private Unforwarded(HttpServletRequest request, String uri) {
        super(request);
        this.uri = uri;
        Object context = request.getAttribute(ForwardedRequest.CONTEXT_PATH);
        this.context = context instanceof String value ? value : "";
        Object query = request.getAttribute(ForwardedRequest.QUERY_STRING);
        this.query = query instanceof String value ? value : null;
    }

    /** The request itself when it was not forwarded, else the original. */
    static HttpServletRequest of(HttpServletRequest request) {
        Object uri = request.getAttribute(ForwardedRequest.REQUEST_URI);
        return uri instanceof String value && request.getRequestURI() == null ? new Unforwarded(request, value) : request;
    }

    @Override
    public String getRequestURI() {
        return uri;
    }

    @Override
    public StringBuffer getRequestURL() {
        StringBuffer url = new StringBuffer(getScheme()).append("://").append(getServerName());
        int port = getServerPort();
        if (port > 0 && !("http".equals(getScheme()) && port == 80) && !("https".equals(getScheme()) && port == 443)) {
            url.append(':').append(port);
        }
        return url.append(uri);
    }

    @Override
    public String getContextPath() {
        return context;
    }

    @Override
    public String getServletPath() {
        return uri.substring(Math.min(context.length(), uri.length()));
    }

    @Override
    public String getPathInfo() {
        return null;
    }

    @Override
    public String getQueryString() {
        return query;
    }
}
