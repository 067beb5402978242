/**
 * Storage services: the storage root, PostgreSQL, migrations, job queue, event outbox, cache and blob store.
 */
@Export
@Version("1.0.0")
package io.codara.api.storage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
