package io.codara.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class MemoryCacheTest {

    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final MemoryCache cache = new MemoryCache(1000, nanos::get);

    @Test
    void valuesExpireAfterTheirOwnTtl() {
        cache.put("short", "a", Duration.ofSeconds(1));
        cache.put("long", "b", Duration.ofMinutes(1));
        assertThat(cache.get("short")).contains("a");

        advance(Duration.ofMillis(1500));

        assertThat(cache.get("short")).isEmpty();
        assertThat(cache.get("long")).contains("b");
        assertThat(cache.remove("long")).isTrue();
        assertThat(cache.remove("long")).isFalse();
    }

    @Test
    void putReplacesValueAndTtl() {
        cache.put("k", "old", Duration.ofSeconds(1));
        cache.put("k", "new", Duration.ofSeconds(10));
        advance(Duration.ofSeconds(5));
        assertThat(cache.get("k")).contains("new");
    }

    @Test
    void incrementStartsAtOneAndKeepsTheFirstExpiry() {
        assertThat(cache.increment("hits", Duration.ofSeconds(10))).isEqualTo(1);
        advance(Duration.ofSeconds(6));
        assertThat(cache.increment("hits", Duration.ofSeconds(10))).isEqualTo(2);
        advance(Duration.ofSeconds(5));
        assertThat(cache.get("hits")).as("window of the first increment is over").isEmpty();
        assertThat(cache.increment("hits", Duration.ofSeconds(10))).isEqualTo(1);
    }

    @Test
    void incrementIsAtomic() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 1000; i++) {
                        cache.increment("counter", Duration.ofMinutes(1));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(cache.get("counter")).contains("4000");
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> cache.put("k", "v", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.put("", "v", Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.put("k", null, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        cache.put("text", "abc", Duration.ofSeconds(1));
        assertThatThrownBy(() -> cache.increment("text", Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theServiceIsInMemoryWithoutARedisUrl() {
        ConfiguredCache service = new ConfiguredCache(TestConfigs.config(CacheConfig.class), name -> null);
        assertThat(service.backend()).isEqualTo("memory");
        service.put("k", "v", Duration.ofSeconds(5));
        assertThat(service.get("k")).contains("v");
        assertThat(service.increment("n", Duration.ofSeconds(5))).isEqualTo(1);
        service.deactivate();
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
