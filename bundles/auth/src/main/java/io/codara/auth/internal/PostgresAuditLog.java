package io.codara.auth.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.audit.AuditEntry;
import io.codara.api.audit.AuditEvent;
import io.codara.api.audit.AuditLog;
import io.codara.api.audit.AuditQuery;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.storage.Database;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The audit log in table {@code auth.audit_log}, which a trigger keeps append-only: only {@link #purgeOlderThan}
 * may delete, by declaring itself for its own transaction.
 */
@Component(service = AuditLog.class)
public final class PostgresAuditLog implements AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresAuditLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, at, action, actor, address, target_type, target, details::text, request_id";

    private final Database database;

    @Activate
    public PostgresAuditLog(@Reference AuthSchema schema, @Reference Database database) {
        this.database = database;
    }

    @Override
    public AuditEntry record(AuditEvent event) {
        try {
            return database.inTransaction(tx -> record(tx, event));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the audit log", e);
        }
    }

    @Override
    public AuditEntry record(Connection transaction, AuditEvent event) throws SQLException {
        try (PreparedStatement insert = transaction.prepareStatement("INSERT INTO auth.audit_log"
                + " (action, actor, address, target_type, target, details, request_id) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)"
                + " RETURNING " + COLUMNS)) {
            insert.setString(1, event.action());
            insert.setString(2, event.actor().login());
            insert.setString(3, event.actor().address());
            insert.setString(4, event.targetType());
            insert.setString(5, event.target());
            insert.setString(6, toJson(event.details()));
            // The request id the web bundle puts in the logging context ties the entry to the access log.
            insert.setString(7, MDC.get("requestId"));
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                AuditEntry entry = read(rs);
                LOG.info("audit {} by {} on {} {}", entry.action(), entry.actor(), entry.targetType(), entry.target());
                return entry;
            }
        }
    }

    @Override
    public Page<AuditEntry> query(AuditQuery query, PageRequest page) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> args = new ArrayList<>();
        if (query.actor() != null) {
            where.append(" AND lower(actor) = lower(?)");
            args.add(query.actor());
        }
        if (query.action() != null) {
            if (query.action().endsWith(".")) {
                where.append(" AND starts_with(action, ?)");
            } else {
                where.append(" AND action = ?");
            }
            args.add(query.action());
        }
        if (query.target() != null) {
            where.append(" AND lower(target) = lower(?)");
            args.add(query.target());
        }
        if (query.since() != null) {
            where.append(" AND at >= ?");
            args.add(Timestamp.from(query.since()));
        }
        if (query.until() != null) {
            where.append(" AND at < ?");
            args.add(Timestamp.from(query.until()));
        }
        try (Connection c = database.dataSource().getConnection()) {
            long total;
            try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM auth.audit_log" + where)) {
                bind(count, args);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<AuditEntry> items = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM auth.audit_log" + where
                    + " ORDER BY id DESC LIMIT ? OFFSET ?")) {
                bind(select, args);
                select.setInt(args.size() + 1, page.perPage());
                select.setLong(args.size() + 2, page.offset());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        items.add(read(rs));
                    }
                }
            }
            return new Page<>(items, page, total);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the audit log", e);
        }
    }

    @Override
    public long purgeOlderThan(Duration age) {
        try {
            return database.inTransaction(tx -> {
                try (Statement s = tx.createStatement()) {
                    s.execute("SET LOCAL codara.audit_retention = 'on'");
                }
                try (PreparedStatement delete = tx.prepareStatement("DELETE FROM auth.audit_log WHERE at < ?")) {
                    delete.setTimestamp(1, Timestamp.from(Instant.now().minus(age)));
                    return (long) delete.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not purge the audit log", e);
        }
    }

    private static void bind(PreparedStatement statement, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            statement.setObject(i + 1, args.get(i));
        }
    }

    private static AuditEntry read(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), fromJson(rs.getString(8)), rs.getString(9));
    }

    private static String toJson(Map<String, Object> details) {
        try {
            return JSON.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details must be plain JSON values", e);
        }
    }

    private static Map<String, Object> fromJson(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable audit details", e);
        }
    }
}
