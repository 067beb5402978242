package io.codara.auth.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.codara.api.storage.Cache;

/** An in-memory {@link Cache} for unit tests (expiry ignored: tests move their clocks, not the cache's). */
final class TestCache implements Cache {

    final Map<String, String> values = new ConcurrentHashMap<>();

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        values.put(key, value);
    }

    @Override
    public boolean remove(String key) {
        return values.remove(key) != null;
    }

    @Override
    public long increment(String key, Duration ttl) {
        return Long.parseLong(values.merge(key, "1", (a, b) -> Long.toString(Long.parseLong(a) + 1)));
    }

    @Override
    public String backend() {
        return "test";
    }
}
