package io.codara.auth.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How long web sessions live. */
@ObjectClassDefinition(name = "Codara web sessions")
public @interface SessionsConfig {

    @AttributeDefinition(description = "A session unused for this many hours ends.")
    int idle_timeout_hours() default 336;

    @AttributeDefinition(description = "A session ends this many days after sign-in, however much it is used.")
    int max_age_days() default 30;
}
