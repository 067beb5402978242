/** The Docker runner: CI jobs in containers of the Docker Engine API, with service containers on a job network. */
package io.codara.ci.internal.docker;
