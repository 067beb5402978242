package io.codara.auth.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Whether people may create their own accounts. */
@ObjectClassDefinition(name = "Codara sign-up")
public @interface SignupConfig {

    @AttributeDefinition(description = "Let anyone who can reach the site create an account (off: administrators"
            + " create accounts).")
    boolean enabled() default false;
}
