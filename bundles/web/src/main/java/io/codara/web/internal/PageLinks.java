package io.codara.web.internal;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.UriBuilder;

import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.rest.PagedObject;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/**
 * Answers a resource's {@link Page} with the JSON array of its items, and a {@link PagedObject} with its object,
 * both with GitHub's {@code Link} header, so that octokit's paginate and {@code gh api --paginate} follow it.
 */
@Component(service = ContainerResponseFilter.class)
@JakartarsExtension
@JakartarsName("codara.pagination")
public final class PageLinks implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Page<?> page) {
            link(request, response, page.request(), page.total());
            response.getHeaders().putSingle("X-Total-Count", Long.toString(page.total()));
            response.setEntity(page.items(), response.getEntityAnnotations(), response.getMediaType());
        } else if (response.getEntity() instanceof PagedObject paged) {
            link(request, response, paged.request(), paged.total());
            response.setEntity(paged.body(), response.getEntityAnnotations(), response.getMediaType());
        }
    }

    private static void link(ContainerRequestContext request, ContainerResponseContext response, PageRequest page,
            long total) {
        String link = linkHeader(request.getUriInfo().getRequestUriBuilder(), page, total);
        if (!link.isEmpty()) {
            response.getHeaders().putSingle("Link", link);
        }
    }

    static String linkHeader(UriBuilder requestUri, Page<?> page) {
        return linkHeader(requestUri, page.request(), page.total());
    }

    /** GitHub's {@code Link} header over {@code total} items, empty when they fit on the first page. */
    static String linkHeader(UriBuilder requestUri, PageRequest page, long total) {
        long current = page.page();
        long last = page.lastPage(total);
        int perPage = page.perPage();
        List<String> links = new ArrayList<>();
        if (current < last) {
            links.add(link(requestUri, current + 1, perPage, "next"));
            links.add(link(requestUri, last, perPage, "last"));
        }
        if (current > 1) {
            links.add(link(requestUri, 1, perPage, "first"));
            links.add(link(requestUri, Math.min(current - 1, last), perPage, "prev"));
        }
        return String.join(", ", links);
    }

    private static String link(UriBuilder base, long page, int perPage, String rel) {
        String uri = base.clone().replaceQueryParam("page", page).replaceQueryParam("per_page", perPage).build().toString();
        return "<" + uri + ">; rel=\"" + rel + "\"";
    }
}
