package io.codara.review.internal;

import io.codara.api.storage.Migrations;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@code review} schema, migrated from this bundle's scripts before any component that uses it activates. */
@Component(service = ReviewSchema.class)
public final class ReviewSchema {

    @Activate
    public ReviewSchema(@Reference Migrations migrations, BundleContext context) {
        migrations.migrate("review", context.getBundle(), "db/migration/review");
    }

    /** For tests, which migrate the schema themselves. */
    ReviewSchema() {
    }
}
