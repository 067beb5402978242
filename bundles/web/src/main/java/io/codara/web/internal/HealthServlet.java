package io.codara.web.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.health.HealthStatus;
import io.codara.api.health.spi.HealthCheck;
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
 * {@code /health}: liveness ({@code /health/live}, 200 while the process serves HTTP) and readiness
 * ({@code /health/ready} and {@code /health}, 200 only when every required check is registered and every check is
 * up, 503 otherwise). The checks and their details (which name internal hosts) are shown to the monitoring
 * addresses and to site administrators only; everyone else, a load balancer say, gets the status alone.
 */
@Component(service = Servlet.class, configurationPid = "io.codara.health")
@Designate(ocd = HealthConfig.class)
@HttpWhiteboardServletPattern({"/health", "/health/*"})
public final class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Set<String> required;
    private final transient AddressAllowList detailsAllowed;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile transient Permissions permissions;
    private final transient ObjectMapper json = Json.mapper();
    private final transient List<HealthCheck> checks = new CopyOnWriteArrayList<>();

    @Activate
    public HealthServlet(HealthConfig config) {
        this.required = Set.of(config.required_checks());
        this.detailsAllowed = new AddressAllowList(config.details_allowed_addresses());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addCheck(HealthCheck check) {
        checks.add(check);
    }

    void removeCheck(HealthCheck check) {
        checks.remove(check);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        Map<String, Object> body = new LinkedHashMap<>();
        int status;
        switch (path) {
            case "/live" -> {
                body.put("status", "UP");
                status = 200;
            }
            case "", "/", "/ready" -> {
                Readiness readiness = readiness();
                body.put("status", readiness.ready() ? "UP" : "DOWN");
                body.put("live", true);
                body.put("ready", readiness.ready());
                if (detailsAllowed.allows(request.getRemoteAddr()) || SiteAdministrators.asking(permissions, request)) {
                    body.put("checks", readiness.statuses());
                }
                status = readiness.ready() ? 200 : 503;
            }
            default -> {
                body.put("message", "Not Found");
                status = 404;
            }
        }
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        json.writeValue(response.getOutputStream(), body);
    }

    Readiness readiness() {
        List<HealthStatus> statuses = new ArrayList<>();
        for (HealthCheck check : checks) {
            HealthStatus status;
            try {
                status = check.check();
            } catch (RuntimeException e) {
                status = new HealthStatus(check.getClass().getSimpleName(), false, "check failed: " + e.getClass().getSimpleName());
            }
            statuses.add(status);
        }
        boolean ready = statuses.stream().allMatch(HealthStatus::up);
        for (String name : required) {
            if (statuses.stream().noneMatch(s -> s.name().equals(name))) {
                statuses.add(new HealthStatus(name, false, "not started"));
                ready = false;
            }
        }
        return new Readiness(ready, statuses);
    }

    record Readiness(boolean ready, List<HealthStatus> statuses) {
    }
}
