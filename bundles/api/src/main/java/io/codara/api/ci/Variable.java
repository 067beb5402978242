package io.codara.api.ci;

import java.time.Instant;

/**
 * A configuration variable: not secret, shown with its value.
 *
 * @param name the name, {@code [A-Z0-9_]}
 * @param value the value
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 */
public record Variable(String name, String value, Instant createdAt, Instant updatedAt) {
}
