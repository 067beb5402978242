package io.codara.git.internal;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * GitHub's raw media type for file contents and blobs: {@code Accept: application/vnd.github.raw} (also
 * {@code .v3.raw} and {@code .raw+json}) answers the bytes themselves. The web bundle's filter rewrites vendor
 * types to JSON before resources are matched, so the choice is read from the servlet request's own header, which
 * that filter leaves alone. Raw bytes are served as plain text or octet streams (a few image types excepted),
 * never as HTML or SVG, so a file in a repository cannot run script in the API's origin.
 */
final class RawMedia {

    private static final Pattern RAW = Pattern.compile("application/vnd\\.github(?:\\.v3)?\\.raw(?:\\+json)?",
            Pattern.CASE_INSENSITIVE);
    private static final Map<String, String> IMAGES = Map.of("png", "image/png", "jpg", "image/jpeg", "jpeg",
            "image/jpeg", "gif", "image/gif", "webp", "image/webp", "bmp", "image/bmp", "ico", "image/x-icon");
    static final String TEXT = "text/plain; charset=utf-8";
    static final String BINARY = "application/octet-stream";

    private RawMedia() {
    }

    /** Whether the client asked for the raw media type. */
    static boolean wanted(HttpServletRequest request) {
        for (String header : Collections.list(request.getHeaders("Accept") == null ? Collections.emptyEnumeration()
                : request.getHeaders("Accept"))) {
            for (String range : header.split(",")) {
                String type = range.strip();
                int parameters = type.indexOf(';');
                if (RAW.matcher(parameters < 0 ? type : type.substring(0, parameters).strip()).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The type a file is served as: by its name for images, else text unless its first bytes hold a NUL. */
    static String type(String name, byte[] content) {
        int dot = name.lastIndexOf('.');
        String image = dot < 0 ? null : IMAGES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (image != null) {
            return image;
        }
        if (content == null) {
            return BINARY;
        }
        for (int i = 0; i < Math.min(content.length, 8000); i++) {
            if (content[i] == 0) {
                return BINARY;
            }
        }
        return TEXT;
    }

    static Response bytes(String name, byte[] content) {
        return headers(Response.ok(content).type(type(name, content)));
    }

    static Response stream(String name, StreamingOutput body) {
        return headers(Response.ok(body).type(type(name, null)));
    }

    private static Response headers(Response.ResponseBuilder builder) {
        return builder.header("X-GitHub-Media-Type", "github.v3; param=raw")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
                .build();
    }
}
