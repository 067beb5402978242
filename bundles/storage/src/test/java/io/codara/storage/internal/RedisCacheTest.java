package io.codara.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import redis.clients.jedis.JedisPooled;

/** Against a real Redis on 127.0.0.1:6379; skipped (with the reason printed) when none answers. */
class RedisCacheTest {

    static final String URL = "redis://127.0.0.1:6379/15";

    ConfiguredCache cache;
    JedisPooled direct;
    String prefix;

    @BeforeEach
    void connect() {
        String reason = PostgresDatabaseTest.reachable("127.0.0.1", 6379);
        if (reason != null) {
            System.out.println("Skipping Redis cache tests: " + reason);
        }
        Assumptions.assumeTrue(reason == null, reason);
        // The URL comes from the environment variable here; the configuration takes precedence when set.
        cache = new ConfiguredCache(TestConfigs.config(CacheConfig.class), name -> "CODARA_REDIS_URL".equals(name) ? URL : null);
        direct = new JedisPooled(java.net.URI.create(URL));
        prefix = "test-" + UUID.randomUUID() + ":";
    }

    @AfterEach
    void close() {
        if (cache != null) {
            cache.deactivate();
            direct.close();
        }
    }

    @Test
    void usesRedisWithPrefixedKeysAndTtls() {
        assertThat(cache.backend()).isEqualTo("redis");
        cache.put(prefix + "k", "v", Duration.ofSeconds(30));

        assertThat(cache.get(prefix + "k")).contains("v");
        assertThat(direct.get("codara:" + prefix + "k")).isEqualTo("v");
        assertThat(direct.pttl("codara:" + prefix + "k")).isBetween(25_000L, 30_000L);
        assertThat(cache.remove(prefix + "k")).isTrue();
        assertThat(cache.remove(prefix + "k")).isFalse();
        assertThat(cache.get(prefix + "k")).isEmpty();
    }

    @Test
    void valuesExpire() throws InterruptedException {
        cache.put(prefix + "short", "v", Duration.ofMillis(100));
        Thread.sleep(250);
        assertThat(cache.get(prefix + "short")).isEmpty();
    }

    @Test
    void incrementSetsTheTtlOnceAndIsAtomic() throws Exception {
        String key = prefix + "hits";
        assertThat(cache.increment(key, Duration.ofSeconds(60))).isEqualTo(1);
        direct.pexpire("codara:" + key, 5_000);
        assertThat(cache.increment(key, Duration.ofSeconds(60))).isEqualTo(2);
        assertThat(direct.pttl("codara:" + key)).as("first expiry kept").isLessThanOrEqualTo(5_000L);

        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        cache.increment(prefix + "counter", Duration.ofSeconds(60));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(cache.get(prefix + "counter")).contains("400");
        assertThat(direct.pttl("codara:" + prefix + "counter")).isPositive();
    }

    @Test
    void aCounterWithoutTtlGetsOne() {
        direct.set("codara:" + prefix + "legacy", "7");
        assertThat(cache.increment(prefix + "legacy", Duration.ofSeconds(60))).isEqualTo(8);
        assertThat(direct.pttl("codara:" + prefix + "legacy")).isPositive();
    }

    @Test
    void anUnreachableRedisFailsActivation() {
        assertThatThrownBy(() -> new ConfiguredCache(TestConfigs.config(CacheConfig.class, "_redis_url",
                "redis://127.0.0.1:" + unusedPort()), name -> null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unreachable");
    }

    private static int unusedPort() {
        try {
            return PostgresServer.freePort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
