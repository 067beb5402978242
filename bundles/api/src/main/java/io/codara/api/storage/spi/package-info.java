/**
 * Storage extension points that capabilities and plugins implement.
 */
@Export
@Version("1.0.0")
package io.codara.api.storage.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
