package io.codara.api.ci;

import java.time.Instant;

/**
 * What may be shown of a secret: never its value.
 *
 * @param name the name, {@code [A-Z0-9_]}
 * @param createdAt when it was first set
 * @param updatedAt when its value was last set
 */
public record SecretInfo(String name, Instant createdAt, Instant updatedAt) {
}
