package io.codara.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.same;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.lang.annotation.Annotation;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriBuilder;
import io.codara.api.rest.PagedObject;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;

import org.junit.jupiter.api.Test;

class PageLinksTest {

    private static final String BASE = "http://localhost:8181/api/v3/repos";

    private static UriBuilder uri(String query) {
        return UriBuilder.fromUri(BASE + "?" + query);
    }

    private static Page<String> page(int page, int perPage, long total) {
        return new Page<>(List.of("x"), PageRequest.of(page, perPage), total);
    }

    /**
     * The Link header as rel -> "path?sorted query", so that assertions do not depend on the order in which the
     * UriBuilder implementation writes query parameters.
     */
    private static Map<String, String> links(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        if (header.isEmpty()) {
            return out;
        }
        for (String link : header.split(", ")) {
            Matcher m = LINK.matcher(link);
            assertThat(m.matches()).as(link).isTrue();
            URI uri = URI.create(m.group(1));
            String query = uri.getRawQuery() == null ? "" : Arrays.stream(uri.getRawQuery().split("&")).sorted()
                    .collect(Collectors.joining("&"));
            assertThat(out.put(m.group(2), uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath() + "?" + query))
                    .as("duplicate rel " + m.group(2)).isNull();
        }
        return out;
    }

    private static final Pattern LINK = Pattern.compile("<([^>]+)>; rel=\"(\\w+)\"");

    @Test
    void firstPageLinksNextAndLast() {
        String header = PageLinks.linkHeader(uri("page=1&per_page=10"), page(1, 10, 35));

        assertThat(links(header)).containsExactly(
                entry("next", BASE + "?page=2&per_page=10"),
                entry("last", BASE + "?page=4&per_page=10"));
    }

    @Test
    void middlePageLinksAllFour() {
        String header = PageLinks.linkHeader(uri("page=2&per_page=10"), page(2, 10, 35));

        assertThat(links(header)).containsExactly(
                entry("next", BASE + "?page=3&per_page=10"),
                entry("last", BASE + "?page=4&per_page=10"),
                entry("first", BASE + "?page=1&per_page=10"),
                entry("prev", BASE + "?page=1&per_page=10"));
    }

    @Test
    void lastPageLinksFirstAndPrev() {
        String header = PageLinks.linkHeader(uri("page=4&per_page=10"), page(4, 10, 35));

        assertThat(links(header)).containsExactly(
                entry("first", BASE + "?page=1&per_page=10"),
                entry("prev", BASE + "?page=3&per_page=10"));
    }

    @Test
    void onlyPageHasNoLinks() {
        assertThat(PageLinks.linkHeader(uri("per_page=10"), page(1, 10, 7))).isEmpty();
        assertThat(PageLinks.linkHeader(uri("per_page=10"), page(1, 10, 10))).isEmpty();
        assertThat(PageLinks.linkHeader(UriBuilder.fromUri(BASE), page(1, 30, 0))).isEmpty();
    }

    @Test
    void pageBeyondTheEndPointsPrevAtTheLastPage() {
        String header = PageLinks.linkHeader(uri("page=9&per_page=10"), page(9, 10, 35));

        assertThat(links(header)).containsExactly(
                entry("first", BASE + "?page=1&per_page=10"),
                entry("prev", BASE + "?page=4&per_page=10"));
    }

    @Test
    void otherQueryParametersSurviveAndPagingParametersAreReplaced() {
        String header = PageLinks.linkHeader(uri("sort=name&page=2&direction=asc&per_page=10"), page(2, 10, 35));

        assertThat(links(header)).containsExactly(
                entry("next", BASE + "?direction=asc&page=3&per_page=10&sort=name"),
                entry("last", BASE + "?direction=asc&page=4&per_page=10&sort=name"),
                entry("first", BASE + "?direction=asc&page=1&per_page=10&sort=name"),
                entry("prev", BASE + "?direction=asc&page=1&per_page=10&sort=name"));
    }

    @Test
    void missingPagingParametersAreAddedWithTheEffectiveValues() {
        String header = PageLinks.linkHeader(uri("q=a"), page(1, 500, 250));

        assertThat(links(header)).containsExactly(
                entry("next", BASE + "?page=2&per_page=100&q=a"),
                entry("last", BASE + "?page=3&per_page=100&q=a"));
    }

    @Test
    void requestUriBuilderIsNotModified() {
        UriBuilder request = uri("page=1&per_page=10");

        PageLinks.linkHeader(request, page(1, 10, 35));

        assertThat(request.build().toString()).isEqualTo(BASE + "?page=1&per_page=10");
    }

    @Test
    void filterReplacesPageWithItemsAndSetsHeaders() {
        Page<String> page = new Page<>(List.of("a", "b"), PageRequest.of(1, 2), 5);
        UriInfo uriInfo = mock(UriInfo.class);
        when(uriInfo.getRequestUriBuilder()).thenReturn(uri("page=1&per_page=2"));
        ContainerRequestContext request = mock(ContainerRequestContext.class);
        when(request.getUriInfo()).thenReturn(uriInfo);
        MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        Annotation[] annotations = new Annotation[0];
        ContainerResponseContext response = mock(ContainerResponseContext.class);
        when(response.getEntity()).thenReturn(page);
        when(response.getHeaders()).thenReturn(headers);
        when(response.getEntityAnnotations()).thenReturn(annotations);
        when(response.getMediaType()).thenReturn(MediaType.APPLICATION_JSON_TYPE);

        new PageLinks().filter(request, response);

        verify(response).setEntity(List.of("a", "b"), annotations, MediaType.APPLICATION_JSON_TYPE);
        assertThat(headers.getFirst("X-Total-Count")).isEqualTo("5");
        assertThat(links((String) headers.getFirst("Link"))).containsExactly(
                entry("next", BASE + "?page=2&per_page=2"),
                entry("last", BASE + "?page=3&per_page=2"));
    }

    @Test
    void filterOnOnlyPageSetsTotalButNoLink() {
        Page<String> page = new Page<>(List.of("a"), PageRequest.of(1, 30), 1);
        UriInfo uriInfo = mock(UriInfo.class);
        when(uriInfo.getRequestUriBuilder()).thenReturn(UriBuilder.fromUri(BASE));
        ContainerRequestContext request = mock(ContainerRequestContext.class);
        when(request.getUriInfo()).thenReturn(uriInfo);
        MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        ContainerResponseContext response = mock(ContainerResponseContext.class);
        when(response.getEntity()).thenReturn(page);
        when(response.getHeaders()).thenReturn(headers);

        new PageLinks().filter(request, response);

        assertThat(headers).containsOnlyKeys("X-Total-Count");
        assertThat(headers.getFirst("X-Total-Count")).isEqualTo("1");
        verify(response).setEntity(same(page.items()), any(), any());
    }

    @Test
    void filterLeavesOtherEntitiesAlone() {
        ContainerRequestContext request = mock(ContainerRequestContext.class);
        ContainerResponseContext response = mock(ContainerResponseContext.class);
        when(response.getEntity()).thenReturn(List.of("a"));

        new PageLinks().filter(request, response);

        verify(response, never()).getHeaders();
        verify(response, never()).setEntity(any(), any(), any());
    }

    @Test
    void anObjectAnswerKeepsItsBodyAndGetsTheLinks() {
        ContainerRequestContext request = mock(ContainerRequestContext.class);
        UriInfo uri = mock(UriInfo.class);
        when(request.getUriInfo()).thenReturn(uri);
        when(uri.getRequestUriBuilder()).thenAnswer(i -> uri("q=x&page=2&per_page=10"));
        ContainerResponseContext response = mock(ContainerResponseContext.class);
        MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        when(response.getHeaders()).thenReturn(headers);
        Map<String, Object> body = Map.of("total_count", 35, "items", List.of("x"));
        when(response.getEntity()).thenReturn(new PagedObject(body, PageRequest.of(2, 10), 35));

        new PageLinks().filter(request, response);

        verify(response).setEntity(eq(body), any(), any());
        assertThat(links((String) headers.getFirst("Link"))).containsExactly(
                entry("next", BASE + "?page=3&per_page=10&q=x"),
                entry("last", BASE + "?page=4&per_page=10&q=x"),
                entry("first", BASE + "?page=1&per_page=10&q=x"),
                entry("prev", BASE + "?page=1&per_page=10&q=x"));
        assertThat(headers).doesNotContainKey("X-Total-Count");
    }
}
