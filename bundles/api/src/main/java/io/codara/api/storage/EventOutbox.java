package io.codara.api.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The transactional outbox: an event written here in the same transaction as the change it reports is
 * delivered at least once to EventAdmin on its topic, with the property
 * {@link io.codara.api.event.EventProperties#EVENT_ID}, so consumers can be idempotent.
 */
@ProviderType
public interface EventOutbox {

    /**
     * Records an event inside the caller's transaction.
     *
     * @param topic an EventAdmin topic such as {@code codara/git/push}
     * @param properties JSON-compatible values: strings, numbers, booleans, lists and maps of those
     * @return the event id
     */
    long publish(Connection transaction, String topic, Map<String, ?> properties) throws SQLException;

    /** Records an event in its own transaction. */
    long publish(String topic, Map<String, ?> properties);
}
