/**
 * What plugins implement to change how Codara searches: the ranking of natural-language code search.
 */
@Export
@Version("1.0.0")
package io.codara.api.search.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
