package io.codara.api.storage;

/**
 * Outcome of one {@link Migrations#migrate} call.
 *
 * @param schema the schema migrated
 * @param applied how many scripts ran this time (0 when already up to date)
 * @param version the schema version after the call, or {@code null} when the bundle ships no scripts
 */
public record MigrationResult(String schema, int applied, String version) {
}
