package io.codara.api.storage;

/**
 * Where Codara's database runs.
 *
 * @param mode embedded or external
 * @param url the JDBC URL, without credentials
 * @param serverVersion the PostgreSQL server version, as the server reports it
 */
public record DatabaseInfo(Mode mode, String url, String serverVersion) {

    /** Whether Codara started the PostgreSQL server itself. */
    public enum Mode { EMBEDDED, EXTERNAL }
}
