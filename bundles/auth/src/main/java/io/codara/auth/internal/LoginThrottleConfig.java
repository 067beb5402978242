package io.codara.auth.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Limits on failed sign-ins. */
@ObjectClassDefinition(name = "Codara sign-in throttling")
public @interface LoginThrottleConfig {

    @AttributeDefinition(description = "Failed sign-ins per account within a window before further attempts wait.")
    int account_failures() default 10;

    @AttributeDefinition(description = "Failed sign-ins from one address within a window before it must wait.")
    int address_failures() default 50;

    @AttributeDefinition(description = "The window, in minutes.")
    int window_minutes() default 15;
}
