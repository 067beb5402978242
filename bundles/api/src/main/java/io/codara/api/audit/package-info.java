/**
 * The append-only audit log of security-relevant events.
 */
@Export
@Version("1.0.0")
package io.codara.api.audit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
