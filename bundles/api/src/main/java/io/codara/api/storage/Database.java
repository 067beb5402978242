package io.codara.api.storage;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ProviderType;

/** Codara's PostgreSQL database: pooled connections and transactions. Registered once the database is reachable. */
@ProviderType
public interface Database {

    /** Pooled connections; callers close what they borrow. */
    DataSource dataSource();

    /** Where the database runs and which server it is. */
    DatabaseInfo info();

    /** Current state of the connection pool. */
    PoolStats poolStats();

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
     *
     * @throws SQLException what the work or the commit threw
     */
    <T> T inTransaction(TransactionalWork<T> work) throws SQLException;

    /** Work that runs on a connection inside a transaction. */
    @FunctionalInterface
    interface TransactionalWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
