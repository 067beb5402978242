package io.codara.auth.internal;

import io.codara.testing.EmbeddedDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import javax.sql.DataSource;

import io.codara.api.audit.Actor;
import io.codara.api.audit.AuditEntry;
import io.codara.api.audit.AuditEvent;
import io.codara.api.audit.AuditQuery;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.storage.Database;
import io.codara.api.storage.DatabaseInfo;
import io.codara.api.storage.PoolStats;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresAuditLogTest {

    private EmbeddedDatabase database;
    private PostgresAuditLog log;

    @BeforeEach
    void setUp() {
        database = EmbeddedDatabase.create("auth");
        log = new PostgresAuditLog(new AuthSchema(), database);
    }

    /** Inserts an entry with a chosen time, which the service cannot do: it stamps entries itself. */
    private void insertAt(Instant at, String action, String actor, String target) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO auth.audit_log (at, action, actor, target_type, target) VALUES (?, ?, ?, 'user', ?)")) {
            insert.setTimestamp(1, Timestamp.from(at));
            insert.setString(2, action);
            insert.setString(3, actor);
            insert.setString(4, target);
            insert.executeUpdate();
        }
    }

    private AuditEntry record(String action, String actor, String target) {
        return log.record(new AuditEvent(action, new Actor(actor, "192.0.2.7"), "user", target));
    }

    private static PageRequest first(int perPage) {
        return new PageRequest(1, perPage);
    }

    @Test
    void recordsEveryFieldAndReadsItBack() {
        Instant before = Instant.now().minusSeconds(1);
        AuditEntry written = log.record(new AuditEvent("user.suspend", new Actor("admin", "192.0.2.7"), "user", "alice",
                Map.of("reason", "spam", "count", 3)));

        assertThat(written.id()).isPositive();
        assertThat(written.at()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(written.action()).isEqualTo("user.suspend");
        assertThat(written.actor()).isEqualTo("admin");
        assertThat(written.address()).isEqualTo("192.0.2.7");
        assertThat(written.targetType()).isEqualTo("user");
        assertThat(written.target()).isEqualTo("alice");
        assertThat(written.details()).containsEntry("reason", "spam").containsEntry("count", 3);
        assertThat(log.query(AuditQuery.ALL, first(10)).items()).containsExactly(written);
    }

    @Test
    void recordInsideATransactionThatRollsBackLeavesNoEntry() {
        assertThatThrownBy(() -> database.inTransaction(tx -> {
            log.record(tx, new AuditEvent("user.create", Actor.SYSTEM, "user", "ghost"));
            throw new SQLException("the change failed");
        })).isInstanceOf(SQLException.class);

        assertThat(log.query(AuditQuery.ALL, first(10)).total()).isZero();
    }

    @Test
    void plainUpdateIsRefusedByTheTrigger() {
        record("user.create", "admin", "alice");

        assertThatThrownBy(() -> database.execute("UPDATE auth.audit_log SET actor = 'someone-else'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only (UPDATE refused)");
        assertThat(log.query(AuditQuery.ALL, first(10)).items()).extracting(AuditEntry::actor).containsExactly("admin");
    }

    @Test
    void plainDeleteAndTruncateAreRefusedByTheTrigger() throws Exception {
        record("user.create", "admin", "alice");
        insertAt(Instant.now().minus(1000, ChronoUnit.DAYS), "user.login", "admin", "admin");

        assertThatThrownBy(() -> database.execute("DELETE FROM auth.audit_log"))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only (DELETE refused)");
        assertThatThrownBy(() -> database.execute("TRUNCATE auth.audit_log"))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only (TRUNCATE refused)");
        assertThat(database.queryLong("SELECT count(*) FROM auth.audit_log")).isEqualTo(2);
    }

    @Test
    void purgeDeletesOnlyEntriesOlderThanTheAge() throws Exception {
        Instant now = Instant.now();
        insertAt(now.minus(400, ChronoUnit.DAYS), "user.login", "old", "a");
        insertAt(now.minus(366, ChronoUnit.DAYS), "user.login", "old", "b");
        insertAt(now.minus(364, ChronoUnit.DAYS), "user.login", "kept", "c");
        AuditEntry fresh = record("user.login", "kept", "d");

        assertThat(log.purgeOlderThan(Duration.ofDays(365))).isEqualTo(2);

        assertThat(log.query(AuditQuery.ALL, first(10)).items()).extracting(AuditEntry::target)
                .containsExactly(fresh.target(), "c");
        assertThat(log.purgeOlderThan(Duration.ofDays(365))).as("idempotent").isZero();
    }

    @Test
    void purgePermissionEndsWithItsTransaction() throws Exception {
        insertAt(Instant.now().minus(400, ChronoUnit.DAYS), "user.login", "old", "a");
        record("user.login", "kept", "b");
        // A pool hands the purge's connection to the next borrower: with one connection, that is certain.
        try (Connection pooled = database.dataSource().getConnection()) {
            PostgresAuditLog onOneConnection = new PostgresAuditLog(new AuthSchema(), new OneConnection(pooled));

            assertThat(onOneConnection.purgeOlderThan(Duration.ofDays(365))).isEqualTo(1);

            pooled.setAutoCommit(true);
            assertThatThrownBy(() -> pooled.createStatement().execute("DELETE FROM auth.audit_log"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
    }

    @Test
    void queryFiltersByActorWithoutRegardToCase() {
        record("user.login", "Alice", "alice");
        record("user.login", "bob", "bob");

        Page<AuditEntry> page = log.query(new AuditQuery("alice", null, null, null, null), first(10));

        assertThat(page.items()).extracting(AuditEntry::actor).containsExactly("Alice");
        assertThat(page.total()).isEqualTo(1);
    }

    @Test
    void queryFiltersByExactActionOrByPrefixEndingInADot() {
        record("user.login", "a", "x");
        record("user.suspend", "a", "x");
        record("org.add_member", "a", "x");
        record("user", "a", "x");

        assertThat(log.query(new AuditQuery(null, "user.", null, null, null), first(10)).items())
                .extracting(AuditEntry::action).containsExactly("user.suspend", "user.login");
        assertThat(log.query(new AuditQuery(null, "user.login", null, null, null), first(10)).items())
                .extracting(AuditEntry::action).containsExactly("user.login");
        assertThat(log.query(new AuditQuery(null, "user", null, null, null), first(10)).items())
                .as("no dot, no prefix match").extracting(AuditEntry::action).containsExactly("user");
    }

    @Test
    void queryFiltersByTargetWithoutRegardToCase() {
        record("user.suspend", "admin", "Carol");
        record("user.suspend", "admin", "dave");

        assertThat(log.query(new AuditQuery(null, null, "carol", null, null), first(10)).items())
                .extracting(AuditEntry::target).containsExactly("Carol");
    }

    @Test
    void sinceIsInclusiveAndUntilExclusive() throws Exception {
        Instant t = Instant.parse("2024-05-01T12:00:00Z");
        insertAt(t.minusSeconds(1), "user.login", "a", "before");
        insertAt(t, "user.login", "a", "at");
        insertAt(t.plusSeconds(60), "user.login", "a", "minute-later");

        assertThat(log.query(new AuditQuery(null, null, null, t, null), first(10)).items())
                .extracting(AuditEntry::target).containsExactly("minute-later", "at");
        assertThat(log.query(new AuditQuery(null, null, null, null, t), first(10)).items())
                .extracting(AuditEntry::target).containsExactly("before");
        assertThat(log.query(new AuditQuery(null, null, null, t, t.plusSeconds(60)), first(10)).items())
                .extracting(AuditEntry::target).containsExactly("at");
    }

    @Test
    void filtersCombine() {
        record("user.login", "alice", "alice");
        record("user.suspend", "alice", "bob");
        record("user.suspend", "carol", "bob");

        assertThat(log.query(new AuditQuery("alice", "user.", "bob", null, null), first(10)).items())
                .extracting(AuditEntry::action, AuditEntry::actor).containsExactly(tuple("user.suspend", "alice"));
    }

    @Test
    void pagesAreNewestFirstWithTheTotal() {
        for (int i = 1; i <= 5; i++) {
            record("user.login", "u" + i, "u" + i);
        }

        Page<AuditEntry> first = log.query(AuditQuery.ALL, new PageRequest(1, 2));
        Page<AuditEntry> second = log.query(AuditQuery.ALL, new PageRequest(2, 2));
        Page<AuditEntry> last = log.query(AuditQuery.ALL, new PageRequest(3, 2));

        assertThat(first.items()).extracting(AuditEntry::actor).containsExactly("u5", "u4");
        assertThat(second.items()).extracting(AuditEntry::actor).containsExactly("u3", "u2");
        assertThat(last.items()).extracting(AuditEntry::actor).containsExactly("u1");
        assertThat(first.total()).isEqualTo(5);
        assertThat(first.lastPage()).isEqualTo(3);
        assertThat(log.query(AuditQuery.ALL, new PageRequest(4, 2)).items()).isEmpty();
    }

    /** A database of one connection that is never closed, as a pool's connection outlives each borrower. */
    private static final class OneConnection implements Database {

        private final Connection connection;

        OneConnection(Connection connection) {
            this.connection = connection;
        }

        @Override
        public DataSource dataSource() {
            throw new UnsupportedOperationException("only transactions are used");
        }

        @Override
        public DatabaseInfo info() {
            throw new UnsupportedOperationException();
        }

        @Override
        public PoolStats poolStats() {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> T inTransaction(TransactionalWork<T> work) throws SQLException {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
