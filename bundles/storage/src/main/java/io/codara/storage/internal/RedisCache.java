package io.codara.storage.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.codara.api.storage.Cache;

import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.SetParams;

/** A cache in Redis, shared by every node; keys are prefixed with {@code codara:}. */
final class RedisCache implements Cache, AutoCloseable {

    /** INCR, then set the TTL only when the key has none (EXPIRE NX semantics on any Redis version), atomically. */
    private static final String INCREMENT = "local v = redis.call('INCR', KEYS[1]) "
            + "if redis.call('PTTL', KEYS[1]) == -1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end "
            + "return v";

    private static final int TIMEOUT_MILLIS = 2000;

    private final JedisPooled redis;

    RedisCache(String url) {
        this.redis = new JedisPooled(URI.create(url), TIMEOUT_MILLIS);
    }

    /** Fails fast when Redis is unreachable or refuses the credentials. */
    void ping() {
        redis.ping();
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(redis.get(redisKey(key)));
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        if (value == null) {
            throw new IllegalArgumentException("Cache values must not be null");
        }
        redis.set(redisKey(key), value, SetParams.setParams().px(CacheKeys.checkTtl(ttl).toMillis()));
    }

    @Override
    public boolean remove(String key) {
        return redis.del(redisKey(key)) > 0;
    }

    @Override
    public long increment(String key, Duration ttl) {
        Object result = redis.eval(INCREMENT, List.of(redisKey(key)),
                List.of(Long.toString(CacheKeys.checkTtl(ttl).toMillis())));
        return (Long) result;
    }

    @Override
    public String backend() {
        return "redis";
    }

    @Override
    public void close() {
        redis.close();
    }

    private static String redisKey(String key) {
        return CacheKeys.PREFIX + CacheKeys.check(key);
    }
}
