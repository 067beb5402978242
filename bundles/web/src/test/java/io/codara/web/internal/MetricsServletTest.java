package io.codara.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;


import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;

class MetricsServletTest {

    private final HttpMetrics metrics = new HttpMetrics();

    private MetricsServlet servlet() {
        MonitoringConfig config = mock(MonitoringConfig.class);
        when(config.allowed_addresses()).thenReturn(new String[] {"127.0.0.0/8", "::1"});
        return new MetricsServlet(metrics, config);
    }

    private static String get(MetricsServlet servlet, String client, HttpServletResponse response) throws Exception {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getRemoteAddr()).thenReturn(client);
        CapturedBody body = new CapturedBody();
        when(response.getOutputStream()).thenReturn(body);
        servlet.doGet(request, response);
        return body.text();
    }

    @Test
    void monitoringAddressesGetPrometheusText() throws Exception {
        metrics.record("GET", "/api/v3", 200, 1_000_000);
        HttpServletResponse response = mock(HttpServletResponse.class);

        String body = get(servlet(), "127.0.0.1", response);

        verify(response).setStatus(200);
        verify(response).setContentType("text/plain; version=0.0.4; charset=utf-8");
        assertThat(body).contains("http_server_requests_seconds_count{method=\"GET\",route=\"/api/v3\",status=\"200\"} 1");
    }

    @Test
    void everyoneElseGetsNotFoundAndNoNumbers() throws Exception {
        metrics.record("GET", "/api/v3", 200, 1_000_000);
        HttpServletResponse response = mock(HttpServletResponse.class);

        String body = get(servlet(), "198.51.100.4", response);

        verify(response).setStatus(404);
        assertThat(body).isEqualTo("{\"message\":\"Not Found\"}").doesNotContain("http_server");
    }
}
