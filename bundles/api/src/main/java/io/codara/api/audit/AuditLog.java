package io.codara.api.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The append-only record of security-relevant events: entries are never changed, and only deleted by retention
 * once older than the configured age.
 */
@ProviderType
public interface AuditLog {

    /** Records {@code event} in its own transaction. */
    AuditEntry record(AuditEvent event);

    /** Records {@code event} inside the caller's transaction: the entry exists exactly when the change does. */
    AuditEntry record(Connection transaction, AuditEvent event) throws SQLException;

    /** Entries matching {@code query}, newest first. */
    Page<AuditEntry> query(AuditQuery query, PageRequest page);

    /** Deletes entries older than {@code age}; Codara calls this on a schedule with the configured retention. */
    long purgeOlderThan(Duration age);
}
