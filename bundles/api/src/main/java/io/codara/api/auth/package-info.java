/**
 * Authentication services.
 */
@Export
@Version("1.1.0")
package io.codara.api.auth;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
