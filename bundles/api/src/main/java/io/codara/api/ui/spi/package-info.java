/**
 * Contributions to the web UI: pages that capabilities and plugins add to the single-page app without touching it.
 */
@Export
@Version("1.0.0")
package io.codara.api.ui.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
