package io.codara.auth.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.util.encoders.Hex;

import io.codara.api.rest.ApiError;
import io.codara.api.rest.ApiException;

/**
 * One OpenPGP public key (a transferable public key: primary key, user ids, subkeys and their self-signatures) read
 * with Bouncy Castle, and the facts GitHub shows about it. Parsing never trusts the input: anything that is not
 * exactly one armored public key is a 422 naming what is wrong.
 */
final class GpgPublicKey {

    static final int MAX_LENGTH = 64 * 1024;
    private static final Pattern EMAIL_IN_ANGLES = Pattern.compile("<([^<>\\s]+@[^<>\\s]+)>");
    private static final Pattern BARE_EMAIL = Pattern.compile("[^<>\\s]+@[^<>\\s]+");

    private final PGPPublicKeyRing ring;

    private GpgPublicKey(PGPPublicKeyRing ring) {
        this.ring = ring;
    }

    /** Parses what a user pasted; 422 for anything but one ASCII-armored public key. */
    static GpgPublicKey parse(String armored) {
        if (armored == null || armored.isBlank()) {
            throw ApiException.validation(List.of(new ApiError.FieldError("GpgKey", "armored_public_key",
                    "missing_field", "armored_public_key is required")));
        }
        if (armored.length() > MAX_LENGTH) {
            throw invalid("key is too long (maximum is " + MAX_LENGTH + " characters)");
        }
        String text = armored.strip();
        if (text.contains("PRIVATE KEY BLOCK")) {
            throw invalid("this is a private key: give the public key, from gpg --armor --export <key id>");
        }
        if (!text.startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----")) {
            throw invalid("key must be an ASCII-armored public key beginning with -----BEGIN PGP PUBLIC KEY BLOCK-----,"
                    + " as gpg --armor --export <key id> prints it");
        }
        PGPPublicKeyRing ring;
        try (InputStream in = PGPUtil.getDecoderStream(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)))) {
            BcPGPObjectFactory objects = new BcPGPObjectFactory(in);
            Object first = objects.nextObject();
            if (first instanceof PGPSecretKeyRing) {
                throw invalid("this is a private key: give the public key, from gpg --armor --export <key id>");
            }
            if (!(first instanceof PGPPublicKeyRing publicRing)) {
                throw invalid("key data is not an OpenPGP public key");
            }
            if (objects.nextObject() != null) {
                throw invalid("key block holds more than one key: add one key at a time");
            }
            ring = publicRing;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            throw invalid("key data is not a valid OpenPGP public key (" + e.getClass().getSimpleName() + ")");
        }
        GpgPublicKey key = new GpgPublicKey(ring);
        if (!ring.getPublicKey().isMasterKey()) {
            throw invalid("key data starts with a subkey, not a primary key");
        }
        return key;
    }

    PGPPublicKeyRing ring() {
        return ring;
    }

    PGPPublicKey primary() {
        return ring.getPublicKey();
    }

    List<PGPPublicKey> subkeys() {
        List<PGPPublicKey> out = new ArrayList<>();
        for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext(); ) {
            PGPPublicKey key = it.next();
            if (!key.isMasterKey()) {
                out.add(key);
            }
        }
        return out;
    }

    /** The key with this 64-bit id, the primary or a subkey, or {@code null}. */
    PGPPublicKey key(long keyId) {
        return ring.getPublicKey(keyId);
    }

    static String keyId(PGPPublicKey key) {
        return String.format(Locale.ROOT, "%016X", key.getKeyID());
    }

    static String fingerprint(PGPPublicKey key) {
        return Hex.toHexString(key.getFingerprint()).toUpperCase(Locale.ROOT);
    }

    /** The email addresses in the key's user ids, lower case, in order. */
    List<String> emails() {
        Set<String> emails = new LinkedHashSet<>();
        for (Iterator<String> it = primary().getUserIDs(); it.hasNext(); ) {
            String uid = it.next();
            Matcher angles = EMAIL_IN_ANGLES.matcher(uid);
            if (angles.find()) {
                emails.add(angles.group(1).toLowerCase(Locale.ROOT));
            } else if (BARE_EMAIL.matcher(uid.strip()).matches()) {
                emails.add(uid.strip().toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(emails);
    }

    /**
     * The key's usage flags from its newest self-signature (user id certification or direct-key signature for the
     * primary key, binding signature for a subkey); {@code -1} when it has none, in which case the algorithm's
     * abilities apply.
     */
    int flags(PGPPublicKey key) {
        PGPSignature newest = null;
        for (Iterator<PGPSignature> it = key.getSignatures(); it.hasNext(); ) {
            PGPSignature signature = it.next();
            if (signature.getKeyID() != primary().getKeyID() || signature.getHashedSubPackets() == null
                    || !selfSignature(signature.getSignatureType(), key.isMasterKey())) {
                continue;
            }
            if (newest == null || signature.getCreationTime().after(newest.getCreationTime())) {
                newest = signature;
            }
        }
        if (newest == null || !newest.getHashedSubPackets().hasSubpacket(
                org.bouncycastle.bcpg.SignatureSubpacketTags.KEY_FLAGS)) {
            return -1;
        }
        return newest.getHashedSubPackets().getKeyFlags();
    }

    private static boolean selfSignature(int type, boolean primary) {
        if (primary) {
            return type == PGPSignature.POSITIVE_CERTIFICATION || type == PGPSignature.CASUAL_CERTIFICATION
                    || type == PGPSignature.NO_CERTIFICATION || type == PGPSignature.DEFAULT_CERTIFICATION
                    || type == PGPSignature.DIRECT_KEY;
        }
        return type == PGPSignature.SUBKEY_BINDING;
    }

    boolean canSign(PGPPublicKey key) {
        int flags = flags(key);
        return flags < 0 ? signingAlgorithm(key) : (flags & KeyFlags.SIGN_DATA) != 0;
    }

    boolean canCertify(PGPPublicKey key) {
        int flags = flags(key);
        return flags < 0 ? key.isMasterKey() && signingAlgorithm(key) : (flags & KeyFlags.CERTIFY_OTHER) != 0;
    }

    boolean canEncryptComms(PGPPublicKey key) {
        int flags = flags(key);
        return flags < 0 ? key.isEncryptionKey() : (flags & KeyFlags.ENCRYPT_COMMS) != 0;
    }

    boolean canEncryptStorage(PGPPublicKey key) {
        int flags = flags(key);
        return flags < 0 ? key.isEncryptionKey() : (flags & KeyFlags.ENCRYPT_STORAGE) != 0;
    }

    private static boolean signingAlgorithm(PGPPublicKey key) {
        return switch (key.getAlgorithm()) {
            case PGPPublicKey.RSA_GENERAL, PGPPublicKey.RSA_SIGN, PGPPublicKey.DSA, PGPPublicKey.ECDSA,
                    PGPPublicKey.EDDSA_LEGACY, PGPPublicKey.Ed25519, PGPPublicKey.Ed448 -> true;
            default -> false;
        };
    }

    Instant createdAt(PGPPublicKey key) {
        return key.getCreationTime().toInstant();
    }

    /** When the key expires, or {@code null} when it does not. */
    Instant expiresAt(PGPPublicKey key) {
        long seconds = key.getValidSeconds();
        return seconds <= 0 ? null : key.getCreationTime().toInstant().plusSeconds(seconds);
    }

    /** Whether the key (or, for a subkey, its binding) carries a revocation by the primary key. */
    boolean revoked(PGPPublicKey key) {
        return key.hasRevocation();
    }

    /** GitHub's {@code public_key}: the key packet alone, base64. */
    static String publicKeyPacket(PGPPublicKey key) {
        try {
            return Base64.getEncoder().encodeToString(key.getPublicKeyPacket().getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("A parsed key packet encodes again", e);
        }
    }

    static ApiException invalid(String message) {
        return ApiException.validation(List.of(new ApiError.FieldError("GpgKey", "armored_public_key", "invalid",
                message)));
    }
}
