package io.codara.auth.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.codara.api.audit.Actor;
import io.codara.api.audit.AuditEvent;
import io.codara.api.audit.AuditLog;
import io.codara.api.auth.SshKey;
import io.codara.api.auth.SshKeys;
import io.codara.api.rest.ApiError;
import io.codara.api.rest.ApiException;
import io.codara.api.storage.Database;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Users' SSH public keys in {@code auth.ssh_keys}; every change is written together with its audit entry. An
 * owner that is not a user (unknown login or an organisation) is answered with 404.
 */
@Component(service = SshKeys.class)
public final class PostgresSshKeys implements SshKeys {

    static final int MAX_TITLE_LENGTH = 255;
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String KEY_COLUMNS =
            "k.id, k.title, k.key_type, k.key_base64, k.bits, k.fingerprint, k.created_at, k.last_used_at";

    private final Database database;
    private final AuditLog auditLog;

    @Activate
    public PostgresSshKeys(@Reference Database database, @Reference AuditLog auditLog) {
        this.database = database;
        this.auditLog = auditLog;
    }

    @Override
    public SshKey add(String owner, String title, String publicKey, Actor actor) {
        String cleanTitle = title == null ? "" : title.strip();
        List<ApiError.FieldError> errors = new ArrayList<>();
        if (cleanTitle.isEmpty()) {
            errors.add(new ApiError.FieldError("PublicKey", "title", "missing_field", "title is required"));
        } else if (cleanTitle.codePointCount(0, cleanTitle.length()) > MAX_TITLE_LENGTH) {
            errors.add(new ApiError.FieldError("PublicKey", "title", "invalid",
                    "title is too long (maximum is " + MAX_TITLE_LENGTH + " characters)"));
        }
        SshPublicKey key = null;
        try {
            key = SshPublicKeyParser.parse(publicKey);
        } catch (ApiException invalidKey) {
            // Reported together with the title's errors, so that one answer lists everything to fix.
            errors.addAll(invalidKey.errors());
        }
        SshPublicKey parsed = key;
        try {
            return database.inTransaction(tx -> {
                Owner user = owner(tx, owner);
                if (!errors.isEmpty()) {
                    throw ApiException.validation(errors);
                }
                // Checked first for a clear answer; the unique index still decides races (see the catch below).
                if (fingerprintTaken(tx, parsed.fingerprint())) {
                    throw alreadyInUse();
                }
                SshKey stored = insert(tx, user, cleanTitle, parsed);
                auditLog.record(tx, new AuditEvent("public_key.create", actor, "user", user.login(),
                        Map.of("fingerprint", stored.fingerprint(), "title", stored.title())));
                return stored;
            });
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw alreadyInUse();
            }
            throw new IllegalStateException("Could not store the SSH key", e);
        }
    }

    @Override
    public List<SshKey> list(String owner) {
        try (Connection c = database.dataSource().getConnection()) {
            Owner user = owner(c, owner);
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT " + KEY_COLUMNS + " FROM auth.ssh_keys k WHERE k.user_id = ? ORDER BY k.id")) {
                select.setLong(1, user.id());
                try (ResultSet rs = select.executeQuery()) {
                    List<SshKey> keys = new ArrayList<>();
                    while (rs.next()) {
                        keys.add(read(rs, user.login()));
                    }
                    return keys;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list SSH keys", e);
        }
    }

    @Override
    public Optional<SshKey> find(String owner, long id) {
        try (Connection c = database.dataSource().getConnection()) {
            Owner user = owner(c, owner);
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT " + KEY_COLUMNS + " FROM auth.ssh_keys k WHERE k.id = ? AND k.user_id = ?")) {
                select.setLong(1, id);
                select.setLong(2, user.id());
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs, user.login())) : Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the SSH key", e);
        }
    }

    @Override
    public boolean delete(String owner, long id, Actor actor) {
        try {
            return database.inTransaction(tx -> {
                Owner user = owner(tx, owner);
                try (PreparedStatement delete = tx.prepareStatement(
                        "DELETE FROM auth.ssh_keys WHERE id = ? AND user_id = ? RETURNING fingerprint, title")) {
                    delete.setLong(1, id);
                    delete.setLong(2, user.id());
                    try (ResultSet rs = delete.executeQuery()) {
                        if (!rs.next()) {
                            return false;
                        }
                        auditLog.record(tx, new AuditEvent("public_key.delete", actor, "user", user.login(),
                                Map.of("fingerprint", rs.getString("fingerprint"), "title", rs.getString("title"))));
                        return true;
                    }
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete the SSH key", e);
        }
    }

    @Override
    public Optional<SshKey> findByFingerprint(String fingerprint) {
        if (fingerprint == null || fingerprint.isBlank()) {
            return Optional.empty();
        }
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement select = c.prepareStatement("SELECT " + KEY_COLUMNS + ", a.login FROM auth.ssh_keys k"
                     + " JOIN auth.accounts a ON a.id = k.user_id WHERE k.fingerprint = ?")) {
            select.setString(1, fingerprint);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(read(rs, rs.getString("login"))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look the SSH key up", e);
        }
    }

    /** The user with this login in any case; organisations cannot hold keys. */
    private static Owner owner(Connection c, String login) throws SQLException {
        if (login == null || login.isBlank()) {
            throw ApiException.notFound();
        }
        try (PreparedStatement select = c.prepareStatement(
                "SELECT id, login FROM auth.accounts WHERE lower(login) = lower(?) AND type = 'User'")) {
            select.setString(1, login);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw ApiException.notFound();
                }
                return new Owner(rs.getLong("id"), rs.getString("login"));
            }
        }
    }

    private static boolean fingerprintTaken(Connection tx, String fingerprint) throws SQLException {
        try (PreparedStatement select = tx.prepareStatement("SELECT 1 FROM auth.ssh_keys WHERE fingerprint = ?")) {
            select.setString(1, fingerprint);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static SshKey insert(Connection tx, Owner user, String title, SshPublicKey key) throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement("INSERT INTO auth.ssh_keys"
                + " (user_id, title, key_type, key_base64, bits, fingerprint) VALUES (?, ?, ?, ?, ?, ?)"
                + " RETURNING " + KEY_COLUMNS.replace("k.", ""))) {
            insert.setLong(1, user.id());
            insert.setString(2, title);
            insert.setString(3, key.type());
            insert.setString(4, key.base64());
            insert.setInt(5, key.bits());
            insert.setString(6, key.fingerprint());
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return read(rs, user.login());
            }
        }
    }

    private static SshKey read(ResultSet rs, String owner) throws SQLException {
        Timestamp lastUsed = rs.getTimestamp("last_used_at");
        return new SshKey(rs.getLong("id"), owner, rs.getString("title"),
                rs.getString("key_type") + " " + rs.getString("key_base64"), rs.getString("key_type"),
                rs.getInt("bits"), rs.getString("fingerprint"), rs.getTimestamp("created_at").toInstant(),
                lastUsed == null ? null : lastUsed.toInstant());
    }

    private static ApiException alreadyInUse() {
        return ApiException.validation(List.of(
                new ApiError.FieldError("PublicKey", "key", "already_exists", "key is already in use")));
    }

    /** The user a key belongs to. */
    private record Owner(long id, String login) {
    }
}
