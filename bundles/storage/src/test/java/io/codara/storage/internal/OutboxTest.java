package io.codara.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.codara.api.event.EventProperties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

class OutboxTest {

    @TempDir
    static Path root;

    static EmbeddedDatabase db;
    static PostgresEventOutbox outbox;

    /** What EventAdmin received; fails the next {@code failures} sends like a broken delivery would. */
    final List<Event> sent = new CopyOnWriteArrayList<>();
    final AtomicInteger failures = new AtomicInteger();
    final EventAdmin eventAdmin = new EventAdmin() {
        @Override
        public void sendEvent(Event event) {
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("EventAdmin went away");
            }
            sent.add(event);
        }

        @Override
        public void postEvent(Event event) {
            throw new AssertionError("the relay must deliver synchronously");
        }
    };

    OutboxRelay relay;

    @BeforeAll
    static void start() {
        db = EmbeddedDatabase.start(root);
        outbox = new PostgresEventOutbox(db.database, db.storageSchema());
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void emptyOutbox() throws SQLException {
        db.execute("DELETE FROM storage.outbox");
        // Not scheduled: the test drives the rounds.
        relay = new OutboxRelay(db.database, eventAdmin, TestConfigs.config(OutboxRelayConfig.class, "batch_size", 2), false);
    }

    @Test
    void aCommittedEventIsDeliveredOnceWithItsId() throws SQLException {
        long id = db.database.inTransaction(c -> outbox.publish(c, "codara/git/push",
                Map.of("repo", "octo/hello", "refs", List.of("refs/heads/main"), "size", 3, "forced", false)));

        relay.poll();
        relay.poll();

        assertThat(sent).hasSize(1);
        Event event = sent.get(0);
        assertThat(event.getTopic()).isEqualTo("codara/git/push");
        assertThat(event.getProperty(EventProperties.EVENT_ID)).isEqualTo(id);
        assertThat(event.getProperty("repo")).isEqualTo("octo/hello");
        assertThat(event.getProperty("refs")).isEqualTo(List.of("refs/heads/main"));
        assertThat(event.getProperty("size")).isEqualTo(3L);
        assertThat(event.getProperty("forced")).isEqualTo(false);
        assertThat(Instant.parse((String) event.getProperty(EventProperties.OCCURRED_AT)))
                .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        assertThat(db.queryLong("SELECT count(*) FROM storage.outbox WHERE delivered_at IS NULL")).isZero();
    }

    @Test
    void anEventOfARolledBackTransactionIsNeverDelivered() throws SQLException {
        assertThatThrownBy(() -> db.database.inTransaction(c -> {
            outbox.publish(c, "codara/git/push", Map.of("repo", "ghost"));
            throw new SQLException("the change failed");
        })).hasMessage("the change failed");

        relay.poll();

        assertThat(sent).isEmpty();
        assertThat(db.queryLong("SELECT count(*) FROM storage.outbox")).isZero();
    }

    @Test
    void aFailedDeliveryIsRetriedWithTheSameIdAndKeepsTheOrder() throws SQLException {
        long first = outbox.publish("codara/test/one", Map.of("n", 1));
        long second = outbox.publish("codara/test/two", Map.of("n", 2));
        failures.set(1);

        relay.poll();
        assertThat(sent).as("the first failed, the second waits behind it").isEmpty();
        assertThat(db.queryLong("SELECT attempts FROM storage.outbox WHERE id = " + first)).isEqualTo(1);

        relay.poll();
        assertThat(sent).extracting(e -> e.getProperty(EventProperties.EVENT_ID)).containsExactly(first, second);
    }

    @Test
    void deliversInBatchesUntilNothingIsLeft() {
        for (int i = 0; i < 5; i++) {
            outbox.publish("codara/test/batch", Map.of("i", i));
        }
        relay.poll();
        assertThat(sent).extracting(e -> e.getProperty("i")).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void aRelayHoldingABatchMakesAnotherNodeSkipIt() throws Exception {
        long first = outbox.publish("codara/test/lock", Map.of());
        long second = outbox.publish("codara/test/lock", Map.of());
        // Node A is delivering the first batch (size 2 here) when node B polls.
        List<Event> seenByB = new CopyOnWriteArrayList<>();
        OutboxRelay nodeB = new OutboxRelay(db.database, new EventAdmin() {
            @Override
            public void sendEvent(Event event) {
                seenByB.add(event);
            }

            @Override
            public void postEvent(Event event) {
            }
        }, TestConfigs.config(OutboxRelayConfig.class), false);
        long third = db.database.inTransaction(c -> outbox.publish(c, "codara/test/lock", Map.of()));
        EventAdmin slowA = new EventAdmin() {
            @Override
            public void sendEvent(Event event) {
                if (seenByB.isEmpty() && (Long) event.getProperty(EventProperties.EVENT_ID) == first) {
                    try {
                        nodeB.deliverBatch();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
                sent.add(event);
            }

            @Override
            public void postEvent(Event event) {
            }
        };
        new OutboxRelay(db.database, slowA, TestConfigs.config(OutboxRelayConfig.class, "batch_size", 2), false)
                .deliverBatch();

        assertThat(sent).extracting(e -> e.getProperty(EventProperties.EVENT_ID)).containsExactly(first, second);
        assertThat(seenByB).extracting(e -> e.getProperty(EventProperties.EVENT_ID)).containsExactly(third);
    }

    @Test
    void deliveredEventsOlderThanTheRetentionArePurged() throws SQLException {
        long old = outbox.publish("codara/test/old", Map.of());
        long recent = outbox.publish("codara/test/recent", Map.of());
        long pending = outbox.publish("codara/test/pending", Map.of());
        db.execute("UPDATE storage.outbox SET delivered_at = now() - interval '8 days' WHERE id = " + old);
        db.execute("UPDATE storage.outbox SET delivered_at = now() - interval '6 days' WHERE id = " + recent);

        assertThat(relay.purgeDelivered()).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM storage.outbox WHERE id IN (" + recent + ", " + pending + ")"))
                .isEqualTo(2);
    }

    @Test
    void topicsAndPropertiesAreValidatedAtPublishTime() {
        for (String bad : new String[] { "", "codara//push", "/codara", "codara/", "codara/git push", "codara/*",
                "codara/ä" }) {
            assertThatThrownBy(() -> outbox.publish(bad, Map.of())).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topic");
        }
        assertThatThrownBy(() -> outbox.publish("codara/x", Map.of(EventProperties.EVENT_ID, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> outbox.publish("codara/x", Map.of("self", new Object())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON");
        PostgresEventOutbox.checkTopic("codara/pull_request/opened");
        PostgresEventOutbox.checkTopic("Vendor-X/a_b/c-d");
    }
}
