package io.codara.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.health.HealthStatus;
import io.codara.api.health.spi.HealthCheck;

import org.junit.jupiter.api.Test;

class HealthServletTest {

    private static HealthServlet servlet(String... required) {
        HealthConfig config = mock(HealthConfig.class);
        when(config.required_checks()).thenReturn(required);
        when(config.details_allowed_addresses()).thenReturn(new String[] {"127.0.0.0/8", "::1"});
        return new HealthServlet(config);
    }

    private static HealthCheck up(String name) {
        return () -> new HealthStatus(name, true, "ok");
    }

    private static final class ExplodingCheck implements HealthCheck {
        @Override
        public HealthStatus check() {
            throw new IllegalStateException("secret connection string");
        }
    }

    /** What doGet wrote. */
    private record Answer(int status, Map<String, Object> body) {
    }

    private static Answer get(HealthServlet servlet, String pathInfo) throws Exception {
        return get(servlet, pathInfo, "127.0.0.1");
    }

    private static Answer get(HealthServlet servlet, String pathInfo, String client) throws Exception {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getPathInfo()).thenReturn(pathInfo);
        when(request.getRemoteAddr()).thenReturn(client);
        HttpServletResponse response = mock(HttpServletResponse.class);
        CapturedBody written = new CapturedBody();
        when(response.getOutputStream()).thenReturn(written);

        servlet.doGet(request, response);

        var status = org.mockito.ArgumentCaptor.forClass(Integer.class);
        verify(response).setStatus(status.capture());
        verify(response).setContentType("application/json");
        verify(response).setHeader("Cache-Control", "no-store");
        @SuppressWarnings("unchecked")
        Map<String, Object> body = new ObjectMapper().readValue(written.bytes(), Map.class);
        return new Answer(status.getValue(), body);
    }

    @Test
    void missingRequiredCheckIsNotReadyAndReportedAsNotStarted() {
        HealthServlet servlet = servlet("database");
        servlet.addCheck(up("redis"));

        HealthServlet.Readiness readiness = servlet.readiness();

        assertThat(readiness.ready()).isFalse();
        assertThat(readiness.statuses()).containsExactly(
                new HealthStatus("redis", true, "ok"),
                new HealthStatus("database", false, "not started"));
    }

    @Test
    void throwingCheckIsDown() {
        HealthServlet servlet = servlet("database");
        servlet.addCheck(up("database"));
        servlet.addCheck(new ExplodingCheck());

        HealthServlet.Readiness readiness = servlet.readiness();

        assertThat(readiness.ready()).isFalse();
        assertThat(readiness.statuses()).contains(
                new HealthStatus("ExplodingCheck", false, "check failed: IllegalStateException"));
        assertThat(readiness.statuses()).noneMatch(s -> s.detail().contains("secret"));
    }

    @Test
    void downCheckIsNotReady() {
        HealthServlet servlet = servlet();
        servlet.addCheck(() -> new HealthStatus("blobs", false, "disk full"));

        assertThat(servlet.readiness().ready()).isFalse();
    }

    @Test
    void allRequiredChecksUpIsReady() {
        HealthServlet servlet = servlet("database", "redis");
        servlet.addCheck(up("database"));
        servlet.addCheck(up("redis"));
        servlet.addCheck(up("plugin"));

        HealthServlet.Readiness readiness = servlet.readiness();

        assertThat(readiness.ready()).isTrue();
        assertThat(readiness.statuses()).extracting(HealthStatus::name).containsExactly("database", "redis", "plugin");
    }

    @Test
    void removedCheckNoLongerCounts() {
        HealthServlet servlet = servlet("database");
        HealthCheck database = up("database");
        servlet.addCheck(database);
        servlet.removeCheck(database);

        assertThat(servlet.readiness().ready()).isFalse();
    }

    @Test
    void healthAndReadyAre200WhenReady() throws Exception {
        HealthServlet servlet = servlet("database");
        servlet.addCheck(up("database"));

        for (String path : new String[] {null, "", "/", "/ready"}) {
            Answer answer = get(servlet, path);
            assertThat(answer.status()).as(String.valueOf(path)).isEqualTo(200);
            assertThat(answer.body()).containsEntry("status", "UP").containsEntry("live", true).containsEntry("ready", true);
            assertThat(answer.body().get("checks")).isEqualTo(
                    List.of(Map.of("name", "database", "up", true, "detail", "ok")));
        }
    }

    @Test
    void healthAndReadyAre503WhenNotReady() throws Exception {
        HealthServlet servlet = servlet("database");

        Answer health = get(servlet, null);
        Answer ready = get(servlet, "/ready");

        assertThat(health.status()).isEqualTo(503);
        assertThat(health.body()).containsEntry("status", "DOWN").containsEntry("live", true).containsEntry("ready", false);
        assertThat(health.body().get("checks")).isEqualTo(
                List.of(Map.of("name", "database", "up", false, "detail", "not started")));
        assertThat(ready.status()).isEqualTo(503);
    }

    @Test
    void liveIs200EvenWhenNotReady() throws Exception {
        Answer live = get(servlet("database"), "/live");

        assertThat(live.status()).isEqualTo(200);
        assertThat(live.body()).isEqualTo(Map.of("status", "UP"));
    }

    @Test
    void unknownSubPathIs404() throws Exception {
        Answer answer = get(servlet("database"), "/nope");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo(Map.of("message", "Not Found"));
    }

    @Test
    void clientsOutsideTheMonitoringAddressesSeeTheStatusButNoDetails() throws Exception {
        HealthServlet servlet = servlet("database");
        servlet.addCheck(() -> new HealthStatus("database", false, "PostgreSQL at db.internal:5432 unreachable"));

        Answer outside = get(servlet, "/ready", "10.1.2.3");
        assertThat(outside.status()).isEqualTo(503);
        assertThat(outside.body()).containsEntry("ready", false).doesNotContainKey("checks");
        assertThat(outside.body().toString()).doesNotContain("db.internal");

        Answer local = get(servlet, "/ready", "::1");
        assertThat(local.body()).containsKey("checks");
        assertThat(local.body().toString()).contains("db.internal");
    }
}
