package io.codara.auth.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Supplier;

import io.codara.api.rest.ApiException;
import io.codara.api.storage.Database;

/**
 * Reads and transactional writes for the auth stores: a database failure becomes a 5xx, a unique violation the
 * caller named becomes its 422, and a thrown {@link ApiException} rolls the transaction back untouched.
 */
final class Store {

    private final Database database;

    Store(Database database) {
        this.database = database;
    }

    <T> T read(Sql.Work<T> work) {
        try (Connection c = database.dataSource().getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Database failure: " + e.getMessage(), e);
        }
    }

    <T> T write(Sql.Work<T> work) {
        return write(work, Map.of());
    }

    /** Runs {@code work} in one transaction; a unique violation of a constraint in {@code duplicates} is its error. */
    <T> T write(Sql.Work<T> work, Map<String, Supplier<ApiException>> duplicates) {
        try {
            return database.inTransaction(work::run);
        } catch (SQLException e) {
            for (Map.Entry<String, Supplier<ApiException>> duplicate : duplicates.entrySet()) {
                if (Sql.duplicate(e, duplicate.getKey())) {
                    throw duplicate.getValue().get();
                }
            }
            throw new IllegalStateException("Database failure: " + e.getMessage(), e);
        }
    }
}
