package io.codara.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.bouncycastle.bcpg.sig.KeyFlags;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.codara.api.audit.Actor;
import io.codara.api.audit.AuditLog;
import io.codara.api.auth.GpgKey;
import io.codara.api.rest.ApiException;
import io.codara.testing.EmbeddedDatabase;

class PostgresGpgKeysTest {

    private static final Actor ALICE = new Actor("alice", "192.0.2.1");

    @TempDir
    Path dir;

    private AuditLog auditLog;
    private PostgresGpgKeys keys;

    @BeforeEach
    void setUp() throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.create("auth");
        db.execute("INSERT INTO auth.accounts (login, type) VALUES ('Alice', 'User'), ('bob', 'User'),"
                + " ('acme', 'Organization')");
        auditLog = mock(AuditLog.class);
        keys = new PostgresGpgKeys(new AuthSchema(), db, auditLog);
    }

    @Test
    void addStoresTheKeyWithItsPrimaryAndSubkeyIdsAndAuditsIt() throws Exception {
        OpenPgpKeygen generated = OpenPgpKeygen.generate("Alice <alice@example.com>", Instant.now(), 0,
                KeyFlags.SIGN_DATA);

        GpgKey key = keys.add("alice", " Laptop ", generated.armoredPublic(), ALICE);

        assertThat(key.owner()).isEqualTo("Alice");
        assertThat(key.name()).isEqualTo("Laptop");
        assertThat(key.keyId()).isEqualTo(generated.primaryKeyHex());
        assertThat(key.subkeys()).extracting(GpgKey.Subkey::keyId)
                .containsExactly(String.format("%016X", generated.subkeyId()));
        assertThat(key.rawKey()).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");
        verify(auditLog).record(any(), argThat(e -> e.action().equals("gpg_key.create")
                && e.details().equals(Map.of("key_id", key.keyId(), "name", "Laptop"))));

        assertThat(keys.list("ALICE")).containsExactly(key);
        assertThat(keys.find("alice", key.id())).contains(key);
        assertThat(keys.find("bob", key.id())).isEmpty();
        // Both the primary key id and the subkey id lead to the key, in any case.
        assertThat(keys.findByKeyId(key.keyId().toLowerCase())).contains(key);
        assertThat(keys.findByKeyId(key.subkeys().get(0).keyId())).contains(key);
        assertThat(keys.findByKeyId("0123456789ABCDEF")).isEmpty();
        assertThat(keys.findByKeyId("not a key id")).isEmpty();
    }

    @Test
    void aKeyWithoutANameIsNamedAfterItsFirstUserId() throws Exception {
        OpenPgpKeygen generated = OpenPgpKeygen.generate("Alice <alice@example.com>", Instant.now(), 0, 0);
        assertThat(keys.add("alice", null, generated.armoredPublic(), ALICE).name())
                .isEqualTo("Alice <alice@example.com>");
    }

    @Test
    void aKeyMadeByTheRealGpgIsAccepted() throws Exception {
        try (Gpg gpg = new Gpg(dir)) {
            String id = gpg.generate("Alice <alice@example.com>");
            GpgKey key = keys.add("alice", "gpg", gpg.export(id), ALICE);
            assertThat(key.keyId()).isEqualTo(id);
            GpgKeyJson json = GpgKeyJson.of(key, Map.of("alice@example.com", true));
            assertThat(json.can_sign()).isTrue();
            assertThat(json.can_certify()).isTrue();
            assertThat(json.can_encrypt_comms()).isFalse();
            assertThat(json.emails()).containsExactly(new GpgKeyJson.EmailJson("alice@example.com", true));
            assertThat(json.expires_at()).isNull();
            assertThat(json.revoked()).isFalse();
            assertThat(json.public_key()).isNotBlank();
            assertThat(json.primary_key_id()).isNull();
        }
    }

    @Test
    void theJsonDescribesSubkeysAndExpiry() throws Exception {
        Instant created = Instant.parse("2025-01-01T00:00:00Z");
        OpenPgpKeygen generated = OpenPgpKeygen.generate("Alice <alice@example.com>", created, 86_400L * 365 * 5,
                KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);
        GpgKey key = keys.add("alice", "with subkey", generated.armoredPublic(), ALICE);

        GpgKeyJson json = GpgKeyJson.of(key, Map.of());

        assertThat(json.expires_at()).isEqualTo(created.plusSeconds(86_400L * 365 * 5));
        assertThat(json.emails()).containsExactly(new GpgKeyJson.EmailJson("alice@example.com", false));
        assertThat(json.subkeys()).singleElement().satisfies(sub -> {
            assertThat(sub.primary_key_id()).isEqualTo(key.id());
            assertThat(sub.key_id()).isEqualTo(key.subkeys().get(0).keyId());
            assertThat(sub.can_sign()).isFalse();
            assertThat(sub.can_encrypt_comms()).isTrue();
            assertThat(sub.can_encrypt_storage()).isTrue();
            assertThat(sub.raw_key()).isNull();
        });
    }

    @Test
    void garbagePrivateKeysAndDuplicatesAre422WithAClearMessage() throws Exception {
        OpenPgpKeygen generated = OpenPgpKeygen.generate("Alice <alice@example.com>", Instant.now(), 0,
                KeyFlags.SIGN_DATA);
        assertThat(message(() -> keys.add("alice", "x", "hello", ALICE)))
                .contains("ASCII-armored public key");
        assertThat(message(() -> keys.add("alice", "x", "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nnot base64 at all!"
                + "\n-----END PGP PUBLIC KEY BLOCK-----\n", ALICE))).contains("not a valid OpenPGP public key");
        assertThat(message(() -> keys.add("alice", "x", generated.armoredSecret(), ALICE)))
                .contains("this is a private key");
        assertThat(message(() -> keys.add("alice", "x", "", ALICE))).contains("armored_public_key is required");
        assertThat(message(() -> keys.add("alice", "x".repeat(256), generated.armoredPublic(), ALICE)))
                .contains("name is too long");

        keys.add("alice", "first", generated.armoredPublic(), ALICE);
        assertThat(message(() -> keys.add("bob", "again", generated.armoredPublic(), ALICE)))
                .contains("key is already in use: key id " + generated.primaryKeyHex());
        assertThat(keys.list("bob")).isEmpty();
    }

    @Test
    void organisationsAndUnknownUsersHaveNoKeysAndDeleteIsForTheOwner() throws Exception {
        OpenPgpKeygen generated = OpenPgpKeygen.generate("Alice <alice@example.com>", Instant.now(), 0, 0);
        assertThat(AuthFixture.error(() -> keys.list("acme")).status()).isEqualTo(404);
        assertThat(AuthFixture.error(() -> keys.add("nobody", "x", generated.armoredPublic(), ALICE)).status())
                .isEqualTo(404);

        GpgKey key = keys.add("alice", "k", generated.armoredPublic(), ALICE);
        assertThat(keys.delete("bob", key.id(), ALICE)).isFalse();
        assertThat(keys.delete("alice", key.id(), ALICE)).isTrue();
        assertThat(keys.delete("alice", key.id(), ALICE)).isFalse();
        assertThat(keys.findByKeyId(key.keyId())).isEmpty();
        verify(auditLog).record(any(), argThat(e -> e.action().equals("gpg_key.delete")));
        // Deleted, the key may be registered again.
        assertThat(keys.add("bob", "k", generated.armoredPublic(), ALICE).owner()).isEqualTo("bob");
    }

    private static String message(Runnable action) {
        ApiException e = AuthFixture.error(action);
        assertThat(e.status()).isEqualTo(422);
        return e.errors().stream().map(error -> error.message()).toList().toString();
    }
}
