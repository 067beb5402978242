package io.codara.api.rest;

/**
 * Request attributes with which the web bundle's dispatcher on {@code /} hands a request to the git or UI servlet
 * by whiteboard name. Such a forward leaves the request's own URI and query empty (and hides the standard
 * {@code jakarta.servlet.forward.*} attributes), so the originals travel under these names.
 */
public final class ForwardedRequest {

    /** The raw request URI as the client sent it, context path included. */
    public static final String REQUEST_URI = "io.codara.forwarded.request_uri";
    /** The context path. */
    public static final String CONTEXT_PATH = "io.codara.forwarded.context_path";
    /** The raw query string, or absent. */
    public static final String QUERY_STRING = "io.codara.forwarded.query_string";

    private ForwardedRequest() {
    }
}
