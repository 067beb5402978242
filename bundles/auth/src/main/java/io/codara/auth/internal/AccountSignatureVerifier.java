package io.codara.auth.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

import io.codara.api.auth.GpgKey;
import io.codara.api.auth.GpgKeys;
import io.codara.api.auth.SignatureVerification;
import io.codara.api.auth.SignatureVerifier;
import io.codara.api.auth.SshKey;
import io.codara.api.auth.SshKeys;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.storage.Database;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * GitHub's commit signature verification against Codara's accounts. OpenPGP: the signature's issuer key id (primary
 * key or subkey) must belong to a registered GPG key, the signature must check with it over the payload, the key
 * must be a signing key, unexpired when it signed and not revoked, and the committer email must be one of the key's
 * user ids. SSH ({@code gpg.format=ssh}): the signature must check with the key it carries, in namespace
 * {@code git}, and that key must be registered. Both: the committer email must belong to the key's owner (and be
 * verified, when {@code email_verification} is on).
 */
@Component(service = SignatureVerifier.class, configurationPid = "io.codara.auth.signatures")
@Designate(ocd = SignatureVerifierConfig.class)
public final class AccountSignatureVerifier implements SignatureVerifier {

    static final String PGP_BEGIN = "-----BEGIN PGP SIGNATURE-----";

    private final GpgKeys gpgKeys;
    private final SshKeys sshKeys;
    private final Accounts accounts;
    private final Store store;
    private final boolean emailVerification;
    private final Clock clock;

    @Activate
    public AccountSignatureVerifier(@Reference GpgKeys gpgKeys, @Reference SshKeys sshKeys,
            @Reference Accounts accounts, @Reference Database database, SignatureVerifierConfig config) {
        this(gpgKeys, sshKeys, accounts, database, config.email_verification(), Clock.systemUTC());
    }

    AccountSignatureVerifier(GpgKeys gpgKeys, SshKeys sshKeys, Accounts accounts, Database database,
            boolean emailVerification, Clock clock) {
        this.gpgKeys = gpgKeys;
        this.sshKeys = sshKeys;
        this.accounts = accounts;
        this.store = new Store(database);
        this.emailVerification = emailVerification;
        this.clock = clock;
    }

    @Override
    public SignatureVerification verify(byte[] payload, String signature, String email) {
        if (signature == null || signature.isBlank()) {
            return SignatureVerification.unsigned();
        }
        String text = signature.strip();
        if (text.startsWith(PGP_BEGIN)) {
            return gpg(payload, text, email);
        }
        if (text.startsWith(SshSignature.ARMOR_BEGIN)) {
            return ssh(payload, text, email);
        }
        return failed("unknown_signature_type", null, null,
                "its signature is neither an OpenPGP nor an SSH signature, which are the kinds Codara verifies");
    }

    private SignatureVerification gpg(byte[] payload, String armored, String email) {
        PGPSignature signature;
        try {
            signature = onlySignature(armored);
        } catch (IOException | RuntimeException | PGPException e) {
            signature = null;
        }
        if (signature == null) {
            return failed("malformed_signature", null, null, "its OpenPGP signature cannot be parsed");
        }
        long issuer = issuer(signature);
        if (issuer == 0) {
            return failed("malformed_signature", null, null, "its OpenPGP signature does not name the signing key");
        }
        String keyId = String.format(Locale.ROOT, "%016X", issuer);
        Optional<GpgKey> registered = gpgKeys.findByKeyId(keyId);
        if (registered.isEmpty()) {
            return failed("unknown_key", keyId, null,
                    "its signing key " + keyId + " is not registered with any Codara account");
        }
        String owner = registered.get().owner();
        GpgPublicKey ring = GpgPublicKey.parse(registered.get().rawKey());
        PGPPublicKey key = ring.key(issuer);
        if (key == null) {
            return failed("unknown_key", keyId, owner, "its signing key " + keyId + " is not in the registered key");
        }
        try {
            signature.init(new BcPGPContentVerifierBuilderProvider(), key);
            signature.update(payload);
            if (!signature.verify()) {
                return failed("invalid", keyId, owner, "its signature by key " + keyId + " does not match the commit");
            }
        } catch (PGPException | RuntimeException e) {
            return failed("gpgverify_error", keyId, owner, "its signature by key " + keyId + " could not be checked: "
                    + e.getMessage());
        }
        if (!ring.canSign(key)) {
            return failed("not_signing_key", keyId, owner, "key " + keyId + " is not a signing key");
        }
        Instant signedAt = signature.getCreationTime().toInstant();
        if (ring.revoked(key) || (!key.isMasterKey() && ring.revoked(ring.primary()))) {
            return failed("expired_key", keyId, owner, "key " + keyId + " has been revoked");
        }
        Instant expires = earliest(ring.expiresAt(key), ring.expiresAt(ring.primary()));
        if (expires != null && signedAt.isAfter(expires)) {
            return failed("expired_key", keyId, owner, "key " + keyId + " had expired (" + expires
                    + ") when it signed");
        }
        String committer = normalise(email);
        if (!ring.emails().contains(committer)) {
            return failed("bad_email", keyId, owner, "the committer email " + committer
                    + " is not one of the user ids of key " + keyId);
        }
        return owned(keyId, owner, committer);
    }

    private SignatureVerification ssh(byte[] payload, String armored, String email) {
        Optional<SshSignature> parsed = SshSignature.parse(armored);
        if (parsed.isEmpty()) {
            return failed("malformed_signature", null, null, "its signature is not a well-formed SSH signature");
        }
        String fingerprint = parsed.get().fingerprint();
        Optional<SshKey> key = sshKeys.findByFingerprint(fingerprint);
        if (key.isEmpty()) {
            return failed("unknown_key", fingerprint, null,
                    "its signing key " + fingerprint + " is not registered with any Codara account");
        }
        String owner = key.get().owner();
        if (!parsed.get().verifies(payload)) {
            return failed("invalid", fingerprint, owner, "its signature does not match the commit");
        }
        return owned(fingerprint, owner, normalise(email));
    }

    /** The last checks, the same for both kinds: the committer email is the key owner's (and verified). */
    private SignatureVerification owned(String keyId, String owner, String email) {
        Optional<Account> account = email.isEmpty() ? Optional.empty() : accounts.findByEmail(email, false);
        if (account.isEmpty()) {
            return failed("no_user", keyId, owner, "no Codara account has the committer email " + email);
        }
        if (!account.get().login().equalsIgnoreCase(owner)) {
            return failed("bad_email", keyId, owner, "its signing key belongs to " + owner
                    + ", whose account does not have the committer email " + email);
        }
        if (emailVerification) {
            boolean verified = accounts.emails(owner).stream()
                    .anyMatch(e -> e.verified() && normalise(e.email()).equals(email));
            if (!verified) {
                return failed("unverified_email", keyId, owner, "the committer email " + email
                        + " is not verified on " + owner + "'s account");
            }
        }
        return new SignatureVerification(true, "valid", keyId, owner, "signed by " + owner + " with key " + keyId,
                clock.instant());
    }

    @Override
    public String keysVersion() {
        // Key ids only grow, so (largest id, count) of a table changes with every insert and delete; the email sum
        // changes when an address moves, appears, disappears or is verified.
        return store.read(c -> Sql.one(c, "SELECT concat_ws(':',"
                + " (SELECT concat(coalesce(max(id), 0), '/', count(*)) FROM auth.gpg_keys),"
                + " (SELECT concat(coalesce(max(id), 0), '/', count(*)) FROM auth.ssh_keys),"
                + " (SELECT concat(count(*), '/', coalesce(sum(hashtext(lower(email) || account_id"
                + " || verified::text)::bigint), 0)) FROM auth.emails))", rs -> rs.getString(1)).orElseThrow());
    }

    private static PGPSignature onlySignature(String armored) throws IOException, PGPException {
        try (InputStream in = PGPUtil.getDecoderStream(
                new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII)))) {
            BcPGPObjectFactory objects = new BcPGPObjectFactory(in);
            Object object = objects.nextObject();
            if (object instanceof PGPCompressedData compressed) {
                objects = new BcPGPObjectFactory(compressed.getDataStream());
                object = objects.nextObject();
            }
            if (object instanceof PGPSignatureList list && list.size() == 1) {
                return list.get(0);
            }
            return null;
        }
    }

    /** The issuer key id, from the issuer subpacket or else the issuer fingerprint's low 64 bits (v4). */
    private static long issuer(PGPSignature signature) {
        if (signature.getKeyID() != 0) {
            return signature.getKeyID();
        }
        var hashed = signature.getHashedSubPackets();
        if (hashed != null && hashed.getIssuerFingerprint() != null) {
            byte[] fingerprint = hashed.getIssuerFingerprint().getFingerprint();
            if (fingerprint.length >= 8) {
                long id = 0;
                int from = fingerprint.length == 20 ? 12 : 0; // v4: low 64 bits; v6: the first 64 bits
                for (int i = from; i < from + 8; i++) {
                    id = (id << 8) | (fingerprint[i] & 0xff);
                }
                return id;
            }
        }
        return 0;
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    private static String normalise(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    private static SignatureVerification failed(String reason, String keyId, String signer, String detail) {
        return new SignatureVerification(false, reason, keyId, signer, detail, null);
    }
}
