package io.codara.auth.internal;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.codara.api.audit.Actor;
import io.codara.api.audit.AuditEvent;
import io.codara.api.audit.AuditLog;
import io.codara.api.auth.Session;
import io.codara.api.auth.Sessions;
import io.codara.api.auth.StartedSession;
import io.codara.api.storage.Database;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Browser sessions in {@code auth.sessions}: the cookie carries 256 random bits, the table only their SHA-256, so
 * a database leak hands out no live session. Idle sessions expire; use slides the expiry.
 */
@Component(service = Sessions.class, configurationPid = "io.codara.auth.sessions")
@Designate(ocd = SessionsConfig.class)
public final class PostgresSessions implements Sessions {

    /** How stale {@code last_seen_at} may get before a request writes it again. */
    static final Duration SEEN_RESOLUTION = Duration.ofMinutes(5);
    private static final String COLUMNS = "s.id, u.login, s.created_at, s.last_seen_at, s.expires_at, s.address,"
            + " s.user_agent, s.csrf_token";

    private final Store store;
    private final AuditLog audit;
    private final Duration idle;
    private final Duration absolute;
    private final SecureRandom random = new SecureRandom();

    @Activate
    public PostgresSessions(@Reference AuthSchema schema, @Reference Database database, @Reference AuditLog audit,
            SessionsConfig config) {
        this(database, audit, Duration.ofHours(config.idle_timeout_hours()), Duration.ofDays(config.max_age_days()));
    }

    PostgresSessions(Database database, AuditLog audit, Duration idle, Duration absolute) {
        this.store = new Store(database);
        this.audit = audit;
        this.idle = idle;
        this.absolute = absolute;
    }

    @Override
    public StartedSession start(String login, String address, String userAgent) {
        String secret = randomToken();
        String csrf = randomToken();
        String agent = userAgent == null ? null : userAgent.length() > 512 ? userAgent.substring(0, 512) : userAgent;
        return store.write(c -> {
            long userId = PostgresOrganizations.userId(c, login);
            long id = Sql.one(c, "INSERT INTO auth.sessions (user_id, secret_hash, csrf_token, expires_at, address,"
                    + " user_agent) VALUES (?, ?, ?, ?, ?, ?) RETURNING id", rs -> rs.getLong(1), userId,
                    PostgresAccessTokens.hash(secret), csrf, Instant.now().plus(idle), address, agent).orElseThrow();
            audit.record(c, new AuditEvent("user.login", new Actor(login, address), "user", login,
                    Map.of("session_id", id)));
            return new StartedSession(secret, csrf, Sql.one(c, "SELECT " + COLUMNS + " FROM auth.sessions s"
                    + " JOIN auth.accounts u ON u.id = s.user_id WHERE s.id = ?", PostgresSessions::session, id)
                    .orElseThrow());
        });
    }

    private static Session session(ResultSet rs) throws SQLException {
        return new Session(rs.getLong(1), rs.getString(2), Sql.instant(rs, 3), Sql.instant(rs, 4), Sql.instant(rs, 5),
                rs.getString(6), rs.getString(7));
    }

    @Override
    public Optional<StartedSession> resolve(String secret, String address) {
        if (secret == null || secret.length() != 43) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        Optional<StartedSession> found = store.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM auth.sessions s"
                + " JOIN auth.accounts u ON u.id = s.user_id WHERE s.secret_hash = ? AND s.revoked_at IS NULL"
                + " AND s.expires_at > now() AND s.created_at > ? AND u.suspended_at IS NULL",
                rs -> new StartedSession(secret, rs.getString(8), session(rs)), PostgresAccessTokens.hash(secret),
                now.minus(absolute)));
        found.filter(s -> s.session().lastSeenAt().isBefore(now.minus(SEEN_RESOLUTION))
                || address != null && !address.equals(s.session().address()))
                .ifPresent(s -> store.write(c -> Sql.update(c, "UPDATE auth.sessions SET last_seen_at = now(),"
                        + " expires_at = ?, address = ? WHERE id = ?", now.plus(idle), address, s.session().id())));
        return found;
    }

    @Override
    public boolean end(String secret, Actor actor) {
        if (secret == null) {
            return false;
        }
        return store.write(c -> {
            Optional<Long> id = Sql.one(c, "UPDATE auth.sessions SET revoked_at = now() WHERE secret_hash = ?"
                    + " AND revoked_at IS NULL RETURNING id", rs -> rs.getLong(1), PostgresAccessTokens.hash(secret));
            if (id.isPresent()) {
                audit.record(c, new AuditEvent("user.logout", actor, "user", actor.login(), Map.of("session_id", id.get())));
            }
            return id.isPresent();
        });
    }

    @Override
    public List<Session> list(String login) {
        return store.read(c -> {
            long userId = PostgresOrganizations.userId(c, login);
            return Sql.list(c, "SELECT " + COLUMNS + " FROM auth.sessions s JOIN auth.accounts u ON u.id = s.user_id"
                    + " WHERE s.user_id = ? AND s.revoked_at IS NULL AND s.expires_at > now() AND s.created_at > ?"
                    + " ORDER BY s.last_seen_at DESC", PostgresSessions::session, userId, Instant.now().minus(absolute));
        });
    }

    @Override
    public boolean revoke(String login, long id, Actor actor) {
        return store.write(c -> {
            long userId = PostgresOrganizations.userId(c, login);
            boolean revoked = Sql.update(c, "UPDATE auth.sessions SET revoked_at = now() WHERE id = ? AND user_id = ?"
                    + " AND revoked_at IS NULL", id, userId) > 0;
            if (revoked) {
                audit.record(c, new AuditEvent("session.revoke", actor, "user", login, Map.of("session_id", id)));
            }
            return revoked;
        });
    }

    @Override
    public int revokeAll(String login, Actor actor) {
        return store.write(c -> {
            long userId = PostgresOrganizations.userId(c, login);
            int revoked = Sql.update(c, "UPDATE auth.sessions SET revoked_at = now() WHERE user_id = ?"
                    + " AND revoked_at IS NULL", userId);
            audit.record(c, new AuditEvent("session.revoke_all", actor, "user", login, Map.of("count", revoked)));
            return revoked;
        });
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
