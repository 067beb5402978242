package io.codara.api.auth;

import java.util.List;
import java.util.Optional;

import io.codara.api.audit.Actor;

import org.osgi.annotation.versioning.ProviderType;

/** Browser sessions behind the web UI's cookie. */
@ProviderType
public interface Sessions {

    /** Starts a session for a user who has just proven who they are. */
    StartedSession start(String login, String address, String userAgent);

    /** The live session whose cookie carries {@code secret}, for an active user; refreshes its expiry. */
    Optional<StartedSession> resolve(String secret, String address);

    /** Ends the session whose cookie carries {@code secret} (sign-out). */
    boolean end(String secret, Actor actor);

    /** The user's live sessions, most recently used first. */
    List<Session> list(String login);

    /** Ends one of the user's sessions; false when there is none with that id. */
    boolean revoke(String login, long id, Actor actor);

    /** Ends all of the user's sessions, e.g. after a password change or a suspension. */
    int revokeAll(String login, Actor actor);
}
