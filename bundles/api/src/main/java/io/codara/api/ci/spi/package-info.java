/**
 * What a CI runner plugin implements to run Codara's jobs: the built-in shell runner, a Docker runner, a remote
 * runner polling over REST, or a third party's Kubernetes runner all sit behind {@link io.codara.api.ci.spi.RunnerProvider}.
 * The engine hands a runner a fully resolved {@link io.codara.api.ci.spi.RunnerJob} and learns everything back through
 * the {@link io.codara.api.ci.spi.JobListener}, whose every call is plain data, so a remote runner can relay it over
 * HTTP.
 */
@Export
@Version("1.1.0")
package io.codara.api.ci.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
