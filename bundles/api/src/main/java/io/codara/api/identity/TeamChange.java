package io.codara.api.identity;

/**
 * Creating a team or changing one: {@code null} fields are left as they are (and required on creation: name).
 *
 * @param name display name; the slug is derived from it on creation
 * @param description description
 * @param privacy {@code "closed"} (visible to the organisation) or {@code "secret"}
 */
public record TeamChange(String name, String description, String privacy) {
}
