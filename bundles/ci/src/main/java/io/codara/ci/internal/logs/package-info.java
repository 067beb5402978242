/** Step logs: timestamped, masked, capped lines from a step's raw output. */
package io.codara.ci.internal.logs;
