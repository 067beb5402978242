package io.codara.api.auth;

import java.time.Instant;

/**
 * A signed-in browser session, as listed to its user.
 *
 * @param id stable numeric id (not the secret in the cookie)
 * @param user the user's login
 * @param createdAt sign-in time
 * @param lastSeenAt last request, within a few minutes
 * @param expiresAt when it ends unless used again
 * @param address the address it was last used from
 * @param userAgent the browser's User-Agent at sign-in
 */
public record Session(long id, String user, Instant createdAt, Instant lastSeenAt, Instant expiresAt, String address,
        String userAgent) {
}
