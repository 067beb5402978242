package io.codara.auth.internal;

import io.codara.api.auth.SshKey;

/** A user's SSH key as anyone may see it on {@code /users/{username}/keys}: GitHub shows only the id and key. */
public record PublicSshKeyJson(long id, String key) {

    static PublicSshKeyJson of(SshKey key) {
        return new PublicSshKeyJson(key.id(), key.key());
    }
}
