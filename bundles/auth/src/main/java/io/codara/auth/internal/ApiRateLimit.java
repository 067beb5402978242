package io.codara.auth.internal;

import java.time.Clock;
import java.time.Duration;

import io.codara.api.storage.Cache;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * GitHub's REST rate limit: so many requests per hour per token, per user (password or session) or, for
 * anonymous requests, per address, counted in the shared {@link Cache} in fixed hourly windows.
 */
@Component(service = ApiRateLimit.class, configurationPid = "io.codara.auth.ratelimit")
@Designate(ocd = ApiRateLimitConfig.class)
public final class ApiRateLimit {

    private static final Duration WINDOW = Duration.ofHours(1);

    private final Cache cache;
    private final int authenticated;
    private final int anonymous;
    private final Clock clock;

    @Activate
    public ApiRateLimit(@Reference Cache cache, ApiRateLimitConfig config) {
        this(cache, config.authenticated_limit(), config.anonymous_limit(), Clock.systemUTC());
    }

    ApiRateLimit(Cache cache, int authenticated, int anonymous, Clock clock) {
        this.cache = cache;
        this.authenticated = authenticated;
        this.anonymous = anonymous;
        this.clock = clock;
    }

    /** Counts one request of {@code subject} (e.g. {@code token:12}, {@code user:alice}, {@code address:10.0.0.1}). */
    Usage consume(String subject, boolean signedIn) {
        long window = clock.millis() / WINDOW.toMillis();
        long resetMillis = (window + 1) * WINDOW.toMillis();
        long used = cache.increment("auth:rate:" + subject + ":" + window,
                Duration.ofMillis(resetMillis - clock.millis()).plusSeconds(5));
        return new Usage(signedIn ? authenticated : anonymous, used, resetMillis / 1000);
    }

    /** Reads the count without consuming (for {@code GET /rate_limit}). */
    Usage peek(String subject, boolean signedIn) {
        long window = clock.millis() / WINDOW.toMillis();
        long used = cache.get("auth:rate:" + subject + ":" + window).map(Long::parseLong).orElse(0L);
        return new Usage(signedIn ? authenticated : anonymous, used, (window + 1) * WINDOW.toMillis() / 1000);
    }

    /**
     * One subject's standing in the current window.
     *
     * @param limit requests allowed per window
     * @param used requests made in this window, this one included
     * @param reset when the window ends, in epoch seconds
     */
    record Usage(long limit, long used, long reset) {

        long remaining() {
            return Math.max(0, limit - used);
        }

        boolean exceeded() {
            return used > limit;
        }
    }
}
