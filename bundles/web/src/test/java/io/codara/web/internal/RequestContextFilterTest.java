package io.codara.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.UUID;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.MockedStatic;
import org.slf4j.MDC;

class RequestContextFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a1b2-C3D4", "req.42_x:y-z", "0123456789012345678901234567890123456789012345678901234567890123"})
    void saneIncomingIdsAreKept(String id) {
        assertThat(RequestContextFilter.requestId(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"has space", "new\nline", "semi;colon", "<script>", "ünïcode",
            "01234567890123456789012345678901234567890123456789012345678901234"})
    void otherIdsAreReplacedByAUuid(String id) {
        String result = RequestContextFilter.requestId(id);

        assertThat(result).isNotEqualTo(id);
        assertThat(UUID.fromString(result).toString()).isEqualTo(result);
    }

    @Test
    void generatedIdsDiffer() {
        assertThat(RequestContextFilter.requestId(null)).isNotEqualTo(RequestContextFilter.requestId(null));
    }

    @Test
    void staticRoutesAreBounded() {
        assertThat(RequestContextFilter.staticRoute(null)).isEqualTo("other");
        assertThat(RequestContextFilter.staticRoute("/metrics")).isEqualTo("/metrics");
        assertThat(RequestContextFilter.staticRoute("/metrics/extra")).isEqualTo("other");
        assertThat(RequestContextFilter.staticRoute("/health")).isEqualTo("/health");
        assertThat(RequestContextFilter.staticRoute("/health/ready")).isEqualTo("/health");
        assertThat(RequestContextFilter.staticRoute("/healthz")).isEqualTo("other");
        assertThat(RequestContextFilter.staticRoute("/api/v3/no/such/thing")).isEqualTo("/api/unmatched");
        assertThat(RequestContextFilter.staticRoute("/api")).isEqualTo("other");
        assertThat(RequestContextFilter.staticRoute("/owner/repo.git/info/refs")).isEqualTo("other");
    }

    @Test
    void doFilterSetsIdHeadersMdcAndRecordsTheRoute() throws Exception {
        HttpMetrics metrics = mock(HttpMetrics.class);
        HttpServletRequest request = mock(HttpServletRequest.class);
        HttpServletResponse response = mock(HttpServletResponse.class);
        when(request.getHeader("X-Request-Id")).thenReturn("client-id-1");
        when(request.getMethod()).thenReturn("GET");
        when(request.getRequestURI()).thenReturn("/api/v3/repos/a/b");
        when(request.getAttribute(RequestContextFilter.ROUTE_ATTRIBUTE)).thenReturn("/api/v3/repos/{owner}/{repo}");
        when(response.getStatus()).thenReturn(200);
        FilterChain chain = mock(FilterChain.class);
        // No slf4j provider in tests means a no-op MDC, so watch the calls instead.
        try (MockedStatic<MDC> mdc = mockStatic(MDC.class)) {
            doAnswer(inv -> {
                mdc.verify(() -> MDC.put(RequestContextFilter.MDC_REQUEST_ID, "client-id-1"));
                mdc.verify(() -> MDC.remove(RequestContextFilter.MDC_REQUEST_ID), never());
                return null;
            }).when(chain).doFilter(request, response);

            new RequestContextFilter(metrics).doFilter(request, response, chain);

            verify(chain).doFilter(request, response);
            mdc.verify(() -> MDC.remove(RequestContextFilter.MDC_REQUEST_ID));
        }

        verify(response).setHeader("X-Request-Id", "client-id-1");
        verify(response).setHeader("X-GitHub-Request-Id", "client-id-1");
        verify(metrics).record(eq("GET"), eq("/api/v3/repos/{owner}/{repo}"), eq(200), anyLong());
    }

    @Test
    void untaggedRequestFallsBackToStaticRoute() throws Exception {
        HttpMetrics metrics = mock(HttpMetrics.class);
        HttpServletRequest request = mock(HttpServletRequest.class);
        HttpServletResponse response = mock(HttpServletResponse.class);
        when(request.getMethod()).thenReturn("GET");
        when(request.getRequestURI()).thenReturn("/health/ready");
        when(response.getStatus()).thenReturn(503);

        new RequestContextFilter(metrics).doFilter(request, response, mock(FilterChain.class));

        verify(metrics).record(eq("GET"), eq("/health"), eq(503), anyLong());
    }
}
