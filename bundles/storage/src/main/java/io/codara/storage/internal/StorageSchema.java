package io.codara.storage.internal;

import io.codara.api.storage.MigrationResult;
import io.codara.api.storage.Migrations;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code storage} schema (jobs, outbox), migrated from this bundle's own scripts. Components that use those
 * tables reference this service, so they activate only once the schema is up to date.
 */
@Component(service = StorageSchema.class)
public final class StorageSchema {

    static final String SCHEMA = "storage";
    static final String SCRIPTS = "db/migration/storage";

    private final MigrationResult result;

    @Activate
    public StorageSchema(@Reference Migrations migrations, BundleContext context) {
        this.result = migrations.migrate(SCHEMA, context.getBundle(), SCRIPTS);
    }

    /** What the activation applied. */
    MigrationResult result() {
        return result;
    }
}
