package io.codara.api.auth;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Checks OpenPGP and SSH signatures of git objects against the keys registered with accounts ({@link GpgKeys},
 * {@link SshKeys}) and the accounts' emails, as GitHub's commit signature verification does.
 */
@ProviderType
public interface SignatureVerifier {

    /**
     * Verifies {@code signature} (ASCII-armored, as in a commit's {@code gpgsig} header) over {@code payload} (the
     * object without that header) for an object whose committer (or tagger) email is {@code email}.
     */
    SignatureVerification verify(byte[] payload, String signature, String email);

    /**
     * A token that changes whenever something a verification depends on changes (keys added or deleted, emails
     * added, removed or verified): results may be cached under it.
     */
    String keysVersion();
}
