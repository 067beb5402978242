package io.codara.api.ci.spi;

import java.util.Map;
import java.util.Objects;

/**
 * A {@code services:} entry of a job, with its expressions evaluated: a container a runner with a container engine
 * starts before the steps and removes after them, reachable from the job's container under {@code id}.
 *
 * @param id the service's key under {@code services:}, its host name on the job's network
 * @param image the image
 * @param env the container's environment
 */
public record ServiceContainer(String id, String image, Map<String, String> env) {

    public ServiceContainer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(image, "image");
        env = Map.copyOf(env == null ? Map.of() : env);
    }
}
