package io.codara.web.internal;

import java.io.IOException;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.codara.api.security.Permissions;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /metrics} in Prometheus' text format, for the addresses of {@link MonitoringConfig} (loopback by default)
 * and for site administrators from anywhere (a scraper can use a token with the {@code admin} scope): others get
 * 404, as if it did not exist.
 */
@Component(service = Servlet.class, configurationPid = "io.codara.monitoring")
@Designate(ocd = MonitoringConfig.class)
@HttpWhiteboardServletPattern("/metrics")
public final class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient HttpMetrics metrics;
    private final transient AddressAllowList allowed;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile transient Permissions permissions;

    @Activate
    public MetricsServlet(@Reference HttpMetrics metrics, MonitoringConfig config) {
        this.metrics = metrics;
        this.allowed = new AddressAllowList(config.allowed_addresses());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!allowed.allows(request.getRemoteAddr()) && !SiteAdministrators.asking(permissions, request)) {
            response.setStatus(404);
            response.setContentType("application/json");
            response.getOutputStream().write("{\"message\":\"Not Found\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        byte[] body = metrics.scrape();
        response.setStatus(200);
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
