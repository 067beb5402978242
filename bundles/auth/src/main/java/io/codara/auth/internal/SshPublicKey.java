package io.codara.auth.internal;

/**
 * An SSH public key that {@link SshPublicKeyParser} accepted.
 *
 * @param type the key type, e.g. {@code ssh-ed25519}
 * @param base64 the key blob in standard base64, as in {@code authorized_keys}
 * @param bits the key's size: 256 for Ed25519, the curve size for ECDSA, the modulus size for RSA
 * @param fingerprint {@code SHA256:<unpadded base64>}, exactly as {@code ssh-keygen -l} prints it
 */
record SshPublicKey(String type, String base64, int bits, String fingerprint) {

    /** The key in OpenSSH form without a comment: {@code <type> <base64>}. */
    String key() {
        return type + " " + base64;
    }
}
