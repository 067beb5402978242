package io.codara.api.auth;

/**
 * A session just started or resolved from its cookie.
 *
 * @param secret the cookie value (only known to the browser; stored hashed)
 * @param csrfToken what cookie-authenticated writes must send in {@code X-CSRF-Token}
 * @param session the stored facts
 */
public record StartedSession(String secret, String csrfToken, Session session) {

    @Override
    public String toString() {
        return "StartedSession[" + session + "]";
    }
}
