package io.codara.auth.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.codara.api.audit.Actor;
import io.codara.api.audit.AuditEvent;
import io.codara.api.audit.AuditLog;
import io.codara.api.auth.GpgKey;
import io.codara.api.auth.GpgKeys;
import io.codara.api.rest.ApiError;
import io.codara.api.rest.ApiException;
import io.codara.api.storage.Database;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Users' OpenPGP public keys in {@code auth.gpg_keys}, with every key id (primary and subkeys) in
 * {@code auth.gpg_key_ids} for looking a signature's issuer up; every change is written together with its audit
 * entry. An owner that is not a user (unknown login or an organisation) is answered with 404.
 */
@Component(service = GpgKeys.class)
public final class PostgresGpgKeys implements GpgKeys {

    static final int MAX_NAME_LENGTH = 255;
    private static final String KEY_IDS_UNIQUE = "gpg_key_ids_key_id_key";
    private static final String COLUMNS = "k.id, k.name, k.key_id, k.raw_key, k.created_at, a.login";

    private final Store store;
    private final AuditLog auditLog;

    @Activate
    public PostgresGpgKeys(@Reference AuthSchema schema, @Reference Database database, @Reference AuditLog auditLog) {
        this.store = new Store(database);
        this.auditLog = auditLog;
    }

    @Override
    public GpgKey add(String owner, String name, String armoredPublicKey, Actor actor) {
        List<ApiError.FieldError> errors = new ArrayList<>();
        GpgPublicKey parsed = null;
        try {
            parsed = GpgPublicKey.parse(armoredPublicKey);
        } catch (ApiException invalidKey) {
            errors.addAll(invalidKey.errors());
        }
        // GitHub names a key after its first user id when no name is given.
        String cleanName = name == null || name.isBlank()
                ? (parsed == null ? "" : firstUserId(parsed)) : name.strip();
        if (cleanName.isEmpty() && parsed != null) {
            cleanName = GpgPublicKey.keyId(parsed.primary());
        }
        if (cleanName.codePointCount(0, cleanName.length()) > MAX_NAME_LENGTH) {
            errors.add(new ApiError.FieldError("GpgKey", "name", "invalid",
                    "name is too long (maximum is " + MAX_NAME_LENGTH + " characters)"));
        }
        GpgPublicKey key = parsed;
        String keyName = cleanName;
        return store.write(c -> {
            Owner user = owner(c, owner);
            if (!errors.isEmpty()) {
                throw ApiException.validation(errors);
            }
            // Checked first for a clear answer; the unique constraint still decides races.
            List<String> ids = new ArrayList<>();
            ids.add(GpgPublicKey.keyId(key.primary()));
            key.subkeys().forEach(subkey -> ids.add(GpgPublicKey.keyId(subkey)));
            for (String id : ids) {
                if (Sql.count(c, "SELECT count(*) FROM auth.gpg_key_ids WHERE key_id = ?", id) > 0) {
                    throw alreadyInUse(id);
                }
            }
            long id = Sql.one(c, "INSERT INTO auth.gpg_keys (user_id, name, key_id, raw_key) VALUES (?, ?, ?, ?)"
                    + " RETURNING id", rs -> rs.getLong(1), user.id(), keyName, ids.get(0),
                    armoredPublicKey.strip() + "\n").orElseThrow();
            for (int i = 0; i < ids.size(); i++) {
                Sql.update(c, "INSERT INTO auth.gpg_key_ids (gpg_key_id, key_id, is_primary) VALUES (?, ?, ?)", id,
                        ids.get(i), i == 0);
            }
            auditLog.record(c, new AuditEvent("gpg_key.create", actor, "user", user.login(),
                    Map.of("key_id", ids.get(0), "name", keyName)));
            return load(c, "k.id = ?", id).get(0);
        }, Map.of(KEY_IDS_UNIQUE, () -> alreadyInUse(null)));
    }

    @Override
    public List<GpgKey> list(String owner) {
        return store.read(c -> load(c, "k.user_id = ?", owner(c, owner).id()));
    }

    @Override
    public Optional<GpgKey> find(String owner, long id) {
        return store.read(c -> load(c, "k.user_id = ? AND k.id = ?", owner(c, owner).id(), id).stream().findFirst());
    }

    @Override
    public boolean delete(String owner, long id, Actor actor) {
        return store.write(c -> {
            Owner user = owner(c, owner);
            Optional<String[]> deleted = Sql.one(c, "DELETE FROM auth.gpg_keys WHERE id = ? AND user_id = ?"
                    + " RETURNING key_id, name", rs -> new String[] {rs.getString(1), rs.getString(2)}, id, user.id());
            if (deleted.isEmpty()) {
                return false;
            }
            auditLog.record(c, new AuditEvent("gpg_key.delete", actor, "user", user.login(),
                    Map.of("key_id", deleted.get()[0], "name", deleted.get()[1])));
            return true;
        });
    }

    @Override
    public Optional<GpgKey> findByKeyId(String keyId) {
        if (keyId == null || !keyId.matches("[0-9A-Fa-f]{16}")) {
            return Optional.empty();
        }
        return store.read(c -> load(c, "k.id = (SELECT gpg_key_id FROM auth.gpg_key_ids WHERE key_id = ?)",
                keyId.toUpperCase(java.util.Locale.ROOT)).stream().findFirst());
    }

    /** Keys matching {@code where} with their subkey ids, oldest first. */
    private static List<GpgKey> load(Connection c, String where, Object... args) throws SQLException {
        List<Object[]> rows = Sql.list(c, "SELECT " + COLUMNS + " FROM auth.gpg_keys k JOIN auth.accounts a"
                + " ON a.id = k.user_id WHERE " + where + " ORDER BY k.id", rs -> new Object[] {rs.getLong("id"),
                        rs.getString("login"), rs.getString("name"), rs.getString("key_id"), rs.getString("raw_key"),
                        Sql.instant(rs, 5)}, args);
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<GpgKey.Subkey>> subkeys = new LinkedHashMap<>();
        List<Long> ids = rows.stream().map(row -> (Long) row[0]).toList();
        for (Object[] sub : Sql.list(c, "SELECT gpg_key_id, id, key_id FROM auth.gpg_key_ids"
                + " WHERE NOT is_primary AND gpg_key_id = ANY (?) ORDER BY id",
                rs -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3)},
                c.createArrayOf("bigint", ids.toArray()))) {
            subkeys.computeIfAbsent((Long) sub[0], k -> new ArrayList<>())
                    .add(new GpgKey.Subkey((Long) sub[1], (String) sub[2]));
        }
        return rows.stream().map(row -> new GpgKey((Long) row[0], (String) row[1], (String) row[2],
                (String) row[3], subkeys.getOrDefault((Long) row[0], List.of()), (String) row[4],
                (java.time.Instant) row[5])).toList();
    }

    private static String firstUserId(GpgPublicKey key) {
        java.util.Iterator<String> ids = key.primary().getUserIDs();
        return ids.hasNext() ? ids.next().strip() : "";
    }

    /** The user with this login in any case; organisations cannot hold keys. */
    private static Owner owner(Connection c, String login) throws SQLException {
        if (login == null || login.isBlank()) {
            throw ApiException.notFound();
        }
        return Sql.one(c, "SELECT id, login FROM auth.accounts WHERE lower(login) = lower(?) AND type = 'User'",
                rs -> new Owner(rs.getLong(1), rs.getString(2)), login).orElseThrow(ApiException::notFound);
    }

    private static ApiException alreadyInUse(String keyId) {
        return ApiException.validation(List.of(new ApiError.FieldError("GpgKey", "armored_public_key",
                "already_exists", keyId == null ? "key is already in use"
                        : "key is already in use: key id " + keyId + " is registered")));
    }

    /** The user a key belongs to. */
    private record Owner(long id, String login) {
    }
}
