package io.codara.storage.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.github.benmanes.caffeine.cache.Ticker;

import io.codara.api.storage.Cache;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link Cache} service: Redis when a Redis URL is configured, in memory otherwise. */
@Component(configurationPid = ConfiguredCache.PID)
@Designate(ocd = CacheConfig.class)
public final class ConfiguredCache implements Cache {

    static final String PID = "io.codara.cache";
    static final String ENV_REDIS_URL = "CODARA_REDIS_URL";

    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredCache.class);

    private final Cache backend;

    @Activate
    public ConfiguredCache(CacheConfig config) {
        this(config, System::getenv);
    }

    ConfiguredCache(CacheConfig config, UnaryOperator<String> env) {
        String url = config._redis_url();
        if (url == null || url.isBlank()) {
            url = env.apply(ENV_REDIS_URL);
        }
        if (url != null && !url.isBlank()) {
            RedisCache redis = new RedisCache(url.trim());
            try {
                redis.ping();
            } catch (RuntimeException e) {
                redis.close();
                throw new IllegalStateException("Redis cache configured but unreachable: " + e.getMessage(), e);
            }
            LOG.info("Cache backend: Redis");
            this.backend = redis;
        } else {
            LOG.info("Cache backend: memory");
            this.backend = new MemoryCache(Math.max(1, config.memory_max_entries()), Ticker.systemTicker());
        }
    }

    @Deactivate
    void deactivate() {
        if (backend instanceof RedisCache redis) {
            redis.close();
        }
    }

    @Override
    public Optional<String> get(String key) {
        return backend.get(key);
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        backend.put(key, value, ttl);
    }

    @Override
    public boolean remove(String key) {
        return backend.remove(key);
    }

    @Override
    public long increment(String key, Duration ttl) {
        return backend.increment(key, ttl);
    }

    @Override
    public String backend() {
        return backend.backend();
    }
}
