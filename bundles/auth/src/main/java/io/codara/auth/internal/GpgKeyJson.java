package io.codara.auth.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bouncycastle.openpgp.PGPPublicKey;

import io.codara.api.auth.GpgKey;

/**
 * A GPG key as GitHub's {@code /user/gpg_keys} shows it; a subkey has the same shape with {@code primary_key_id}
 * set and no name, emails or raw key. Everything but the ids, name and registration time is read from the key.
 */
public record GpgKeyJson(long id, String name, Long primary_key_id, String key_id, String public_key,
        List<EmailJson> emails, List<GpgKeyJson> subkeys, boolean can_sign, boolean can_encrypt_comms,
        boolean can_encrypt_storage, boolean can_certify, Instant created_at, Instant expires_at, boolean revoked,
        String raw_key) {

    /** One of the key's user id emails; verified when the owner's account has it as a verified email. */
    public record EmailJson(String email, boolean verified) {
    }

    /** {@code verifiedEmails} maps the owner's emails (lower case) to whether they are verified. */
    static GpgKeyJson of(GpgKey key, Map<String, Boolean> verifiedEmails) {
        GpgPublicKey parsed = GpgPublicKey.parse(key.rawKey());
        PGPPublicKey primary = parsed.primary();
        List<GpgKeyJson> subkeys = key.subkeys().stream().map(subkey -> {
            PGPPublicKey sub = parsed.key(Long.parseUnsignedLong(subkey.keyId(), 16));
            return new GpgKeyJson(subkey.id(), null, key.id(), subkey.keyId(), GpgPublicKey.publicKeyPacket(sub),
                    List.of(), List.of(), parsed.canSign(sub), parsed.canEncryptComms(sub),
                    parsed.canEncryptStorage(sub), parsed.canCertify(sub), parsed.createdAt(sub),
                    parsed.expiresAt(sub), parsed.revoked(sub), null);
        }).toList();
        List<EmailJson> emails = parsed.emails().stream()
                .map(email -> new EmailJson(email, verifiedEmails.getOrDefault(email.toLowerCase(Locale.ROOT), false)))
                .toList();
        return new GpgKeyJson(key.id(), key.name(), null, key.keyId(), GpgPublicKey.publicKeyPacket(primary), emails,
                subkeys, parsed.canSign(primary), parsed.canEncryptComms(primary), parsed.canEncryptStorage(primary),
                parsed.canCertify(primary), key.createdAt(), parsed.expiresAt(primary), parsed.revoked(primary),
                key.rawKey());
    }
}
