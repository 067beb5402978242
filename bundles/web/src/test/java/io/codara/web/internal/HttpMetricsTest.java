package io.codara.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;

import io.codara.api.storage.Database;
import io.codara.api.storage.PoolStats;

import org.junit.jupiter.api.Test;

class HttpMetricsTest {

    private static String scrape(HttpMetrics metrics) throws Exception {
        return new String(metrics.scrape(), StandardCharsets.UTF_8);
    }

    @Test
    void recordedRequestsAreCountedPerMethodRouteAndStatus() throws Exception {
        HttpMetrics metrics = new HttpMetrics();

        metrics.record("GET", "/x", 200, 3_000_000);
        metrics.record("GET", "/x", 404, 3_000_000);
        metrics.record("GET", "/x", 404, 3_000_000);

        String text = scrape(metrics);
        assertThat(text)
                .contains("# TYPE http_server_requests_seconds histogram")
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/x\",status=\"200\"} 1\n")
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/x\",status=\"404\"} 2\n")
                .contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/x\",status=\"200\",le=\"0.005\"} 1\n")
                .contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/x\",status=\"200\",le=\"+Inf\"} 1\n")
                .contains("http_server_requests_seconds_sum{method=\"GET\",route=\"/x\",status=\"200\"} 0.003\n");
    }

    @Test
    void slowRequestLandsInTheRightBucket() throws Exception {
        HttpMetrics metrics = new HttpMetrics();

        metrics.record("POST", "/y", 201, 300_000_000);

        assertThat(scrape(metrics))
                .contains("http_server_requests_seconds_bucket{method=\"POST\",route=\"/y\",status=\"201\",le=\"0.25\"} 0\n")
                .contains("http_server_requests_seconds_bucket{method=\"POST\",route=\"/y\",status=\"201\",le=\"0.5\"} 1\n");
    }

    @Test
    void poolConnectionsAreReportedWhenADatabaseIsBound() throws Exception {
        HttpMetrics metrics = new HttpMetrics();
        Database database = mock(Database.class);
        when(database.poolStats()).thenReturn(new PoolStats(3, 2, 5, 1, 10));
        metrics.database = database;

        assertThat(scrape(metrics))
                .contains("codara_db_pool_connections{state=\"active\"} 3.0\n")
                .contains("codara_db_pool_connections{state=\"idle\"} 2.0\n")
                .contains("codara_db_pool_connections{state=\"total\"} 5.0\n")
                .contains("codara_db_pool_connections{state=\"waiting\"} 1.0\n")
                .contains("codara_db_pool_connections{state=\"max\"} 10.0\n");
    }

    @Test
    void noPoolLinesWithoutADatabase() throws Exception {
        assertThat(scrape(new HttpMetrics())).doesNotContain("codara_db_pool_connections{");
    }

    @Test
    void jvmMetricsAreIncluded() throws Exception {
        assertThat(scrape(new HttpMetrics())).contains("jvm_memory_used_bytes").contains("jvm_threads_current");
    }
}
