/**
 * Git hosting: repositories owned by users and organisations, and the events their changes publish.
 */
@Export
@Version("1.4.0")
package io.codara.api.git;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
