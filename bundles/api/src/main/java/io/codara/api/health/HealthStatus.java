package io.codara.api.health;

/**
 * The result of one health check.
 *
 * @param name the check's name, e.g. {@code "database"}
 * @param up whether the checked part works
 * @param detail a short explanation, never a secret
 */
public record HealthStatus(String name, boolean up, String detail) {
}
