package io.codara.storage.internal;

import java.time.Duration;

/** Argument checks shared by both cache back ends, so they reject the same things. */
final class CacheKeys {

    /** Prefix of every key Codara writes to Redis. */
    static final String PREFIX = "codara:";

    private CacheKeys() {
    }

    static String check(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("Cache keys must not be empty");
        }
        return key;
    }

    static Duration checkTtl(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("Cache TTL must be positive");
        }
        return ttl;
    }
}
