package io.codara.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Who may read monitoring data: {@code /metrics} and the details of {@code /health}. */
@ObjectClassDefinition(name = "Codara monitoring access")
public @interface MonitoringConfig {

    @AttributeDefinition(name = "Allowed addresses", description = "Client addresses (CIDR ranges or single "
            + "addresses) that may read /metrics and health details; others get 404 and bare health status.")
    String[] allowed_addresses() default {"127.0.0.0/8", "::1"};
}
