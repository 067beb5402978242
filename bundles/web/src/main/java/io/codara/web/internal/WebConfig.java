package io.codara.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Limits of the REST API. */
@ObjectClassDefinition(name = "Codara REST limits", description = "Request limits of /api/v3")
public @interface WebConfig {

    @AttributeDefinition(name = "Maximum request body", description = "Bytes a request body may have before 413")
    long max_body_bytes() default 10L * 1024 * 1024;
}
