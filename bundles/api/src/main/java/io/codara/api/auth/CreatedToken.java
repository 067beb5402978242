package io.codara.api.auth;

/**
 * A token just created: the only time its secret is available.
 *
 * @param token the secret, {@code cdr_} followed by random characters and a checksum
 * @param info the stored facts about it
 */
public record CreatedToken(String token, AccessToken info) {

    @Override
    public String toString() {
        return "CreatedToken[" + info + "]";
    }
}
