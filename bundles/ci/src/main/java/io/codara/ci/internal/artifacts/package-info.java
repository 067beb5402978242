/** The built-in actions' storage: artifacts and dependency caches in PostgreSQL and the blob store, workspace globs. */
package io.codara.ci.internal.artifacts;
