package io.codara.webui.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;

/**
 * The single-page app: its built files from this bundle's {@code ui/} folder, and {@code index.html} for every
 * other URL (history-mode routing: {@code /owner/repo/blob/main/README.md} is a page of the app, which asks the REST
 * API for what it shows). It has no URL pattern: the web bundle's dispatcher on {@code /} forwards to it by name.
 * Every answer carries a strict Content-Security-Policy: scripts only from this origin, no inline script, no
 * framing, so HTML that slipped out of a repository could not run even if the app's sanitiser missed it.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("codara.ui")
public final class UiServlet extends HttpServlet {

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            // READMEs show badges and pictures from elsewhere, as on GitHub; nothing else is fetched from afar.
            "img-src 'self' data: blob: https:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private static final long serialVersionUID = 1L;
    private static final String ROOT = "ui";
    /** Vite's output: content-hashed file names under {@code /assets/}, so they never change once served. */
    private static final String ASSETS = "/assets/";
    private static final Pattern FILE = Pattern.compile("^/(assets/)?[A-Za-z0-9_.-]+\\.[a-z0-9]+$");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("webmanifest", "application/manifest+json"));

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        securityHeaders(response);
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            response.setHeader("Allow", "GET, HEAD");
            json(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Method Not Allowed");
            return;
        }
        // From the URI: a request forwarded by name keeps no servlet path of its own. Only plain file names are
        // looked up (FILE), so no decoding is needed and no ".." can reach the class loader.
        String path = originalPath(request);
        if (FILE.matcher(path).matches() && !path.equals("/index.html")) {
            String extension = path.substring(path.lastIndexOf('.') + 1);
            URL file = resource(path);
            if (file != null && TYPES.containsKey(extension)) {
                send(request, response, path, TYPES.get(extension),
                        path.startsWith(ASSETS) ? "public, max-age=31536000, immutable" : "public, max-age=3600");
                return;
            }
            if (path.startsWith(ASSETS)) {
                // A stale page asking for an asset of an older build: a plain 404, not the app's HTML.
                json(response, HttpServletResponse.SC_NOT_FOUND, "Not Found");
                return;
            }
        }
        if (resource("/index.html") == null) {
            json(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "The web UI was built without its app");
            return;
        }
        // Every page: the app decides what the URL means; no-cache so a new build is picked up at once.
        send(request, response, "/index.html", TYPES.get("html"), "no-cache");
    }

    /** The path below the context: the dispatcher on "/" forwards by name, and the original URI is in the ForwardedRequest attributes. */
    static String originalPath(HttpServletRequest request) {
        Object uri = request.getAttribute(io.codara.api.rest.ForwardedRequest.REQUEST_URI);
        Object context = request.getAttribute(io.codara.api.rest.ForwardedRequest.CONTEXT_PATH);
        String path = uri instanceof String forwarded ? forwarded : request.getRequestURI();
        String prefix = context instanceof String forwarded ? forwarded : request.getContextPath();
        if (path == null) {
            return "/";
        }
        return prefix != null && !prefix.isEmpty() && path.startsWith(prefix) ? path.substring(prefix.length()) : path;
    }

    static void securityHeaders(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    }

    private void send(HttpServletRequest request, HttpServletResponse response, String path, String type,
            String cacheControl) throws IOException {
        String encoding = request.getHeader("Accept-Encoding");
        URL gzipped = resource(path + ".gz");
        boolean gzip = gzipped != null && encoding != null && encoding.toLowerCase(Locale.ROOT).contains("gzip");
        URL file = gzip ? gzipped : resource(path);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(type);
        response.setHeader("Cache-Control", cacheControl);
        if (gzipped != null) {
            response.setHeader("Vary", "Accept-Encoding");
        }
        if (gzip) {
            response.setHeader("Content-Encoding", "gzip");
        }
        try (InputStream in = file.openStream()) {
            byte[] bytes = in.readAllBytes();
            response.setContentLength(bytes.length);
            if (!"HEAD".equals(request.getMethod())) {
                try (OutputStream out = response.getOutputStream()) {
                    out.write(bytes);
                }
            }
        }
    }

    private URL resource(String path) {
        return UiServlet.class.getClassLoader().getResource(ROOT + path);
    }

    private static void json(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(("{\"message\":\"" + message + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
