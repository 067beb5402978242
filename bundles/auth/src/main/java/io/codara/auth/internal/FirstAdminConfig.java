package io.codara.auth.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The first administrator, created on first start. Blank values fall back to the environment, then to the defaults. */
@ObjectClassDefinition(name = "Codara first administrator")
public @interface FirstAdminConfig {

    @AttributeDefinition(description = "Login (env CODARA_ADMIN_LOGIN, default admin)")
    String admin_login() default "";

    @AttributeDefinition(description = "Email (env CODARA_ADMIN_EMAIL, default <login>@codara.localhost)")
    String admin_email() default "";

    /** Property {@code .admin.password}: private (leading dot), so it never becomes a service property. */
    @AttributeDefinition(description = "Password (env CODARA_ADMIN_PASSWORD; random and written to <root>/admin-password when unset)",
            type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String _admin_password() default "";
}
