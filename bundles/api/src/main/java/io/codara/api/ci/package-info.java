/**
 * CI/CD: commit statuses (GitHub's statuses API), the secrets and variables that workflows see, and the artifacts
 * and dependency caches of workflow runs.
 */
@Export
@Version("1.3.0")
package io.codara.api.ci;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
