package io.codara.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;


import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;

import org.junit.jupiter.api.Test;

class MetricsServletTest {

    private final HttpMetrics metrics = new HttpMetrics();

    private MetricsServlet servlet() {
        MonitoringConfig config = mock(MonitoringConfig.class);
        when(config.allowed_addresses()).thenReturn(new String[] {"127.0.0.0/8", "::1"});
        return new MetricsServlet(metrics, config);
    }

    private static String get(MetricsServlet servlet, String client, HttpServletResponse response) throws Exception {
        return get(servlet, client, null, response);
    }

    private static String get(MetricsServlet servlet, String client, Principal principal, HttpServletResponse response)
            throws Exception {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getRemoteAddr()).thenReturn(client);
        when(request.getAttribute(Principal.REQUEST_ATTRIBUTE)).thenReturn(principal);
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

    @Test
    void siteAdministratorsReadMetricsFromAnywhereAsThePermissionServiceDecides() throws Exception {
        MetricsServlet servlet = servlet();
        Principal admin = new Principal("root", true, null);
        Principal user = new Principal("alice", false, null);
        Permissions permissions = mock(Permissions.class);
        when(permissions.decide(admin, "admin", ResourceRef.SITE)).thenReturn(Decision.ALLOW);
        when(permissions.decide(user, "admin", ResourceRef.SITE)).thenReturn(Decision.FORBIDDEN);

        HttpServletResponse refused = mock(HttpServletResponse.class);
        get(servlet, "198.51.100.4", admin, refused);
        verify(refused).setStatus(404);

        servlet.permissions = permissions;
        HttpServletResponse allowed = mock(HttpServletResponse.class);
        get(servlet, "198.51.100.4", admin, allowed);
        verify(allowed).setStatus(200);
        HttpServletResponse other = mock(HttpServletResponse.class);
        get(servlet, "198.51.100.4", user, other);
        verify(other).setStatus(404);
    }
}
