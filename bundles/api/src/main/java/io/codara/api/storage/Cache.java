package io.codara.api.storage;

import java.time.Duration;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A key-value cache shared by the nodes when Redis is configured, in memory otherwise. Values may disappear at
 * any time; nothing that must survive goes here.
 */
@ProviderType
public interface Cache {

    /** The value of {@code key}, if present and not expired. */
    Optional<String> get(String key);

    /** Stores {@code value} under {@code key} for {@code ttl}. */
    void put(String key, String value, Duration ttl);

    /** Removes {@code key}; true when it was present. */
    boolean remove(String key);

    /**
     * Atomically adds one to the counter {@code key}, creating it with value 1 and expiry {@code ttl} when absent.
     * Counters suit rate limits.
     */
    long increment(String key, Duration ttl);

    /** {@code "memory"} or {@code "redis"}. */
    String backend();
}
