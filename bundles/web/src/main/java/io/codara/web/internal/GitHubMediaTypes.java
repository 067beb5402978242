package io.codara.web.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/**
 * Accepts GitHub's vendor media types: octokit, {@code gh} and most GitHub tooling send
 * {@code Accept: application/vnd.github+json} (or {@code application/vnd.github.v3+json}, with or without a
 * {@code .raw}/{@code .full} suffix). They mean JSON to Codara's resources, which are matched with
 * {@code application/json}, and the answer says so in {@code X-GitHub-Media-Type} as GitHub's does.
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class})
@JakartarsExtension
@JakartarsName("codara.github-media-types")
@PreMatching
public final class GitHubMediaTypes implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Pattern VENDOR = Pattern.compile("application/vnd\\.github(?:\\.[a-z0-9-]+)*(?:\\+json)?",
            Pattern.CASE_INSENSITIVE);
    static final String MEDIA_TYPE_HEADER = "X-GitHub-Media-Type";

    @Override
    public void filter(ContainerRequestContext request) {
        List<String> accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        if (accept == null || accept.isEmpty()) {
            return;
        }
        List<String> rewritten = new ArrayList<>();
        boolean vendor = false;
        for (String header : accept) {
            StringBuilder out = new StringBuilder();
            for (String range : header.split(",")) {
                String type = range.strip();
                int parameters = type.indexOf(';');
                String bare = parameters < 0 ? type : type.substring(0, parameters).strip();
                if (VENDOR.matcher(bare).matches()) {
                    vendor = true;
                    type = MediaType.APPLICATION_JSON + (parameters < 0 ? "" : type.substring(parameters));
                }
                out.append(out.length() == 0 ? "" : ", ").append(type);
            }
            rewritten.add(out.toString());
        }
        if (vendor) {
            request.getHeaders().put(HttpHeaders.ACCEPT, rewritten);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        if (type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            response.getHeaders().putSingle(MEDIA_TYPE_HEADER, "github.v3; format=json");
        }
    }
}
