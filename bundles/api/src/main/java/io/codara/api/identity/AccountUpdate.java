package io.codara.api.identity;

import io.codara.api.security.Role;

/**
 * A partial update of an account's profile: {@code null} leaves a field as it is, an empty string clears it.
 *
 * @param name display name
 * @param email public email (a user's must be one of their own emails)
 * @param bio bio or description
 * @param company company
 * @param location location
 * @param blog homepage
 * @param basePermission an organisation's base role for members: {@code "none"}, {@code "read"}, {@code "write"}
 *        or {@code "admin"}
 */
public record AccountUpdate(String name, String email, String bio, String company, String location, String blog,
        String basePermission) {

    /** Nothing to change. */
    public static final AccountUpdate NONE = new AccountUpdate(null, null, null, null, null, null, null);

    /** The base permission as a role, empty for {@code "none"}; {@code null} when not given. */
    public static Role parseBasePermission(String value) {
        return switch (value) {
            case "none" -> null;
            case "read" -> Role.READ;
            case "write" -> Role.WRITE;
            case "admin" -> Role.ADMIN;
            default -> throw new IllegalArgumentException("base permission must be none, read, write or admin");
        };
    }
}
