package io.codara.api.security;

import java.util.Set;

/**
 * Who is asking: a signed-in user (by password, session or token) or nobody.
 *
 * @param login the user's login, or {@code null} for an anonymous request
 * @param siteAdmin whether the user administers the whole installation
 * @param scopes the token's scopes when authenticated by a personal access token, {@code null} otherwise (a
 *        password or session carries all of the user's rights)
 */
public record Principal(String login, boolean siteAdmin, Set<String> scopes) {

    /** Nobody signed in. */
    public static final Principal ANONYMOUS = new Principal(null, false, null);

    public Principal {
        scopes = scopes == null ? null : Set.copyOf(scopes);
        if (login == null && (siteAdmin || scopes != null)) {
            throw new IllegalArgumentException("an anonymous principal has no rights of its own");
        }
    }

    /** Whether nobody is signed in. */
    public boolean anonymous() {
        return login == null;
    }
}
