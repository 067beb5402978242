/**
 * CI/CD: commit statuses (GitHub's statuses API) and the secrets and variables that workflows see.
 */
@Export
@Version("1.2.0")
package io.codara.api.ci;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
