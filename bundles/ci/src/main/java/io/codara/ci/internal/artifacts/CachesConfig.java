package io.codara.ci.internal.artifacts;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of {@link PostgresCaches}. */
@ObjectClassDefinition(name = "Codara CI caches",
        description = "Dependency caches of repositories (actions/cache)")
@interface CachesConfig {

    @AttributeDefinition(description = "Most bytes of cache entries a repository keeps; over it the least recently"
            + " used entries are evicted (GitHub: 10 GB)")
    long max_repository_bytes() default 10L * 1024 * 1024 * 1024;
}
