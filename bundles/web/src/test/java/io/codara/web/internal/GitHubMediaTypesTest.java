package io.codara.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.junit.jupiter.api.Test;

class GitHubMediaTypesTest {

    private final GitHubMediaTypes filter = new GitHubMediaTypes();

    private MultivaluedMap<String, String> accept(String... values) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        headers.put("Accept", List.of(values));
        ContainerRequestContext request = mock(ContainerRequestContext.class);
        when(request.getHeaders()).thenReturn(headers);
        filter.filter(request);
        return headers;
    }

    @Test
    void githubVendorTypesMeanJson() {
        assertThat(accept("application/vnd.github.v3+json").get("Accept")).containsExactly("application/json");
        assertThat(accept("application/vnd.github+json").get("Accept")).containsExactly("application/json");
        assertThat(accept("application/vnd.github.v3.raw+json, */*;q=0.1").get("Accept"))
                .containsExactly("application/json, */*;q=0.1");
        assertThat(accept("application/VND.GITHUB.V3+JSON;q=0.9").get("Accept")).containsExactly("application/json;q=0.9");
    }

    @Test
    void otherTypesAreLeftAlone() {
        assertThat(accept("text/html, application/json").get("Accept")).containsExactly("text/html, application/json");
        assertThat(accept("application/vnd.example+json").get("Accept")).containsExactly("application/vnd.example+json");
    }

    @Test
    void jsonAnswersNameGitHubsMediaType() {
        MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        ContainerResponseContext response = mock(ContainerResponseContext.class);
        when(response.getHeaders()).thenReturn(headers);
        when(response.getMediaType()).thenReturn(MediaType.APPLICATION_JSON_TYPE);
        filter.filter(mock(ContainerRequestContext.class), response);
        assertThat(headers.getFirst("X-GitHub-Media-Type")).isEqualTo("github.v3; format=json");
        headers.clear();
        when(response.getMediaType()).thenReturn(MediaType.valueOf("image/png"));
        filter.filter(mock(ContainerRequestContext.class), response);
        assertThat(headers).isEmpty();
    }
}
