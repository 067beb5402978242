package io.codara.api.auth;

import java.time.Instant;
import java.util.List;

/**
 * A user's OpenPGP public key, as registered on {@code /user/gpg_keys}; what the key says (user ids, flags,
 * expiry) is read from {@code rawKey} itself.
 *
 * @param id stable numeric id
 * @param owner the user's login
 * @param name what the user calls it
 * @param keyId the primary key's 64-bit key id, 16 upper-case hex digits
 * @param subkeys the subkeys' ids, each with its own stable numeric id
 * @param rawKey the key as the user gave it, ASCII-armored
 * @param createdAt when it was added
 */
public record GpgKey(long id, String owner, String name, String keyId, List<Subkey> subkeys, String rawKey,
        Instant createdAt) {

    public GpgKey {
        subkeys = List.copyOf(subkeys);
    }

    /**
     * A subkey of a registered key.
     *
     * @param id stable numeric id
     * @param keyId its 64-bit key id, 16 upper-case hex digits
     */
    public record Subkey(long id, String keyId) {
    }
}
