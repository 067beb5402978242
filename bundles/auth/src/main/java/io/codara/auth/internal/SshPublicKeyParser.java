package io.codara.auth.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.codara.api.rest.ApiError;
import io.codara.api.rest.ApiException;

import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;

/**
 * Reads one line of {@code authorized_keys} / {@code id_*.pub} ({@code <type> <base64> [comment]}) and accepts it
 * only when it is a key OpenSSH still trusts, answering 422 with a message a person can act on otherwise.
 */
final class SshPublicKeyParser {

    /** Longer than any real key (an RSA 16384 key is about 2.8 KB); bounds the work done on hostile input. */
    static final int MAX_LENGTH = 16 * 1024;
    static final int MIN_RSA_BITS = 2048;

    private static final String ED25519 = "ssh-ed25519";
    private static final String RSA = "ssh-rsa";
    private static final String DSA = "ssh-dss";
    private static final String ECDSA_PREFIX = "ecdsa-sha2-";
    private static final Set<String> ACCEPTED = Set.of(ED25519, RSA,
            "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521");
    private static final String ACCEPTED_LIST = "ssh-ed25519, ecdsa-sha2-nistp256, ecdsa-sha2-nistp384, "
            + "ecdsa-sha2-nistp521 or ssh-rsa";

    /** Something that names a key type, to recognise options written before it. */
    private static final Pattern TYPE_TOKEN = Pattern.compile("(ssh|ecdsa|sk)-[A-Za-z0-9@.-]+");
    private static final Pattern WHITESPACE = Pattern.compile("[ \t]+");

    private SshPublicKeyParser() {
    }

    /** The key on {@code line}; 422 with field {@code key} when it is missing, malformed or not accepted. */
    static SshPublicKey parse(String line) {
        if (line == null || line.isBlank()) {
            throw ApiException.validation(List.of(new ApiError.FieldError("PublicKey", "key", "missing_field",
                    "key is required")));
        }
        // Checked first so that no regular expression or decoder ever runs on a huge input.
        if (line.length() > MAX_LENGTH) {
            throw invalid("key is too long (maximum is " + MAX_LENGTH + " characters)");
        }
        String text = line.strip();
        if (text.startsWith("-----BEGIN") && text.contains("PRIVATE KEY")) {
            // Said plainly, because the user has just pasted a secret: it was not stored, and it must not be.
            throw invalid("this is a private key: give the public key, from your id_*.pub file");
        }
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw invalid("key must be a single line: give one key, as in your id_*.pub file");
        }
        String[] parts = WHITESPACE.split(text, 3);
        String type = parts[0];
        if (!ACCEPTED.contains(type)) {
            throw invalid(whyNotAccepted(type, WHITESPACE.split(text)));
        }
        if (parts.length < 2) {
            throw invalid("key data is missing after the key type " + type);
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw invalid("key data is not valid base64");
        }
        String blobType = readString(blob, 0);
        if (blobType == null) {
            throw invalid("key data is not an SSH public key");
        }
        if (!blobType.equals(type)) {
            throw invalid("key type " + type + " does not match the key data, which is " + describe(blobType));
        }
        int bits = bits(type, blob);
        if (type.equals(RSA) && bits < MIN_RSA_BITS) {
            throw invalid("RSA keys must have at least " + MIN_RSA_BITS + " bits; this one has " + bits);
        }
        return new SshPublicKey(type, Base64.getEncoder().encodeToString(blob), bits, fingerprint(blob));
    }

    /** {@code SHA256:} and the unpadded base64 SHA-256 of the key blob, as {@code ssh-keygen -l} prints it. */
    static String fingerprint(byte[] blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static int bits(String type, byte[] blob) {
        if (type.startsWith(ECDSA_PREFIX)) {
            // The curve is named twice, in the type and after it; Bouncy Castle follows the second, so they must agree.
            String curve = readString(blob, 4 + type.length());
            if (!type.substring(ECDSA_PREFIX.length()).equals(curve)) {
                throw invalid("key data of type " + type + " names another curve");
            }
        }
        AsymmetricKeyParameter key;
        try {
            key = OpenSSHPublicKeyUtil.parsePublicKey(blob);
        } catch (RuntimeException e) {
            // Bouncy Castle reports malformed input (truncated fields, trailing bytes, points off the curve, even
            // RSA moduli) with assorted unchecked exceptions; to the user they all mean the same.
            throw invalid("key data is not a valid " + type + " key");
        }
        if (key instanceof Ed25519PublicKeyParameters) {
            return 256;
        }
        if (key instanceof ECPublicKeyParameters ec) {
            return ec.getParameters().getCurve().getFieldSize();
        }
        if (key instanceof RSAKeyParameters rsa && !rsa.isPrivate()) {
            return rsa.getModulus().bitLength();
        }
        throw invalid("key data is not a valid " + type + " key");
    }

    private static String whyNotAccepted(String type, String[] tokens) {
        if (type.equals(DSA)) {
            return "DSA keys (ssh-dss) are no longer accepted by OpenSSH; use an Ed25519 key (ssh-keygen -t ed25519)";
        }
        for (int i = 1; i < tokens.length; i++) {
            if (TYPE_TOKEN.matcher(tokens[i]).matches()) {
                return "key must start with the key type: options such as command=\"...\" or no-pty are not accepted;"
                        + " give only the line of your id_*.pub file";
            }
        }
        return "key type " + shorten(type) + " is not supported; use " + ACCEPTED_LIST;
    }

    private static String describe(String blobType) {
        return ACCEPTED.contains(blobType) || blobType.equals(DSA) ? "a " + blobType + " key" : "of another type";
    }

    /** The SSH wire-format string at {@code offset} when it is short printable ASCII, or {@code null}. */
    private static String readString(byte[] blob, int offset) {
        if (offset < 0 || blob.length - offset < 4) {
            return null;
        }
        int length = ((blob[offset] & 0xff) << 24) | ((blob[offset + 1] & 0xff) << 16)
                | ((blob[offset + 2] & 0xff) << 8) | (blob[offset + 3] & 0xff);
        if (length < 1 || length > 64 || length > blob.length - offset - 4) {
            return null;
        }
        for (int i = offset + 4; i < offset + 4 + length; i++) {
            if (blob[i] < 0x21 || blob[i] > 0x7e) {
                return null;
            }
        }
        return new String(blob, offset + 4, length, StandardCharsets.US_ASCII);
    }

    /** Echoes what the user typed without letting a pasted blob fill the error message. */
    private static String shorten(String token) {
        return token.length() <= 40 ? token : token.substring(0, 40) + "...";
    }

    private static ApiException invalid(String message) {
        return ApiException.validation(List.of(new ApiError.FieldError("PublicKey", "key", "custom", message)));
    }
}
