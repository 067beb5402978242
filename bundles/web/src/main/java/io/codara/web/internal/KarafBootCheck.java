package io.codara.web.internal;

import io.codara.api.health.HealthStatus;
import io.codara.api.health.spi.HealthCheck;

import org.apache.karaf.features.BootFinished;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Readiness check {@code boot} (on Karaf; without Karaf, drop it from {@code required.checks}): registered only once Karaf has installed and started every boot feature, so
 * {@code /health/ready} does not report ready while capabilities are still starting.
 */
@Component(service = HealthCheck.class)
public final class KarafBootCheck implements HealthCheck {

    static final String NAME = "boot";

    @Reference
    BootFinished bootFinished;

    @Override
    public HealthStatus check() {
        return new HealthStatus(NAME, true, "all boot features started");
    }
}
