package io.codara.auth.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * An SSH signature ({@code ssh-keygen -Y sign}, OpenSSH's {@code PROTOCOL.sshsig}) as git writes it into a commit's
 * {@code gpgsig} header with {@code gpg.format=ssh}, checked with the Java runtime's own algorithms: Ed25519, RSA
 * ({@code rsa-sha2-256}/{@code -512}) and ECDSA on NIST P-256/384/521. Security-key ({@code sk-*}) signatures are
 * not supported and never verify.
 *
 * @param publicKey the signer's public key blob, as in {@code authorized_keys}
 * @param namespace what the signature is for; git signs in {@code git}
 * @param hashAlgorithm {@code sha256} or {@code sha512}
 * @param signature the signature blob (algorithm name and signature bytes)
 */
record SshSignature(byte[] publicKey, String namespace, String hashAlgorithm, byte[] signature) {

    static final String ARMOR_BEGIN = "-----BEGIN SSH SIGNATURE-----";
    private static final String ARMOR_END = "-----END SSH SIGNATURE-----";
    private static final byte[] MAGIC = "SSHSIG".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ED25519_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    /** The signature in an armored block, or empty when it is not a well-formed SSH signature. */
    static Optional<SshSignature> parse(String armored) {
        String text = armored.strip();
        if (!text.startsWith(ARMOR_BEGIN) || !text.endsWith(ARMOR_END)) {
            return Optional.empty();
        }
        String body = text.substring(ARMOR_BEGIN.length(), text.length() - ARMOR_END.length()).replaceAll("\\s", "");
        try {
            ByteBuffer in = ByteBuffer.wrap(Base64.getDecoder().decode(body));
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!Arrays.equals(magic, MAGIC) || in.getInt() != 1) {
                return Optional.empty();
            }
            byte[] publicKey = string(in);
            String namespace = new String(string(in), StandardCharsets.UTF_8);
            string(in); // reserved
            String hash = new String(string(in), StandardCharsets.US_ASCII);
            byte[] signature = string(in);
            return in.hasRemaining() ? Optional.empty()
                    : Optional.of(new SshSignature(publicKey, namespace, hash, signature));
        } catch (IllegalArgumentException | BufferUnderflowException e) {
            return Optional.empty();
        }
    }

    /** {@code SHA256:...} of the public key, as {@code ssh-keygen -l} prints it and Codara stores keys. */
    String fingerprint() {
        try {
            return "SHA256:" + Base64.getEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(publicKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Whether this is a valid signature of {@code message} in namespace {@code git} by its own public key. */
    boolean verifies(byte[] message) {
        if (!"git".equals(namespace) || !("sha256".equals(hashAlgorithm) || "sha512".equals(hashAlgorithm))) {
            return false;
        }
        try {
            ByteBuffer sig = ByteBuffer.wrap(signature);
            String algorithm = new String(string(sig), StandardCharsets.US_ASCII);
            byte[] bytes = string(sig);
            ByteBuffer key = ByteBuffer.wrap(publicKey);
            String keyType = new String(string(key), StandardCharsets.US_ASCII);
            Signature verifier;
            PublicKey jca;
            switch (keyType) {
                case "ssh-ed25519" -> {
                    if (!algorithm.equals("ssh-ed25519")) {
                        return false;
                    }
                    byte[] raw = string(key);
                    byte[] spki = Arrays.copyOf(ED25519_PREFIX, ED25519_PREFIX.length + raw.length);
                    System.arraycopy(raw, 0, spki, ED25519_PREFIX.length, raw.length);
                    jca = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
                    verifier = Signature.getInstance("Ed25519");
                }
                case "ssh-rsa" -> {
                    BigInteger e = new BigInteger(string(key));
                    BigInteger n = new BigInteger(string(key));
                    jca = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
                    verifier = switch (algorithm) {
                        case "rsa-sha2-256" -> Signature.getInstance("SHA256withRSA");
                        case "rsa-sha2-512" -> Signature.getInstance("SHA512withRSA");
                        default -> null; // ssh-rsa (SHA-1) is refused, as OpenSSH does for signatures
                    };
                    if (verifier == null) {
                        return false;
                    }
                }
                case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521" -> {
                    if (!algorithm.equals(keyType)) {
                        return false;
                    }
                    String curve = new String(string(key), StandardCharsets.US_ASCII);
                    byte[] point = string(key);
                    String[] jcaNames = switch (curve) {
                        case "nistp256" -> new String[] {"secp256r1", "SHA256withECDSA"};
                        case "nistp384" -> new String[] {"secp384r1", "SHA384withECDSA"};
                        case "nistp521" -> new String[] {"secp521r1", "SHA512withECDSA"};
                        default -> null;
                    };
                    if (jcaNames == null || point.length < 3 || point[0] != 0x04 || (point.length - 1) % 2 != 0) {
                        return false;
                    }
                    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                    parameters.init(new ECGenParameterSpec(jcaNames[0]));
                    int half = (point.length - 1) / 2;
                    ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + half)),
                            new BigInteger(1, Arrays.copyOfRange(point, 1 + half, point.length)));
                    jca = KeyFactory.getInstance("EC").generatePublic(
                            new ECPublicKeySpec(w, parameters.getParameterSpec(ECParameterSpec.class)));
                    ByteBuffer rs = ByteBuffer.wrap(bytes);
                    bytes = der(new BigInteger(string(rs)), new BigInteger(string(rs)));
                    verifier = Signature.getInstance(jcaNames[1]);
                }
                default -> {
                    return false;
                }
            }
            verifier.initVerify(jca);
            verifier.update(signedData(message));
            return verifier.verify(bytes);
        } catch (GeneralSecurityException | IllegalArgumentException | BufferUnderflowException e) {
            return false;
        }
    }

    /** What the signer signed: the magic preamble, namespace, reserved, hash algorithm and the message's hash. */
    private byte[] signedData(byte[] message) throws GeneralSecurityException {
        byte[] hash = MessageDigest.getInstance(hashAlgorithm.equals("sha256") ? "SHA-256" : "SHA-512").digest(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        writeString(out, namespace.getBytes(StandardCharsets.UTF_8));
        writeString(out, new byte[0]);
        writeString(out, hashAlgorithm.getBytes(StandardCharsets.US_ASCII));
        writeString(out, hash);
        return out.toByteArray();
    }

    private static byte[] string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("truncated SSH string");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static void writeString(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    /** An ECDSA signature's (r, s) as the DER SEQUENCE Java's verifier reads. */
    private static byte[] der(BigInteger r, BigInteger s) {
        byte[] rb = r.toByteArray();
        byte[] sb = s.toByteArray();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        derInteger(body, rb);
        derInteger(body, sb);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        derLength(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static void derInteger(ByteArrayOutputStream out, byte[] value) {
        out.write(0x02);
        derLength(out, value.length);
        out.writeBytes(value);
    }

    private static void derLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        }
    }
}
