package io.codara.api.auth;

import java.time.Instant;
import java.util.Set;

/**
 * A personal access token as listed: never its secret, which is shown once at creation and stored hashed.
 *
 * @param id stable numeric id
 * @param owner the user's login
 * @param name what it is for
 * @param scopes what it may do
 * @param lastEight the last eight characters of the token, so a user can tell tokens apart
 * @param expiresAt expiry, or {@code null} for none
 * @param createdAt creation time
 * @param lastUsedAt last use, or {@code null}
 * @param lastUsedAddress address of the last use, or {@code null}
 */
public record AccessToken(long id, String owner, String name, Set<String> scopes, String lastEight, Instant expiresAt,
        Instant createdAt, Instant lastUsedAt, String lastUsedAddress) {

    public AccessToken {
        scopes = Set.copyOf(scopes);
    }
}
