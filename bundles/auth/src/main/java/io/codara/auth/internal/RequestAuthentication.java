package io.codara.auth.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.auth.AccessToken;
import io.codara.api.auth.AccessTokens;
import io.codara.api.auth.Sessions;
import io.codara.api.auth.StartedSession;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.security.Principal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.Preprocessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Authenticates every HTTP request (REST, git, UI) before any servlet sees it, and puts the {@link Principal} in
 * the request attribute {@link Principal#REQUEST_ATTRIBUTE}: HTTP Basic with a password or a token (what git
 * sends), {@code Authorization: token|Bearer}, or the web UI's session cookie, whose writes must carry the
 * session's CSRF token. Wrong credentials answer 401, never silently anonymous; a suspended user 403. REST calls
 * are counted against GitHub-style rate limits with {@code X-RateLimit-*} headers. Credentials never reach a log.
 */
@Component(service = Preprocessor.class)
public final class RequestAuthentication implements Preprocessor {

    static final String SESSION_COOKIE = "codara_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    /** Request attribute holding the {@link StartedSession} when the cookie authenticated the request. */
    static final String SESSION_ATTRIBUTE = "io.codara.auth.session";
    /** Request attribute holding the {@link AccessToken} when a token authenticated the request. */
    static final String TOKEN_ATTRIBUTE = "io.codara.auth.token";
    static final String DOCUMENTATION = "https://docs.github.com/rest";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(RequestAuthentication.class);

    private final Accounts accounts;
    private final AccessTokens tokens;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final ApiRateLimit rateLimit;

    @Activate
    public RequestAuthentication(@Reference Accounts accounts, @Reference AccessTokens tokens,
            @Reference Sessions sessions, @Reference LoginThrottle throttle, @Reference ApiRateLimit rateLimit) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.sessions = sessions;
        this.throttle = throttle;
        this.rateLimit = rateLimit;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String address = request.getRemoteAddr();
        boolean api = isApi(request);
        Outcome outcome;
        try {
            outcome = identify(request, response, address);
        } catch (RuntimeException e) {
            // The database is unreachable, say: refuse clearly rather than guess who is asking. No secret is in
            // the message (statements bind their parameters).
            LOG.warn("Could not authenticate a request to {}: {}", request.getRequestURI(), e.toString());
            refuse(response, 503, "Authentication is unavailable right now; try again shortly", Duration.ofSeconds(5));
            return;
        }
        if (outcome.status != 0) {
            refuse(response, outcome.status, outcome.message, outcome.retryAfter);
            return;
        }
        Principal principal = outcome.principal;
        String rateSubject = outcome.rateSubject;
        if (api && !isRateLimitQuery(request) && !isRunnerProtocol(request)) {
            ApiRateLimit.Usage usage = rateLimit.consume(rateSubject, !principal.anonymous());
            response.setHeader("X-RateLimit-Limit", Long.toString(usage.limit()));
            response.setHeader("X-RateLimit-Remaining", Long.toString(usage.remaining()));
            response.setHeader("X-RateLimit-Reset", Long.toString(usage.reset()));
            response.setHeader("X-RateLimit-Used", Long.toString(Math.min(usage.used(), usage.limit())));
            response.setHeader("X-RateLimit-Resource", "core");
            if (usage.exceeded()) {
                long wait = Math.max(1, usage.reset() - System.currentTimeMillis() / 1000);
                refuse(response, 429, "API rate limit exceeded for " + (principal.anonymous() ? address : principal.login())
                        + ". Authenticated requests get a higher rate limit.", Duration.ofSeconds(wait));
                return;
            }
        }
        request.setAttribute(Principal.REQUEST_ATTRIBUTE, principal);
        request.setAttribute(RATE_SUBJECT_ATTRIBUTE, rateSubject);
        if (!principal.anonymous()) {
            MDC.put("user", principal.login());
        }
        try {
            chain.doFilter(req, res);
        } finally {
            MDC.remove("user");
        }
    }

    /** Request attribute holding who the rate limit counts, for {@code GET /rate_limit}. */
    static final String RATE_SUBJECT_ATTRIBUTE = "io.codara.auth.rate-subject";

    /** Who is asking, from the Authorization header or else the session cookie; a refusal says why. */
    private Outcome identify(HttpServletRequest request, HttpServletResponse response, String address) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && !authorization.isBlank()) {
            return fromHeader(authorization.strip(), request, response, address);
        }
        Optional<StartedSession> session = sessionCookie(request).flatMap(secret -> sessions.resolve(secret, address));
        if (session.isEmpty()) {
            if (sessionCookie(request).isPresent()) {
                // An ended or expired session: forget the cookie, carry on anonymously (public pages still work).
                response.addHeader("Set-Cookie", SessionCookies.expired(request));
            }
            return Outcome.allowed(Principal.ANONYMOUS, "address:" + address);
        }
        if (!SAFE_METHODS.contains(request.getMethod()) && !csrfSafe(request, session.get())) {
            return Outcome.refused(403, "CSRF check failed: send the session's csrf_token in the " + CSRF_HEADER
                    + " header from a page of this site");
        }
        Optional<Account> account = accounts.find(session.get().session().user());
        if (account.isEmpty()) {
            return Outcome.allowed(Principal.ANONYMOUS, "address:" + address);
        }
        request.setAttribute(SESSION_ATTRIBUTE, session.get());
        return Outcome.allowed(new Principal(account.get().login(), account.get().siteAdmin(), null),
                "user:" + account.get().login().toLowerCase(java.util.Locale.ROOT));
    }

    private Outcome fromHeader(String authorization, HttpServletRequest request, HttpServletResponse response,
            String address) {
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        String credentials = space < 0 ? "" : authorization.substring(space + 1).strip();
        if (scheme.equalsIgnoreCase("token") || scheme.equalsIgnoreCase("Bearer")) {
            return fromToken(credentials, request, response, address);
        }
        if (!scheme.equalsIgnoreCase("Basic")) {
            return Outcome.refused(401, "Bad credentials");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Outcome.refused(401, "Bad credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Outcome.refused(401, "Bad credentials");
        }
        String login = decoded.substring(0, colon);
        String secret = decoded.substring(colon + 1);
        if (tokens.looksLikeToken(secret)) {
            // As on GitHub, the user name that git sends with a token does not matter.
            return fromToken(secret, request, response, address);
        }
        return fromPassword(login, secret.toCharArray(), address);
    }

    private Outcome fromToken(String token, HttpServletRequest request, HttpServletResponse response,
            String address) {
        Optional<AccessToken> found = tokens.authenticate(token, address);
        if (found.isEmpty()) {
            return Outcome.refused(401, "Bad credentials");
        }
        Optional<Account> owner = accounts.find(found.get().owner());
        if (owner.isEmpty()) {
            return Outcome.refused(401, "Bad credentials");
        }
        request.setAttribute(TOKEN_ATTRIBUTE, found.get());
        // GitHub tells a token's holder what it may do; octokit and gh read this header.
        response.setHeader("X-OAuth-Scopes", String.join(", ", new java.util.TreeSet<>(found.get().scopes())));
        return Outcome.allowed(new Principal(owner.get().login(), owner.get().siteAdmin(), found.get().scopes()),
                "token:" + found.get().id());
    }

    private Outcome fromPassword(String login, char[] password, String address) {
        if (login.isEmpty() || login.length() > 254) {
            return Outcome.refused(401, "Bad credentials");
        }
        Optional<Duration> wait = throttle.retryAfter(login, address);
        if (wait.isPresent()) {
            return new Outcome(429, "Too many failed sign-in attempts; try again later", wait.get(), null, null);
        }
        Optional<Account> account = accounts.verifyPassword(login, password);
        java.util.Arrays.fill(password, '\0');
        if (account.isEmpty()) {
            throttle.failed(login, address, "basic");
            return Outcome.refused(401, "Bad credentials");
        }
        throttle.succeeded(login);
        if (account.get().suspended()) {
            return Outcome.refused(403, SUSPENDED);
        }
        return Outcome.allowed(new Principal(account.get().login(), account.get().siteAdmin(), null),
                "user:" + account.get().login().toLowerCase(java.util.Locale.ROOT));
    }

    static final String SUSPENDED = "Sorry. Your account was suspended.";

    private static boolean csrfSafe(HttpServletRequest request, StartedSession session) {
        String sent = request.getHeader(CSRF_HEADER);
        if (sent == null || !java.security.MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
            return false;
        }
        // Defence in depth: a browser names the page's origin; it must be this site.
        String origin = request.getHeader("Origin");
        if (origin == null || origin.equals("null")) {
            return origin == null;
        }
        try {
            URI uri = URI.create(origin);
            String host = request.getHeader("Host");
            String originHost = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && host.equalsIgnoreCase(originHost);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static Optional<String> sessionCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (SESSION_COOKIE.equals(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isEmpty()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    static boolean isApi(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri != null && (uri.equals("/api/v3") || uri.startsWith("/api/v3/"));
    }

    /**
     * A remote CI runner's request (its polls and reports, several a second while a job logs): authenticated by the
     * runner's own credential, which the CI bundle checks on every request, so not counted against an address.
     */
    static boolean isRunnerProtocol(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String credential = request.getHeader("X-Codara-Runner-Token");
        return uri != null && uri.startsWith("/api/v3/actions/runner/jobs") && credential != null
                && !credential.isBlank();
    }

    private static boolean isRateLimitQuery(HttpServletRequest request) {
        return "/api/v3/rate_limit".equals(request.getRequestURI());
    }

    static void refuse(HttpServletResponse response, int status, String message, Duration retryAfter)
            throws IOException {
        response.setStatus(status);
        if (status == 401) {
            // git and browsers prompt for credentials only when told how to send them.
            response.setHeader("WWW-Authenticate", "Basic realm=\"Codara\", charset=\"UTF-8\"");
        }
        if (retryAfter != null) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
        }
        response.setContentType("application/json;charset=utf-8");
        Map<String, String> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("documentation_url", DOCUMENTATION);
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }

    private record Outcome(int status, String message, Duration retryAfter, Principal principal, String rateSubject) {

        static Outcome refused(int status, String message) {
            return new Outcome(status, message, null, null, null);
        }

        static Outcome allowed(Principal principal, String rateSubject) {
            return new Outcome(0, null, null, principal, rateSubject);
        }
    }
}
