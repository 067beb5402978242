package io.codara.git.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.jgit.revwalk.RevCommit;

import io.codara.api.auth.SshKey;
import io.codara.api.auth.SshKeys;
import io.codara.api.identity.Accounts;

/**
 * Whether a commit's signature is verified, as the {@code required_signatures} protection demands. A signature is
 * verified when (1) it is an SSH signature ({@code gpg.format=ssh}) in namespace {@code git} over exactly the
 * commit without its {@code gpgsig} header, and it checks cryptographically with the public key it carries; (2) that
 * key is registered with a Codara account ({@code /user/keys}); and (3) the commit's committer email is one of that
 * account's email addresses (unique across accounts). OpenPGP (GPG) signatures are never verified: Codara has no
 * GPG key registry yet, so there is no key to check them against.
 */
final class CommitSignatures {

    /** The outcome: verified, or why not (shown to the pusher). */
    record Verification(boolean verified, String reason) {

        static final Verification VERIFIED = new Verification(true, "valid");
    }

    private static final byte[] GPGSIG = "gpgsig ".getBytes(StandardCharsets.US_ASCII);

    private final SshKeys keys;
    private final Accounts accounts;

    CommitSignatures(SshKeys keys, Accounts accounts) {
        this.keys = keys;
        this.accounts = accounts;
    }

    Verification verify(RevCommit commit) {
        Optional<Signed> signed = split(commit.getRawBuffer());
        if (signed.isEmpty()) {
            return new Verification(false, "it is not signed");
        }
        String armored = signed.get().signature();
        if (armored.startsWith("-----BEGIN PGP SIGNATURE-----")) {
            return new Verification(false, "GPG signatures cannot be verified yet (Codara has no GPG key registry);"
                    + " sign with an SSH key added to your account (git config gpg.format ssh)");
        }
        Optional<SshSignature> ssh = SshSignature.parse(armored);
        if (ssh.isEmpty()) {
            return new Verification(false, "its signature is not a well-formed SSH signature");
        }
        if (!ssh.get().verifies(signed.get().payload())) {
            return new Verification(false, "its signature does not match the commit");
        }
        Optional<SshKey> key = keys.findByFingerprint(ssh.get().fingerprint());
        if (key.isEmpty()) {
            return new Verification(false, "its signing key " + ssh.get().fingerprint()
                    + " is not registered with any Codara account");
        }
        String email = commit.getCommitterIdent().getEmailAddress().toLowerCase(Locale.ROOT);
        boolean owned = accounts.emails(key.get().owner()).stream()
                .anyMatch(e -> e.email().toLowerCase(Locale.ROOT).equals(email));
        if (!owned) {
            return new Verification(false, "its signing key belongs to " + key.get().owner()
                    + ", whose account does not have the committer email " + email);
        }
        return Verification.VERIFIED;
    }

    /** The signed payload and the armored signature. */
    record Signed(byte[] payload, String signature) {
    }

    /**
     * Splits a raw commit into what was signed (the commit without its {@code gpgsig} header and that header's
     * continuation lines) and the signature, as git does; empty when there is no {@code gpgsig} header.
     */
    static Optional<Signed> split(byte[] raw) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(raw.length);
        StringBuilder signature = null;
        int i = 0;
        boolean inSignature = false;
        boolean found = false;
        while (i < raw.length) {
            int end = i;
            while (end < raw.length && raw[end] != '\n') {
                end++;
            }
            int next = Math.min(end + 1, raw.length);
            if (end == i) {
                payload.write(raw, i, raw.length - i); // the blank line and the message
                break;
            }
            if (inSignature && raw[i] == ' ') {
                signature.append('\n').append(new String(raw, i + 1, end - i - 1, StandardCharsets.UTF_8));
            } else if (!found && startsWith(raw, i, GPGSIG)) {
                inSignature = true;
                found = true;
                signature = new StringBuilder(new String(raw, i + GPGSIG.length, end - i - GPGSIG.length, StandardCharsets.UTF_8));
            } else {
                inSignature = false;
                payload.write(raw, i, next - i);
            }
            i = next;
        }
        return found ? Optional.of(new Signed(payload.toByteArray(), signature.toString())) : Optional.empty();
    }

    private static boolean startsWith(byte[] raw, int offset, byte[] prefix) {
        if (offset + prefix.length > raw.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (raw[offset + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }
}
