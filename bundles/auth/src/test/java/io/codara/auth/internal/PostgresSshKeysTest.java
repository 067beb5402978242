package io.codara.auth.internal;

import io.codara.testing.EmbeddedDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.codara.api.audit.Actor;
import io.codara.api.audit.AuditEvent;
import io.codara.api.audit.AuditLog;
import io.codara.api.auth.SshKey;
import io.codara.api.rest.ApiError;
import io.codara.api.rest.ApiException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresSshKeysTest {

    private static final Actor ALICE = new Actor("alice", "192.0.2.1");

    @TempDir
    Path dir;

    private EmbeddedDatabase db;
    private AuditLog auditLog;
    private PostgresSshKeys keys;
    private SshKeygen keygen;

    @BeforeEach
    void setUp() throws Exception {
        db = EmbeddedDatabase.create("auth");
        db.execute("INSERT INTO auth.accounts (login, type) VALUES ('Alice', 'User'), ('bob', 'User'),"
                + " ('acme', 'Organization')");
        auditLog = mock(AuditLog.class);
        keys = new PostgresSshKeys(db, auditLog);
        keygen = new SshKeygen(dir);
    }

    private String newKey() throws Exception {
        return SshKeygen.publicKey(keygen.generate("ed25519", 0, "someone@somewhere"));
    }

    @Test
    void addStoresTheNormalisedKeyUnderTheOwnersLoginAndAuditsIt() throws Exception {
        Path pub = keygen.generate("ecdsa", 384, "alice@laptop");
        String line = SshKeygen.publicKey(pub);

        SshKey key = keys.add("alice", "  Work laptop ", "  " + line + "\n", ALICE);

        String[] fields = line.split(" ");
        assertThat(key.owner()).isEqualTo("Alice");
        assertThat(key.title()).isEqualTo("Work laptop");
        assertThat(key.key()).isEqualTo(fields[0] + " " + fields[1]);
        assertThat(key.type()).isEqualTo("ecdsa-sha2-nistp384");
        assertThat(key.bits()).isEqualTo(384);
        assertThat(key.fingerprint()).isEqualTo(SshKeygen.fingerprintLine(pub)[1]);
        assertThat(key.createdAt()).isNotNull();
        assertThat(key.lastUsedAt()).isNull();
        assertThat(keys.find("ALICE", key.id())).contains(key);
        verify(auditLog).record(any(Connection.class), eq(new AuditEvent("public_key.create", ALICE, "user", "Alice",
                Map.of("fingerprint", key.fingerprint(), "title", "Work laptop"))));
    }

    @Test
    void theAuditEntryIsWrittenInTheKeysOwnTransaction() throws Exception {
        doAnswer(invocation -> {
            Connection tx = invocation.getArgument(0);
            // The row is visible to the audit log's connection but not yet committed for anyone else.
            try (PreparedStatement select = tx.prepareStatement("SELECT count(*) FROM auth.ssh_keys");
                 ResultSet rs = select.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
            assertThat(tx.getAutoCommit()).isFalse();
            assertThat(db.queryLong("SELECT count(*) FROM auth.ssh_keys")).isZero();
            return null;
        }).when(auditLog).record(any(Connection.class), any(AuditEvent.class));

        keys.add("alice", "laptop", newKey(), ALICE);

        verify(auditLog).record(any(Connection.class), any(AuditEvent.class));
        assertThat(db.queryLong("SELECT count(*) FROM auth.ssh_keys")).isEqualTo(1);
    }

    @Test
    void aFailingAuditLogLeavesNoKeyBehind() throws Exception {
        when(auditLog.record(any(Connection.class), any(AuditEvent.class))).thenThrow(new SQLException("audit down"));

        assertThatThrownBy(() -> keys.add("alice", "laptop", newKey(), ALICE))
                .isInstanceOf(IllegalStateException.class).hasRootCauseMessage("audit down");
        assertThat(db.queryLong("SELECT count(*) FROM auth.ssh_keys")).isZero();
    }

    @Test
    void aKeyAlreadyRegisteredByAnyoneIsRefused() throws Exception {
        String line = newKey();
        keys.add("bob", "bob's", line, new Actor("bob", null));
        String[] fields = line.split(" ");

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> keys.add("alice", "mine", "\t" + fields[0] + " " + fields[1] + " another comment", ALICE));

        assertThat(e.status()).isEqualTo(422);
        assertThat(e.errors()).containsExactly(
                new ApiError.FieldError("PublicKey", "key", "already_exists", "key is already in use"));
        assertThat(keys.list("alice")).isEmpty();
        verify(auditLog, times(1)).record(any(Connection.class), any(AuditEvent.class));
    }

    @Test
    void aConcurrentRegistrationOfTheSameKeyIsRefusedByTheUniqueIndex() throws Exception {
        String line = newKey();
        SshPublicKey parsed = SshPublicKeyParser.parse(line);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Connection other = db.dataSource().getConnection()) {
            // Another node inserted the same key and has not committed: our check cannot see it, our insert waits.
            other.setAutoCommit(false);
            try (PreparedStatement insert = other.prepareStatement("INSERT INTO auth.ssh_keys"
                    + " (user_id, title, key_type, key_base64, bits, fingerprint)"
                    + " SELECT id, 'racer', ?, ?, ?, ? FROM auth.accounts WHERE login = 'bob'")) {
                insert.setString(1, parsed.type());
                insert.setString(2, parsed.base64());
                insert.setInt(3, parsed.bits());
                insert.setString(4, parsed.fingerprint());
                insert.executeUpdate();
            }
            Future<SshKey> racing = executor.submit(() -> keys.add("alice", "mine", line, ALICE));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND datname = current_database()") == 0) {
                assertThat(System.nanoTime()).as("the second insert waits for the first").isLessThan(deadline);
                Thread.sleep(20);
            }
            other.commit();

            ExecutionException e = catchThrowableOfType(ExecutionException.class, racing::get);
            assertThat(e.getCause()).isInstanceOfSatisfying(ApiException.class, api -> {
                assertThat(api.status()).isEqualTo(422);
                assertThat(api.errors()).extracting(ApiError.FieldError::code).containsExactly("already_exists");
            });
        } finally {
            executor.shutdownNow();
        }
        assertThat(keys.list("alice")).isEmpty();
        verify(auditLog, never()).record(any(Connection.class), any(AuditEvent.class));
    }

    @Test
    void onlyUsersOwnKeys() throws Exception {
        String line = newKey();

        for (String owner : new String[] {"nobody", "acme", "", null}) {
            ApiException e = catchThrowableOfType(ApiException.class, () -> keys.add(owner, "t", line, ALICE));
            assertThat(e.status()).as(String.valueOf(owner)).isEqualTo(404);
        }
        assertThat(catchThrowableOfType(ApiException.class, () -> keys.list("acme")).status()).isEqualTo(404);
        assertThat(catchThrowableOfType(ApiException.class, () -> keys.find("nobody", 1)).status()).isEqualTo(404);
        assertThat(catchThrowableOfType(ApiException.class, () -> keys.delete("nobody", 1, ALICE)).status())
                .isEqualTo(404);
        assertThat(db.queryLong("SELECT count(*) FROM auth.ssh_keys")).isZero();
        verify(auditLog, never()).record(any(Connection.class), any(AuditEvent.class));
    }

    @Test
    void titlesAreRequiredAndAtMost255Characters() throws Exception {
        for (String missing : new String[] {null, "", "   "}) {
            ApiException e = catchThrowableOfType(ApiException.class, () -> keys.add("alice", missing, newKey(), ALICE));
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.errors()).containsExactly(
                    new ApiError.FieldError("PublicKey", "title", "missing_field", "title is required"));
        }
        ApiException tooLong = catchThrowableOfType(ApiException.class,
                () -> keys.add("alice", "t".repeat(256), newKey(), ALICE));
        assertThat(tooLong.errors()).extracting(ApiError.FieldError::field, ApiError.FieldError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("title", "invalid"));

        // Counted in characters as PostgreSQL counts them, not UTF-16 units.
        assertThat(keys.add("alice", "🔑".repeat(255), newKey(), ALICE).title()).hasSize(510);
        assertThat(keys.add("alice", "t".repeat(255), newKey(), ALICE).title()).hasSize(255);
    }

    @Test
    void invalidTitleAndKeyAreReportedTogetherAndNothingIsStored() throws Exception {
        ApiException e = catchThrowableOfType(ApiException.class, () -> keys.add("alice", " ", "ssh-dss AAAA", ALICE));

        assertThat(e.status()).isEqualTo(422);
        assertThat(e.errors()).extracting(ApiError.FieldError::field).containsExactly("title", "key");
        assertThat(keys.list("alice")).isEmpty();
        verify(auditLog, never()).record(any(Connection.class), any(AuditEvent.class));
    }

    @Test
    void listShowsTheOwnersKeysOldestFirst() throws Exception {
        SshKey first = keys.add("alice", "one", newKey(), ALICE);
        keys.add("bob", "bob's", newKey(), new Actor("bob", null));
        SshKey second = keys.add("alice", "two", newKey(), ALICE);

        assertThat(keys.list("ALICE")).containsExactly(first, second);
        assertThat(keys.list("bob")).extracting(SshKey::title).containsExactly("bob's");
    }

    @Test
    void findAndDeleteSeeOnlyTheOwnersKeys() throws Exception {
        SshKey bobs = keys.add("bob", "bob's", newKey(), new Actor("bob", null));

        assertThat(keys.find("alice", bobs.id())).isEmpty();
        assertThat(keys.delete("alice", bobs.id(), ALICE)).isFalse();
        assertThat(keys.find("bob", bobs.id())).contains(bobs);
        assertThat(keys.find("bob", bobs.id() + 1000)).isEmpty();
        verify(auditLog, never()).record(any(Connection.class), eq(new AuditEvent("public_key.delete", ALICE, "user",
                "Alice", Map.of("fingerprint", bobs.fingerprint(), "title", "bob's"))));
    }

    @Test
    void deleteRemovesTheKeyOnceAndAuditsIt() throws Exception {
        SshKey key = keys.add("alice", "laptop", newKey(), ALICE);

        assertThat(keys.delete("Alice", key.id(), ALICE)).isTrue();
        assertThat(keys.delete("Alice", key.id(), ALICE)).isFalse();

        assertThat(keys.find("alice", key.id())).isEmpty();
        assertThat(keys.findByFingerprint(key.fingerprint())).isEmpty();
        verify(auditLog, times(1)).record(any(Connection.class), eq(new AuditEvent("public_key.delete", ALICE, "user",
                "Alice", Map.of("fingerprint", key.fingerprint(), "title", "laptop"))));
    }

    @Test
    void aFailingAuditLogKeepsTheKeyOnDelete() throws Exception {
        SshKey key = keys.add("alice", "laptop", newKey(), ALICE);
        when(auditLog.record(any(Connection.class), any(AuditEvent.class))).thenThrow(new SQLException("audit down"));

        assertThatThrownBy(() -> keys.delete("alice", key.id(), ALICE)).isInstanceOf(IllegalStateException.class);
        assertThat(keys.find("alice", key.id())).contains(key);
    }

    @Test
    void findByFingerprintFindsTheKeyAndItsOwnerForGitOverSsh() throws Exception {
        SshKey key = keys.add("ALICE", "laptop", newKey(), ALICE);

        assertThat(keys.findByFingerprint(key.fingerprint())).hasValueSatisfying(found -> {
            assertThat(found).isEqualTo(key);
            assertThat(found.owner()).isEqualTo("Alice");
        });
        assertThat(keys.findByFingerprint("SHA256:nothing")).isEmpty();
        assertThat(keys.findByFingerprint(null)).isEmpty();
        assertThat(keys.findByFingerprint(key.fingerprint().toLowerCase())).isEmpty();
    }

    @Test
    void lastUseIsReadBack() throws Exception {
        SshKey key = keys.add("alice", "laptop", newKey(), ALICE);
        db.execute("UPDATE auth.ssh_keys SET last_used_at = '2024-05-01T10:00:00Z' WHERE id = " + key.id());

        assertThat(keys.list("alice")).singleElement().extracting(SshKey::lastUsedAt)
                .isEqualTo(java.time.Instant.parse("2024-05-01T10:00:00Z"));
    }

    @Test
    void keysGoWithTheirOwner() throws Exception {
        SshKey key = keys.add("alice", "laptop", newKey(), ALICE);
        db.execute("DELETE FROM auth.accounts WHERE login = 'Alice'");

        assertThat(keys.findByFingerprint(key.fingerprint())).isEmpty();
        assertThat(List.of(db.queryLong("SELECT count(*) FROM auth.ssh_keys"))).containsExactly(0L);
    }
}
