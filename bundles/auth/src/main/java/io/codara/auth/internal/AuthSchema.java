package io.codara.auth.internal;

import io.codara.api.storage.Migrations;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code auth} schema, migrated from this bundle's scripts before any component that uses it activates (they
 * all reference this service).
 */
@Component(service = AuthSchema.class)
public final class AuthSchema {

    static final String NAME = "auth";

    @Activate
    public AuthSchema(@Reference Migrations migrations, BundleContext context) {
        migrations.migrate(NAME, context.getBundle(), "db/migration/auth");
    }

    /** For tests, which migrate the schema themselves. */
    AuthSchema() {
    }
}
