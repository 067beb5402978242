/** CI/CD: commit statuses, secrets and variables, and the services and resources over them. */
package io.codara.ci.internal;
