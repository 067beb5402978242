package io.codara.api.auth;

import java.time.Instant;

/**
 * Whether a signature is verified, in GitHub's terms: {@code verified} is true exactly when {@code reason} is
 * {@code valid}. The other reasons are GitHub's: {@code unsigned}, {@code unknown_key}, {@code bad_email},
 * {@code unverified_email}, {@code no_user}, {@code unknown_signature_type}, {@code malformed_signature},
 * {@code invalid}, {@code expired_key}, {@code not_signing_key} and {@code gpgverify_error}.
 *
 * @param verified whether the signature is verified
 * @param reason GitHub's reason code
 * @param keyId the signing key as far as it is known: an OpenPGP key id (16 hex digits) or an SSH key's
 *        {@code SHA256:} fingerprint; {@code null} when the signature names none
 * @param signer login of the account the signing key is registered to, or {@code null}
 * @param detail a sentence for people (push refusals, tooltips)
 * @param verifiedAt when it was checked, for a verified signature; otherwise {@code null}
 */
public record SignatureVerification(boolean verified, String reason, String keyId, String signer, String detail,
        Instant verifiedAt) {

    /** GitHub's reason for an object without a signature. */
    public static final String UNSIGNED = "unsigned";

    /** What an object without a signature gets. */
    public static SignatureVerification unsigned() {
        return new SignatureVerification(false, UNSIGNED, null, null, "it is not signed", null);
    }
}
