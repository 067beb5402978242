package io.codara.api.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.codara.api.audit.Actor;

import org.osgi.annotation.versioning.ProviderType;

/** Personal access tokens: created, listed, revoked, and checked on every request that carries one. */
@ProviderType
public interface AccessTokens {

    /** Creates a token for {@code owner}; unknown scopes, a past expiry or a missing name fail with 422. */
    CreatedToken create(String owner, String name, Set<String> scopes, Instant expiresAt, Actor actor);

    /** The user's live tokens (not revoked), newest first. */
    List<AccessToken> list(String owner);

    /** Revokes one of the user's tokens; false when there was none with that id. */
    boolean revoke(String owner, long id, Actor actor);

    /**
     * The token's facts when {@code token} is a live token (not revoked, not expired) of an active user. Records
     * the use and, when the address is new for this token, an audit entry.
     */
    Optional<AccessToken> authenticate(String token, String address);

    /** Whether {@code candidate} has the shape and checksum of a Codara token (tells a token from a password). */
    boolean looksLikeToken(String candidate);
}
