package io.codara.api.identity;

/**
 * What creating a user or an organisation needs.
 *
 * @param login the login, validated as GitHub does (letters, digits and single hyphens, at most 39 characters)
 * @param name display name, or {@code null}
 * @param email a user's primary email (required for users), an organisation's public email (optional)
 * @param password a user's password; {@code null} for organisations and for users who will only use tokens
 * @param siteAdmin whether a new user administers the installation
 */
public record NewAccount(String login, String name, String email, char[] password, boolean siteAdmin) {
}
