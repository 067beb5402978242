package io.codara.api.storage;

import org.osgi.annotation.versioning.ProviderType;
import org.osgi.framework.Bundle;

/**
 * Applies a bundle's own versioned SQL migrations to its own schema. Each capability and plugin calls this
 * when it activates; re-running is a no-op and several nodes may start at once.
 */
@ProviderType
public interface Migrations {

    /**
     * Applies the scripts {@code V<version>__<description>.sql} found under {@code path} in {@code bundle}
     * to the PostgreSQL schema {@code schema}, creating it when missing.
     *
     * @param schema lower-case schema name owned by the bundle, e.g. {@code "git"}
     * @param bundle the bundle that ships the scripts
     * @param path folder inside the bundle, e.g. {@code "db/migration"}
     * @return what was applied
     * @throws MigrationException when a script fails or a applied script was changed
     */
    MigrationResult migrate(String schema, Bundle bundle, String path);
}
