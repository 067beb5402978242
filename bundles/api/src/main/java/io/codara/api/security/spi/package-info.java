/**
 * Authorisation extension points: each capability (and plugin) answers for the resource types it owns.
 */
@Export
@Version("1.0.0")
package io.codara.api.security.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
