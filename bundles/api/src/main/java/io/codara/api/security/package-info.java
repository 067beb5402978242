/**
 * Authorisation: the one permission service every REST endpoint, git operation, shell command and plugin asks
 * "may principal P do action A on resource R".
 */
@Export
@Version("1.0.0")
package io.codara.api.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
