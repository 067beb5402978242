/**
 * Types shared by every REST resource: errors, pagination.
 */
@Export
@Version("1.2.0")
package io.codara.api.rest;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
