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

    /**
     * The servlet request attribute under which Codara's authentication puts the request's principal, for every
     * HTTP request (REST, git, UI); read it with {@link #of(Object)}.
     */
    public static final String REQUEST_ATTRIBUTE = "io.codara.api.security.Principal";

    /** The principal stored in a request attribute, or {@link #ANONYMOUS} when there is none. */
    public static Principal of(Object requestAttribute) {
        return requestAttribute instanceof Principal principal ? principal : ANONYMOUS;
    }

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
