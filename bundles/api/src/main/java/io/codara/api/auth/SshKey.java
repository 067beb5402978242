package io.codara.api.auth;

import java.time.Instant;

/**
 * A user's SSH public key, in GitHub's {@code /user/keys} shape plus what Codara checked.
 *
 * @param id stable numeric id
 * @param owner the user's login
 * @param title what the user calls it
 * @param key the key in OpenSSH form, {@code <type> <base64>} (no comment)
 * @param type the key type, e.g. {@code ssh-ed25519}
 * @param bits the key's size in bits
 * @param fingerprint {@code SHA256:...} as {@code ssh-keygen -l} prints it
 * @param createdAt when it was added
 * @param lastUsedAt last use for git over SSH, or {@code null}
 */
public record SshKey(long id, String owner, String title, String key, String type, int bits, String fingerprint,
        Instant createdAt, Instant lastUsedAt) {
}
