package io.codara.storage.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the cache (PID {@code io.codara.cache}). */
@ObjectClassDefinition(name = "Codara cache", description = "In memory by default; Redis, shared by the nodes, when a URL is set.")
public @interface CacheConfig {

    @AttributeDefinition(name = "Redis URL", type = AttributeType.PASSWORD, required = false,
            description = "e.g. redis://:secret@redis:6379/0. Blank: environment variable CODARA_REDIS_URL, else in memory.")
    /** Property {@code .redis.url}: private (leading dot), since a Redis URL usually carries its password. */
    String _redis_url() default "";

    @AttributeDefinition(name = "Maximum entries in memory", min = "1")
    long memory_max_entries() default 100_000;
}
