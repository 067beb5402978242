package io.codara.auth.internal;

/** The body of {@code POST /user/gpg_keys}: an ASCII-armored public key and, optionally, a name for it. */
public record NewGpgKey(String name, String armored_public_key) {
}
