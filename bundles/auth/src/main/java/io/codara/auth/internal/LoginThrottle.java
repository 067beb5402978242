package io.codara.auth.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.codara.api.audit.Actor;
import io.codara.api.audit.AuditEvent;
import io.codara.api.audit.AuditLog;
import io.codara.api.storage.Cache;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Slows password guessing: after too many failed sign-ins for one account, or from one address, within a window,
 * further attempts are refused until the window ends. Counters live in the shared {@link Cache}, so with Redis
 * every node counts together.
 */
@Component(service = LoginThrottle.class, configurationPid = "io.codara.auth.throttle")
@Designate(ocd = LoginThrottleConfig.class)
public final class LoginThrottle {

    private final Cache cache;
    private final AuditLog audit;
    private final int perAccount;
    private final int perAddress;
    private final Duration window;
    private final Clock clock;

    @Activate
    public LoginThrottle(@Reference Cache cache, @Reference AuditLog audit, LoginThrottleConfig config) {
        this(cache, audit, config.account_failures(), config.address_failures(),
                Duration.ofMinutes(config.window_minutes()), Clock.systemUTC());
    }

    LoginThrottle(Cache cache, AuditLog audit, int perAccount, int perAddress, Duration window, Clock clock) {
        this.cache = cache;
        this.audit = audit;
        this.perAccount = perAccount;
        this.perAddress = perAddress;
        this.window = window;
        this.clock = clock;
    }

    /**
     * How long to wait when the account or the address has failed too often, else empty. A {@code null} address
     * (sign-ins not over HTTP, e.g. the SSH console) is counted per account only.
     */
    Optional<Duration> retryAfter(String login, String address) {
        if (failures(accountKey(login)) >= perAccount || address != null && failures(addressKey(address)) >= perAddress) {
            return Optional.of(untilWindowEnds());
        }
        return Optional.empty();
    }

    /** Counts a failed sign-in and audits it under the login that was tried (which may not exist), never the secret. */
    void failed(String login, String address, String method) {
        Duration ttl = untilWindowEnds().plusSeconds(1);
        cache.increment(accountKey(login), ttl);
        if (address != null) {
            cache.increment(addressKey(address), ttl);
        }
        audit.record(new AuditEvent("user.failed_login", new Actor(login == null || login.isBlank() ? "unknown" : login,
                address), "user", login, Map.of("method", method)));
    }

    /** A success clears the account's count (its owner knows the password); the address's count stays. */
    void succeeded(String login) {
        cache.remove(accountKey(login));
    }

    private long failures(String key) {
        return cache.get(key).map(Long::parseLong).orElse(0L);
    }

    private long windowIndex() {
        return clock.millis() / window.toMillis();
    }

    private Duration untilWindowEnds() {
        long end = (windowIndex() + 1) * window.toMillis();
        return Duration.ofMillis(Math.max(1000, end - clock.millis()));
    }

    private String accountKey(String login) {
        return "auth:login-failures:account:" + String.valueOf(login).toLowerCase(Locale.ROOT) + ":" + windowIndex();
    }

    private String addressKey(String address) {
        return "auth:login-failures:address:" + address + ":" + windowIndex();
    }
}
