/**
 * Health checks contributed by capabilities and plugins.
 */
@Export
@Version("1.0.0")
package io.codara.api.health.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
