package io.codara.api.health.spi;

import io.codara.api.health.HealthStatus;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A readiness check contributed by a capability or plugin; {@code /health} reports it and is ready only when
 * every registered check is up and every required check is registered.
 */
@ConsumerType
public interface HealthCheck {

    /** Checks quickly (well under a second) and never throws. */
    HealthStatus check();
}
