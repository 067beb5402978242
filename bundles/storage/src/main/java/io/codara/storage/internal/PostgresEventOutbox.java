package io.codara.storage.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.event.EventProperties;
import io.codara.api.storage.Database;
import io.codara.api.storage.EventOutbox;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Writes events to {@code storage.outbox}; {@link OutboxRelay} delivers them to EventAdmin. */
@Component
public final class PostgresEventOutbox implements EventOutbox {

    /** EventAdmin's topic grammar: {@code token ("/" token)*}, token = alphanumerics, '_' and '-'. */
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9_\\-]+(/[A-Za-z0-9_\\-]+)*");
    private static final Set<String> RESERVED = Set.of(EventProperties.EVENT_ID, EventProperties.OCCURRED_AT,
            "event.topics");

    private final Database database;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param schema not used directly: referencing it makes this component wait until {@code storage.outbox} exists
     */
    @Activate
    public PostgresEventOutbox(@Reference Database database, @Reference StorageSchema schema) {
        this.database = database;
    }

    @Override
    public long publish(Connection transaction, String topic, Map<String, ?> properties) throws SQLException {
        String serialized = serialize(topic, properties);
        try (PreparedStatement s = transaction.prepareStatement(
                "INSERT INTO storage.outbox (topic, properties) VALUES (?, ?::jsonb) RETURNING id")) {
            s.setString(1, topic);
            s.setString(2, serialized);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public long publish(String topic, Map<String, ?> properties) {
        // Validate before borrowing a connection.
        serialize(topic, properties);
        try {
            return database.inTransaction(c -> publish(c, topic, properties));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record event on " + topic + ": " + e.getMessage(), e);
        }
    }

    private String serialize(String topic, Map<String, ?> properties) {
        checkTopic(topic);
        Map<String, ?> props = properties == null ? Map.of() : properties;
        for (String key : props.keySet()) {
            if (key == null || RESERVED.contains(key)) {
                throw new IllegalArgumentException("Event property name '" + key + "' is reserved");
            }
        }
        try {
            return json.writeValueAsString(props);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event properties of " + topic + " are not JSON-compatible: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Rejects what EventAdmin would reject when the event is delivered, so the mistake surfaces at the caller. */
    static void checkTopic(String topic) {
        if (topic == null || !TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("Invalid event topic '" + topic + "': use tokens of letters, digits, "
                    + "'_' or '-' separated by single '/', e.g. codara/git/push");
        }
    }
}
