package io.codara.storage.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.event.EventProperties;
import io.codara.api.storage.Database;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox events to EventAdmin at least once, in id order per batch. Rows are locked with
 * {@code FOR UPDATE SKIP LOCKED}, so several nodes relay different events; a row is marked delivered only after
 * {@link EventAdmin#sendEvent} (synchronous) returned, in the same transaction.
 */
@Component(configurationPid = OutboxRelay.PID)
@Designate(ocd = OutboxRelayConfig.class)
public final class OutboxRelay {

    static final String PID = "io.codara.outbox";

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);
    private static final int PURGE_CHUNK = 10_000;
    private static final TypeReference<Map<String, Object>> PROPERTIES = new TypeReference<>() { };

    private final Database database;
    private final EventAdmin eventAdmin;
    private final int batchSize;
    private final Duration retention;
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
    private final ScheduledExecutorService scheduler;
    private volatile long lastPurgeNanos;
    private volatile boolean stopping;

    /**
     * @param schema not used directly: referencing it makes this component wait until {@code storage.outbox} exists
     */
    @Activate
    public OutboxRelay(@Reference Database database, @Reference EventAdmin eventAdmin,
            @Reference StorageSchema schema, OutboxRelayConfig config) {
        this(database, eventAdmin, config, true);
    }

    OutboxRelay(Database database, EventAdmin eventAdmin, OutboxRelayConfig config, boolean schedule) {
        this.database = database;
        this.eventAdmin = eventAdmin;
        this.batchSize = Math.max(1, config.batch_size());
        this.retention = Duration.ofDays(Math.max(0, config.retention_days()));
        this.lastPurgeNanos = System.nanoTime() - PURGE_EVERY.toNanos();
        if (schedule) {
            this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "codara-outbox-relay");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(this::poll, 0, Math.max(10, config.poll_interval_ms()), TimeUnit.MILLISECONDS);
        } else {
            this.scheduler = null;
        }
    }

    @Deactivate
    void deactivate() {
        stopping = true;
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                    scheduler.shutdownNow();
                }
            } catch (InterruptedException e) {
                scheduler.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One scheduled round: deliver until nothing is pending, purge now and then. Never throws. */
    void poll() {
        try {
            while (!stopping && deliverBatch() == batchSize) {
                // a full batch: more may be waiting
            }
            if (System.nanoTime() - lastPurgeNanos >= PURGE_EVERY.toNanos()) {
                purgeDelivered();
                lastPurgeNanos = System.nanoTime();
            }
        } catch (SQLException | RuntimeException e) {
            // Typically the database is unreachable; retried on the next round, so keep the log short.
            LOG.warn("Outbox relay round failed: {}", e.getMessage());
            LOG.debug("Outbox relay round failed", e);
        }
    }

    /**
     * Delivers up to one batch in one transaction.
     *
     * @return how many events were delivered
     */
    int deliverBatch() throws SQLException {
        return database.inTransaction(c -> {
            List<Long> delivered = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT id, topic, properties::text, occurred_at "
                    + "FROM storage.outbox WHERE delivered_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
                select.setInt(1, batchSize);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        String topic = rs.getString(2);
                        try {
                            eventAdmin.sendEvent(toEvent(id, topic, rs.getString(3),
                                    rs.getObject(4, OffsetDateTime.class)));
                            delivered.add(id);
                        } catch (RuntimeException | JsonProcessingException e) {
                            // Keep the order: later events wait for this one, which is retried next round.
                            LOG.warn("Delivering outbox event {} on {} failed; will retry: {}", id, topic, e.toString());
                            recordFailure(c, id, e);
                            break;
                        }
                    }
                }
            }
            if (!delivered.isEmpty()) {
                Array ids = c.createArrayOf("bigint", delivered.toArray());
                try (PreparedStatement mark = c.prepareStatement(
                        "UPDATE storage.outbox SET delivered_at = now(), attempts = attempts + 1 WHERE id = ANY (?)")) {
                    mark.setArray(1, ids);
                    mark.executeUpdate();
                } finally {
                    ids.free();
                }
            }
            return delivered.size();
        });
    }

    private Event toEvent(long id, String topic, String properties, OffsetDateTime occurredAt)
            throws JsonProcessingException {
        Map<String, Object> props = new HashMap<>(json.readValue(properties, PROPERTIES));
        props.put(EventProperties.EVENT_ID, id);
        props.put(EventProperties.OCCURRED_AT, occurredAt.toInstant().toString());
        return new Event(topic, props);
    }

    private static void recordFailure(Connection c, long id, Exception e) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE storage.outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?")) {
            String message = e.toString();
            s.setString(1, message.length() > 4000 ? message.substring(0, 4000) : message);
            s.setLong(2, id);
            s.executeUpdate();
        }
    }

    /** Deletes delivered events older than the retention, in chunks. */
    int purgeDelivered() throws SQLException {
        int total = 0;
        int deleted;
        do {
            try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                    "DELETE FROM storage.outbox WHERE id IN (SELECT id FROM storage.outbox "
                            + "WHERE delivered_at < now() - ? * interval '1 second' LIMIT ?)")) {
                s.setLong(1, retention.toSeconds());
                s.setInt(2, PURGE_CHUNK);
                deleted = s.executeUpdate();
            }
            total += deleted;
        } while (deleted == PURGE_CHUNK && !stopping);
        if (total > 0) {
            LOG.info("Purged {} delivered outbox event(s) older than {}", total, retention);
        }
        return total;
    }
}
