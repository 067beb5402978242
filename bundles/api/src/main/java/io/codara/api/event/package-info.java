/**
 * Domain event topics and property names.
 */
@Export
@Version("1.7.0")
package io.codara.api.event;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
