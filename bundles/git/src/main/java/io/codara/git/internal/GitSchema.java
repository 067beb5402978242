package io.codara.git.internal;

import io.codara.api.storage.Migrations;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@code git} schema, migrated from this bundle's scripts before any component that uses it activates. */
@Component(service = GitSchema.class)
public final class GitSchema {

    @Activate
    public GitSchema(@Reference Migrations migrations, BundleContext context) {
        migrations.migrate("git", context.getBundle(), "db/migration/git");
    }

    /** For tests, which migrate the schema themselves. */
    GitSchema() {
    }
}
