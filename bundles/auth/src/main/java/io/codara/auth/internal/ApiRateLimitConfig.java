package io.codara.auth.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** REST API request limits per hour, GitHub's by default. */
@ObjectClassDefinition(name = "Codara API rate limits")
public @interface ApiRateLimitConfig {

    @AttributeDefinition(description = "Requests per hour for a token or a signed-in user.")
    int authenticated_limit() default 5000;

    @AttributeDefinition(description = "Requests per hour from one address without credentials.")
    int anonymous_limit() default 60;
}
