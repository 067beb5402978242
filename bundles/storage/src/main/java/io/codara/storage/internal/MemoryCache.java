package io.codara.storage.internal;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import io.codara.api.storage.Cache;

/** A Caffeine cache in this JVM, each entry with its own time to live. */
final class MemoryCache implements Cache {

    /** A value and the ticker time at which it expires. Counters keep their first deadline. */
    private record Entry(String value, long deadlineNanos) {
    }

    private final com.github.benmanes.caffeine.cache.Cache<String, Entry> entries;
    private final Ticker ticker;

    MemoryCache(long maxEntries, Ticker ticker) {
        this.ticker = ticker;
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(ticker)
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry entry, long currentTime) {
                        return Math.max(0, entry.deadlineNanos() - currentTime);
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
                        return Math.max(0, entry.deadlineNanos() - currentTime);
                    }

                    @Override
                    public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    @Override
    public Optional<String> get(String key) {
        Entry entry = entries.getIfPresent(CacheKeys.check(key));
        return entry == null ? Optional.empty() : Optional.of(entry.value());
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        CacheKeys.check(key);
        if (value == null) {
            throw new IllegalArgumentException("Cache values must not be null");
        }
        entries.put(key, new Entry(value, deadline(ttl)));
    }

    @Override
    public boolean remove(String key) {
        return entries.asMap().remove(CacheKeys.check(key)) != null;
    }

    @Override
    public long increment(String key, Duration ttl) {
        CacheKeys.check(key);
        long deadline = deadline(ttl);
        // compute is atomic per key; an expired entry is passed in as absent.
        Entry updated = entries.asMap().compute(key, (k, current) -> {
            if (current == null) {
                return new Entry("1", deadline);
            }
            long value;
            try {
                value = Long.parseLong(current.value());
            } catch (NumberFormatException e) {
                throw new IllegalStateException("Cache key " + k + " does not hold a counter", e);
            }
            return new Entry(Long.toString(value + 1), current.deadlineNanos());
        });
        return Long.parseLong(updated.value());
    }

    @Override
    public String backend() {
        return "memory";
    }

    private long deadline(Duration ttl) {
        return ticker.read() + CacheKeys.checkTtl(ttl).toNanos();
    }
}
