package io.codara.auth.internal;

import java.net.URI;
import java.time.Instant;

import io.codara.api.auth.SshKey;

/**
 * A user's own SSH key as GitHub's {@code /user/keys} shows it, plus what Codara checked ({@code fingerprint},
 * {@code type}, {@code bits}).
 */
public record SshKeyJson(long id, String key, String url, String title, Instant created_at, boolean verified,
        boolean read_only, Instant last_used, String fingerprint, String type, int bits) {

    /** {@code base} is the API's base URI, ending in {@code /}. */
    static SshKeyJson of(SshKey key, URI base) {
        // Keys are verified by parsing and are never deploy keys, hence verified and not read-only, as on GitHub.
        return new SshKeyJson(key.id(), key.key(), base.resolve("user/keys/" + key.id()).toString(), key.title(),
                key.createdAt(), true, false, key.lastUsedAt(), key.fingerprint(), key.type(), key.bits());
    }
}
