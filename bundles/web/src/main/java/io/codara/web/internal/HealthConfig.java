package io.codara.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** What readiness requires. */
@ObjectClassDefinition(name = "Codara health", description = "Readiness rules of /health")
public @interface HealthConfig {

    @AttributeDefinition(name = "Required checks", description = "Checks that must be registered and up for readiness")
    String[] required_checks() default {"database", "boot"};

    @AttributeDefinition(name = "Addresses shown the details", description = "Client addresses (CIDR) that see "
            + "each check and its detail; others see the status only")
    String[] details_allowed_addresses() default {"127.0.0.0/8", "::1"};
}
