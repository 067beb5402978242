package io.codara.ci.internal;

import io.codara.api.storage.Migrations;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@code ci} schema, migrated from this bundle's scripts before any component that uses it activates. */
@Component(service = CiSchema.class)
public final class CiSchema {

    @Activate
    public CiSchema(@Reference Migrations migrations, BundleContext context) {
        migrations.migrate("ci", context.getBundle(), "db/migration/ci");
    }

    /** For tests, which migrate the schema themselves. */
    CiSchema() {
    }
}
