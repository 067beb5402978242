package io.codara.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** What readiness requires. */
@ObjectClassDefinition(name = "Codara health", description = "Readiness rules of /health")
public @interface HealthConfig {

    @AttributeDefinition(name = "Required checks", description = "Checks that must be registered and up for readiness")
    String[] required_checks() default {"database", "boot"};
}
