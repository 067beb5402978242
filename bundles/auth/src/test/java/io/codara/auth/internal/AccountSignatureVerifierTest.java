package io.codara.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.bcpg.sig.KeyFlags;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.codara.api.auth.SignatureVerification;
import io.codara.api.identity.NewAccount;

/**
 * Every reason GitHub gives for a commit signature, reached with real keys (made by Bouncy Castle, the real
 * {@code gpg} and {@code ssh-keygen}) against the real key and account stores on PostgreSQL.
 */
class AccountSignatureVerifierTest {

    private static final byte[] PAYLOAD = ("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
            + "author Alice <alice@example.com> 1700000000 +0000\n"
            + "committer Alice <alice@example.com> 1700000000 +0000\n\nSigned change\n")
            .getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path dir;

    private AuthFixture fixture;
    private PostgresGpgKeys gpgKeys;
    private PostgresSshKeys sshKeys;
    private AccountSignatureVerifier verifier;

    @BeforeEach
    void setUp() {
        fixture = new AuthFixture();
        fixture.accounts.createUser(new NewAccount("alice", "Alice", "alice@example.com", null, false),
                AuthFixture.ADMIN);
        fixture.accounts.createUser(new NewAccount("bob", "Bob", "bob@example.com", null, false), AuthFixture.ADMIN);
        gpgKeys = new PostgresGpgKeys(new AuthSchema(), fixture.database, fixture.audit);
        sshKeys = new PostgresSshKeys(fixture.database, fixture.audit);
        verifier = verifier(false);
    }

    private AccountSignatureVerifier verifier(boolean emailVerification) {
        return new AccountSignatureVerifier(gpgKeys, sshKeys, fixture.accounts, fixture.database, emailVerification,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aGpgSignatureByARegisteredKeyOfTheCommittersAccountIsValid() throws Exception {
        OpenPgpKeygen key = OpenPgpKeygen.generate("Alice <alice@example.com>", NOW.minusSeconds(3600), 0, 0);
        gpgKeys.add("alice", "laptop", key.armoredPublic(), AuthFixture.ADMIN);

        SignatureVerification result = verifier.verify(PAYLOAD, key.sign(PAYLOAD), "Alice@Example.com");

        assertThat(result).isEqualTo(new SignatureVerification(true, "valid", key.primaryKeyHex(), "alice",
                "signed by alice with key " + key.primaryKeyHex(), NOW));
    }

    @Test
    void aSignatureByASigningSubkeyIsFoundThroughTheSubkeyId() throws Exception {
        OpenPgpKeygen key = OpenPgpKeygen.generate("Alice <alice@example.com>", NOW.minusSeconds(3600), 0,
                KeyFlags.SIGN_DATA);
        gpgKeys.add("alice", "laptop", key.armoredPublic(), AuthFixture.ADMIN);

        SignatureVerification result = verifier.verify(PAYLOAD, key.sign(PAYLOAD, key.subkeyId(), NOW),
                "alice@example.com");

        assertThat(result.reason()).isEqualTo("valid");
        assertThat(result.keyId()).isEqualTo(String.format("%016X", key.subkeyId()));
    }

    @Test
    void aSignatureMadeByTheRealGpgIsValid() throws Exception {
        try (Gpg gpg = new Gpg(dir)) {
            String id = gpg.generate("Alice <alice@example.com>");
            gpgKeys.add("alice", "gpg", gpg.export(id), AuthFixture.ADMIN);
            assertThat(verifier.verify(PAYLOAD, gpg.sign(id, PAYLOAD), "alice@example.com").reason())
                    .isEqualTo("valid");
            byte[] changed = new String(PAYLOAD, StandardCharsets.UTF_8).replace("Signed change", "Signed chang3")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(verifier.verify(changed, gpg.sign(id, PAYLOAD), "alice@example.com").reason())
                    .isEqualTo("invalid");
        }
    }

    @Test
    void gpgReasons() throws Exception {
        OpenPgpKeygen alice = OpenPgpKeygen.generate("Alice <alice@example.com>", NOW.minusSeconds(86_400), 0,
                KeyFlags.AUTHENTICATION);
        gpgKeys.add("alice", "laptop", alice.armoredPublic(), AuthFixture.ADMIN);
        String signature = alice.sign(PAYLOAD);

        assertThat(verifier.verify(PAYLOAD, null, "alice@example.com"))
                .isEqualTo(SignatureVerification.unsigned());
        assertThat(reason(PAYLOAD, "", "alice@example.com")).isEqualTo("unsigned");
        // Anything else than OpenPGP and SSH, e.g. an X.509 signature by gpgsm.
        assertThat(reason(PAYLOAD, "-----BEGIN SIGNED MESSAGE-----\nMIAGCSqGSIb3DQEHAqCAMIACAQEx\n"
                + "-----END SIGNED MESSAGE-----", "alice@example.com")).isEqualTo("unknown_signature_type");
        assertThat(reason(PAYLOAD, "-----BEGIN PGP SIGNATURE-----\n\niQEzBAABCAAdFiEE\n-----END PGP SIGNATURE-----",
                "alice@example.com")).isEqualTo("malformed_signature");
        // A key nobody registered.
        OpenPgpKeygen stranger = OpenPgpKeygen.generate("Alice <alice@example.com>", NOW.minusSeconds(60), 0, 0);
        SignatureVerification unknown = verifier.verify(PAYLOAD, stranger.sign(PAYLOAD), "alice@example.com");
        assertThat(unknown.reason()).isEqualTo("unknown_key");
        assertThat(unknown.keyId()).isEqualTo(stranger.primaryKeyHex());
        // The payload is not what was signed.
        assertThat(reason("tampered".getBytes(StandardCharsets.UTF_8), signature, "alice@example.com"))
                .isEqualTo("invalid");
        // The committer email is not among the key's user ids.
        fixture.accounts.addEmails("alice", List.of("alice@work.example"), AuthFixture.ADMIN);
        assertThat(reason(PAYLOAD, signature, "alice@work.example")).isEqualTo("bad_email");
        // A subkey for authentication only is not a signing key, even when its signature checks.
        assertThat(reason(PAYLOAD, alice.sign(PAYLOAD, alice.subkeyId(), NOW), "alice@example.com"))
                .isEqualTo("not_signing_key");
    }

    @Test
    void theCommitterEmailMustBelongToTheKeysOwner() throws Exception {
        OpenPgpKeygen shared = OpenPgpKeygen.generate("Team <bob@example.com>", NOW.minusSeconds(60), 0, 0);
        gpgKeys.add("alice", "claims bob's email", shared.armoredPublic(), AuthFixture.ADMIN);
        // The email is in the key but is bob's: the key's owner is not the committer.
        assertThat(reason(PAYLOAD, shared.sign(PAYLOAD), "bob@example.com")).isEqualTo("bad_email");

        OpenPgpKeygen nobody = OpenPgpKeygen.generate("Ghost <ghost@example.com>", NOW.minusSeconds(60), 0, 0);
        gpgKeys.add("alice", "ghost", nobody.armoredPublic(), AuthFixture.ADMIN);
        assertThat(reason(PAYLOAD, nobody.sign(PAYLOAD), "ghost@example.com")).isEqualTo("no_user");
    }

    @Test
    void withEmailVerificationOnAnUnverifiedCommitterEmailIsNotEnough() throws Exception {
        OpenPgpKeygen key = OpenPgpKeygen.generate("Alice <alice@example.com>", NOW.minusSeconds(60), 0, 0);
        gpgKeys.add("alice", "laptop", key.armoredPublic(), AuthFixture.ADMIN);
        String signature = key.sign(PAYLOAD);
        AccountSignatureVerifier strict = verifier(true);

        assertThat(strict.verify(PAYLOAD, signature, "alice@example.com").reason()).isEqualTo("unverified_email");
        fixture.database.execute("UPDATE auth.emails SET verified = true WHERE email = 'alice@example.com'");
        assertThat(strict.verify(PAYLOAD, signature, "alice@example.com").reason()).isEqualTo("valid");
    }

    @Test
    void aKeyThatHadExpiredWhenItSignedGivesExpiredKey() throws Exception {
        Instant created = NOW.minusSeconds(10 * 86_400);
        OpenPgpKeygen key = OpenPgpKeygen.generate("Alice <alice@example.com>", created, 86_400, 0);
        gpgKeys.add("alice", "short-lived", key.armoredPublic(), AuthFixture.ADMIN);

        assertThat(reason(PAYLOAD, key.sign(PAYLOAD, key.primaryKeyId(), created.plusSeconds(3600)),
                "alice@example.com")).isEqualTo("valid");
        assertThat(reason(PAYLOAD, key.sign(PAYLOAD, key.primaryKeyId(), NOW), "alice@example.com"))
                .isEqualTo("expired_key");
    }

    @Test
    void sshSignaturesByRegisteredKeysAreValidAndOthersSayWhy() throws Exception {
        SshKeygen keygen = new SshKeygen(dir);
        Path alicePub = keygen.generate("ed25519", 0, "alice");
        sshKeys.add("alice", "laptop", SshKeygen.publicKey(alicePub), AuthFixture.ADMIN);
        String signature = sshSign(alicePub);

        SignatureVerification valid = verifier.verify(PAYLOAD, signature, "alice@example.com");
        assertThat(valid.reason()).isEqualTo("valid");
        assertThat(valid.keyId()).isEqualTo(SshKeygen.fingerprintLine(alicePub)[1]);
        assertThat(reason("other".getBytes(StandardCharsets.UTF_8), signature, "alice@example.com"))
                .isEqualTo("invalid");
        assertThat(reason(PAYLOAD, signature, "bob@example.com")).isEqualTo("bad_email");
        assertThat(reason(PAYLOAD, signature, "nobody@example.com")).isEqualTo("no_user");
        assertThat(reason(PAYLOAD, sshSign(keygen.generate("ed25519", 0, "stranger")), "alice@example.com"))
                .isEqualTo("unknown_key");
        assertThat(reason(PAYLOAD, "-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----",
                "alice@example.com")).isEqualTo("malformed_signature");
    }

    @Test
    void theKeysVersionChangesWithKeysAndEmails() throws Exception {
        String before = verifier.keysVersion();
        assertThat(verifier.keysVersion()).isEqualTo(before);
        OpenPgpKeygen key = OpenPgpKeygen.generate("Alice <alice@example.com>", NOW.minusSeconds(60), 0, 0);
        long id = gpgKeys.add("alice", "laptop", key.armoredPublic(), AuthFixture.ADMIN).id();
        String withKey = verifier.keysVersion();
        assertThat(withKey).isNotEqualTo(before);
        gpgKeys.delete("alice", id, AuthFixture.ADMIN);
        String deleted = verifier.keysVersion();
        assertThat(deleted).isNotEqualTo(withKey);
        sshKeys.add("alice", "ssh", SshKeygen.publicKey(new SshKeygen(dir).generate("ed25519", 0, "a")),
                AuthFixture.ADMIN);
        String withSsh = verifier.keysVersion();
        assertThat(withSsh).isNotEqualTo(deleted);
        fixture.accounts.addEmails("alice", List.of("alice@work.example"), AuthFixture.ADMIN);
        assertThat(verifier.keysVersion()).isNotEqualTo(withSsh);
    }

    private String reason(byte[] payload, String signature, String email) {
        return verifier.verify(payload, signature, email).reason();
    }

    /** What git stores for {@code gpg.format=ssh}: {@code ssh-keygen -Y sign -n git} over the payload. */
    private String sshSign(Path pub) throws Exception {
        Path file = Files.write(dir.resolve("payload-" + System.nanoTime()), PAYLOAD);
        String key = pub.toString().substring(0, pub.toString().length() - ".pub".length());
        Process process = new ProcessBuilder("ssh-keygen", "-q", "-Y", "sign", "-f", key, "-n", "git",
                file.toString()).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return Files.readString(Path.of(file + ".sig"));
    }
}
