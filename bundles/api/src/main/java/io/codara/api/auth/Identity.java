package io.codara.api.auth;

/**
 * An authenticated principal.
 *
 * @param login the user's login
 * @param siteAdmin whether the user administers the whole installation
 */
public record Identity(String login, boolean siteAdmin) {
}
