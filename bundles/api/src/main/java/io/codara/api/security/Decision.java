package io.codara.api.security;

/** The answer of {@link Permissions}, and how the HTTP layer reports it. */
public enum Decision {
    /** Allowed. */
    ALLOW,
    /** The principal may see the resource but not do this: 403. */
    FORBIDDEN,
    /** The principal may not even know the resource exists: 404, exactly as for a missing one. */
    NOT_FOUND
}
