package io.codara.auth.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

/**
 * Real OpenPGP keys made in the test with Bouncy Castle (Ed25519, as {@code gpg --quick-gen-key ... ed25519}
 * makes), and detached signatures by them, as git stores them in a commit's {@code gpgsig} header.
 *
 * @param publicRing the transferable public key
 * @param secretRing its private counterpart
 */
record OpenPgpKeygen(PGPPublicKeyRing publicRing, PGPSecretKeyRing secretRing) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A key created at {@code created} with user id {@code userId}, primary key flags certify+sign, valid for
     * {@code validSeconds} (0: no expiry), and, when {@code subkeyFlags} is not 0, an Ed25519 subkey with those flags.
     */
    static OpenPgpKeygen generate(String userId, Instant created, long validSeconds, int subkeyFlags)
            throws PGPException {
        Date when = Date.from(created);
        PGPKeyPair primary = new BcPGPKeyPair(PublicKeyAlgorithmTags.EDDSA_LEGACY, ed25519(), when);
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setKeyFlags(false, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
        if (validSeconds > 0) {
            hashed.setKeyExpirationTime(false, validSeconds);
        }
        hashed.setSignatureCreationTime(false, when);
        PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, primary, userId,
                new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1), hashed.generate(), null,
                new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.EDDSA_LEGACY, HashAlgorithmTags.SHA256), null);
        if (subkeyFlags != 0) {
            PGPKeyPair subkey = new BcPGPKeyPair(PublicKeyAlgorithmTags.EDDSA_LEGACY, ed25519(), when);
            PGPSignatureSubpacketGenerator binding = new PGPSignatureSubpacketGenerator();
            binding.setKeyFlags(false, subkeyFlags);
            binding.setSignatureCreationTime(false, when);
            rings.addSubKey(subkey, binding.generate(), null);
        }
        return new OpenPgpKeygen(rings.generatePublicKeyRing(), rings.generateSecretKeyRing());
    }

    private static AsymmetricCipherKeyPair ed25519() {
        Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
        generator.init(new Ed25519KeyGenerationParameters(RANDOM));
        return generator.generateKeyPair();
    }

    long primaryKeyId() {
        return publicRing.getPublicKey().getKeyID();
    }

    String primaryKeyHex() {
        return String.format("%016X", primaryKeyId());
    }

    /** The first subkey's id. */
    long subkeyId() {
        var keys = publicRing.getPublicKeys();
        keys.next();
        return keys.next().getKeyID();
    }

    String armoredPublic() {
        return armor(out -> publicRing.encode(out));
    }

    String armoredSecret() {
        return armor(out -> secretRing.encode(out));
    }

    /** A detached signature of {@code payload} by key {@code keyId} made at {@code at}, ASCII-armored. */
    String sign(byte[] payload, long keyId, Instant at) throws PGPException {
        PGPPublicKey key = publicRing.getPublicKey(keyId);
        PGPPrivateKey secret = secretRing.getSecretKey(keyId).extractPrivateKey(null);
        PGPSignatureGenerator generator = new PGPSignatureGenerator(
                new BcPGPContentSignerBuilder(key.getAlgorithm(), HashAlgorithmTags.SHA256), key);
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setSignatureCreationTime(false, Date.from(at));
        hashed.setIssuerFingerprint(false, key);
        generator.setHashedSubpackets(hashed.generate());
        PGPSignatureSubpacketGenerator unhashed = new PGPSignatureSubpacketGenerator();
        unhashed.setIssuerKeyID(false, keyId);
        generator.setUnhashedSubpackets(unhashed.generate());
        generator.init(PGPSignature.BINARY_DOCUMENT, secret);
        generator.update(payload);
        PGPSignature signature = generator.generate();
        return armor(signature::encode);
    }

    String sign(byte[] payload) throws PGPException {
        return sign(payload, primaryKeyId(), Instant.now());
    }

    private static String armor(Encoder encoder) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream armored = new ArmoredOutputStream(bytes)) {
            encoder.encode(armored);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    @FunctionalInterface
    private interface Encoder {
        void encode(java.io.OutputStream out) throws IOException;
    }
}
