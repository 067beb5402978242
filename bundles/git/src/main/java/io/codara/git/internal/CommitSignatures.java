package io.codara.git.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jgit.revwalk.RevCommit;

import io.codara.api.auth.SignatureVerification;
import io.codara.api.auth.SignatureVerifier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Commit signature verification for the {@code required_signatures} protection and the {@code verification} of
 * commits in REST answers: a commit's {@code gpgsig} header is split off as git does and handed to the
 * {@link SignatureVerifier} (OpenPGP and SSH signatures against the keys registered with accounts). Results are
 * cached by commit id under the verifier's keys version, so lists of commits stay fast and a key added or deleted
 * is seen at once; the cache holds at most {@link #CAPACITY} results, least recently used out first.
 */
@Component(service = CommitSignatures.class)
public final class CommitSignatures {

    static final int CAPACITY = 10_000;
    private static final byte[] GPGSIG = "gpgsig ".getBytes(StandardCharsets.US_ASCII);

    private final SignatureVerifier verifier;
    private final Map<String, SignatureVerification> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SignatureVerification> eldest) {
            return size() > CAPACITY;
        }
    };

    @Activate
    public CommitSignatures(@Reference SignatureVerifier verifier) {
        this.verifier = verifier;
    }

    /** The verification of a commit being pushed (never cached: the commit is not stored yet). */
    SignatureVerification verify(RevCommit commit) {
        return verify(commit.getRawBuffer(), commit.getCommitterIdent().getEmailAddress());
    }

    SignatureVerification verify(byte[] raw, String committerEmail) {
        Optional<Signed> signed = split(raw);
        if (signed.isEmpty()) {
            return SignatureVerification.unsigned();
        }
        return verifier.verify(signed.get().payload(), signed.get().signature(), committerEmail);
    }

    /** A view for one request: the keys version is read once, each signed commit verified at most once. */
    Lookup lookup() {
        return new Lookup(verifier.keysVersion());
    }

    /** Verifications under one keys version. */
    final class Lookup {

        private final String version;

        private Lookup(String version) {
            this.version = version;
        }

        /** The verification of a stored commit: {@code sha} names exactly its raw bytes. */
        SignatureVerification verify(String sha, Signed signed, String committerEmail) {
            if (signed == null) {
                return SignatureVerification.unsigned();
            }
            String key = sha + "@" + version;
            synchronized (cache) {
                SignatureVerification cached = cache.get(key);
                if (cached != null) {
                    return cached;
                }
            }
            SignatureVerification result = verifier.verify(signed.payload(), signed.signature(), committerEmail);
            synchronized (cache) {
                cache.put(key, result);
            }
            return result;
        }
    }

    /** The signed payload (the commit without its signature header) and the armored signature. */
    record Signed(byte[] payload, String signature) {

        /** The payload as GitHub's {@code verification.payload} shows it. */
        String payloadText() {
            return new String(payload, StandardCharsets.UTF_8);
        }
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
