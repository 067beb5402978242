package io.codara.auth.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.codara.api.audit.Actor;
import io.codara.api.audit.AuditEvent;
import io.codara.api.audit.AuditLog;
import io.codara.api.auth.AccessToken;
import io.codara.api.auth.AccessTokens;
import io.codara.api.auth.CreatedToken;
import io.codara.api.auth.Scopes;
import io.codara.api.storage.Database;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Personal access tokens in {@code auth.access_tokens}, stored as SHA-256 hashes (the tokens carry 178 random
 * bits, so a fast hash cannot be brute-forced, and lookups stay one index probe per request).
 */
@Component(service = AccessTokens.class)
public final class PostgresAccessTokens implements AccessTokens {

    static final int MAX_TOKENS_PER_USER = 100;
    /** How stale {@code last_used_at} may get before a request writes it again: one write per minute, not per call. */
    static final Duration USE_RESOLUTION = Duration.ofMinutes(1);
    private static final String COLUMNS = "t.id, u.login, t.name, t.scopes, t.last_eight, t.expires_at, t.created_at,"
            + " t.last_used_at, t.last_used_ip";

    private final Store store;
    private final AuditLog audit;
    private final TokenFormat format = new TokenFormat();

    @Activate
    public PostgresAccessTokens(@Reference AuthSchema schema, @Reference Database database, @Reference AuditLog audit) {
        this.store = new Store(database);
        this.audit = audit;
    }

    @Override
    public CreatedToken create(String owner, String name, Set<String> scopes, Instant expiresAt, Actor actor) {
        Validation validation = new Validation("Token").required("name", name).text("name", name, 255);
        Set<String> requested = scopes == null ? Set.of() : new TreeSet<>(scopes);
        Set<String> unknown = Scopes.unknown(requested);
        if (!unknown.isEmpty()) {
            validation.invalid("scopes", "unknown scopes " + unknown + "; known scopes are " + Scopes.ALL);
        }
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            validation.invalid("expires_at", "expires_at must be in the future");
        }
        validation.check();
        String token = format.next();
        return store.write(c -> {
            long userId = PostgresOrganizations.userId(c, owner);
            if (Sql.count(c, "SELECT count(*) FROM auth.access_tokens WHERE user_id = ? AND revoked_at IS NULL",
                    userId) >= MAX_TOKENS_PER_USER) {
                throw Validation.invalidField("Token", "name", "a user has at most " + MAX_TOKENS_PER_USER
                        + " live tokens; revoke some first");
            }
            long id = Sql.one(c, "INSERT INTO auth.access_tokens (user_id, name, token_hash, last_eight, scopes, expires_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?) RETURNING id", rs -> rs.getLong(1), userId, name.strip(), hash(token),
                    token.substring(token.length() - 8), c.createArrayOf("text", requested.toArray()), expiresAt)
                    .orElseThrow();
            audit.record(c, new AuditEvent("token.create", actor, "token", owner, Map.of("token_id", id,
                    "name", name.strip(), "scopes", List.copyOf(requested),
                    "expires_at", expiresAt == null ? "never" : expiresAt.toString())));
            return new CreatedToken(token, find(c, id).orElseThrow());
        });
    }

    private static Optional<AccessToken> find(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM auth.access_tokens t JOIN auth.accounts u ON u.id = t.user_id"
                + " WHERE t.id = ?", PostgresAccessTokens::read, id);
    }

    private static AccessToken read(ResultSet rs) throws SQLException {
        Array scopes = rs.getArray(4);
        return new AccessToken(rs.getLong(1), rs.getString(2), rs.getString(3),
                new LinkedHashSet<>(Arrays.asList((String[]) scopes.getArray())), rs.getString(5), Sql.instant(rs, 6),
                Sql.instant(rs, 7), Sql.instant(rs, 8), rs.getString(9));
    }

    @Override
    public List<AccessToken> list(String owner) {
        return store.read(c -> {
            long userId = PostgresOrganizations.userId(c, owner);
            return Sql.list(c, "SELECT " + COLUMNS + " FROM auth.access_tokens t JOIN auth.accounts u ON u.id = t.user_id"
                    + " WHERE t.user_id = ? AND t.revoked_at IS NULL ORDER BY t.id DESC", PostgresAccessTokens::read, userId);
        });
    }

    @Override
    public boolean revoke(String owner, long id, Actor actor) {
        return store.write(c -> {
            long userId = PostgresOrganizations.userId(c, owner);
            boolean revoked = Sql.update(c, "UPDATE auth.access_tokens SET revoked_at = now() WHERE id = ? AND user_id = ?"
                    + " AND revoked_at IS NULL", id, userId) > 0;
            if (revoked) {
                audit.record(c, new AuditEvent("token.revoke", actor, "token", owner, Map.of("token_id", id)));
            }
            return revoked;
        });
    }

    @Override
    public Optional<AccessToken> authenticate(String token, String address) {
        if (!TokenFormat.valid(token)) {
            return Optional.empty();
        }
        byte[] hash = hash(token);
        Optional<AccessToken> found = store.read(c -> Sql.one(c, "SELECT " + COLUMNS
                + " FROM auth.access_tokens t JOIN auth.accounts u ON u.id = t.user_id WHERE t.token_hash = ?"
                + " AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())"
                + " AND u.suspended_at IS NULL", PostgresAccessTokens::read, hash));
        found.ifPresent(t -> recordUse(t, address));
        return found;
    }

    private void recordUse(AccessToken token, String address) {
        Instant now = Instant.now();
        boolean stale = token.lastUsedAt() == null || token.lastUsedAt().isBefore(now.minus(USE_RESOLUTION));
        boolean moved = address != null && !address.equals(token.lastUsedAddress());
        if (!stale && !moved) {
            return;
        }
        store.write(c -> {
            Sql.update(c, "UPDATE auth.access_tokens SET last_used_at = now(), last_used_ip = ? WHERE id = ?", address,
                    token.id());
            if (address != null && Sql.update(c, "INSERT INTO auth.access_token_addresses (token_id, address)"
                    + " VALUES (?, ?) ON CONFLICT DO NOTHING", token.id(), address) > 0 && token.lastUsedAt() != null) {
                // The first use sets the baseline; a later use from an address never seen before may be a leak.
                audit.record(c, new AuditEvent("token.new_address", new Actor(token.owner(), address), "token",
                        token.owner(), Map.of("token_id", token.id(), "name", token.name())));
            }
            return null;
        });
    }

    @Override
    public boolean looksLikeToken(String candidate) {
        return TokenFormat.valid(candidate);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
