/** The CI engine: workflow runs and their jobs in PostgreSQL, dispatched to runners through the job queue. */
package io.codara.ci.internal.engine;
