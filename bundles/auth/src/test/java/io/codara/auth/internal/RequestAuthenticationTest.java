package io.codara.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.codara.api.audit.AuditLog;
import io.codara.api.auth.AccessToken;
import io.codara.api.auth.AccessTokens;
import io.codara.api.auth.Session;
import io.codara.api.auth.Sessions;
import io.codara.api.auth.StartedSession;
import io.codara.api.identity.Account;
import io.codara.api.identity.AccountType;
import io.codara.api.identity.Accounts;
import io.codara.api.security.Principal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestAuthenticationTest {

    private final Accounts accounts = mock(Accounts.class);
    private final AccessTokens tokens = mock(AccessTokens.class);
    private final Sessions sessions = mock(Sessions.class);
    private final AuditLog audit = mock(AuditLog.class);
    private final TestCache cache = new TestCache();
    private final LoginThrottle throttle = new LoginThrottle(cache, audit, 3, 100, Duration.ofMinutes(15), Clock.systemUTC());
    private final ApiRateLimit rateLimit = new ApiRateLimit(cache, 5, 2, Clock.systemUTC());
    private final RequestAuthentication filter = new RequestAuthentication(accounts, tokens, sessions, throttle, rateLimit);

    private final Map<String, Object> attributes = new HashMap<>();
    private final Map<String, String> headers = new HashMap<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private HttpServletRequest request;
    private HttpServletResponse response;
    private FilterChain chain;
    private static final String TOKEN = new TokenFormat().next();
    private static final Account ALICE = account("alice", false, false);

    private static Account account(String login, boolean admin, boolean suspended) {
        Instant now = Instant.now();
        return new Account(1, login, AccountType.USER, null, null, null, null, null, null, admin,
                suspended ? now : null, null, null, now, now);
    }

    @BeforeEach
    void mocks() throws Exception {
        request = mock(HttpServletRequest.class);
        response = mock(HttpServletResponse.class);
        chain = mock(FilterChain.class);
        when(request.getRemoteAddr()).thenReturn("203.0.113.9");
        when(request.getMethod()).thenReturn("GET");
        when(request.getRequestURI()).thenReturn("/api/v3/user");
        when(request.getHeader(anyString())).thenAnswer(i -> headers.get(i.getArgument(0, String.class)));
        org.mockito.Mockito.doAnswer(i -> attributes.put(i.getArgument(0), i.getArgument(1))).when(request)
                .setAttribute(anyString(), any());
        when(request.getAttribute(anyString())).thenAnswer(i -> attributes.get(i.getArgument(0, String.class)));
        when(response.getOutputStream()).thenReturn(new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }

            @Override
            public void write(int b) {
                body.write(b);
            }
        });
        when(accounts.find("alice")).thenReturn(Optional.of(ALICE));
        when(tokens.looksLikeToken(anyString())).thenAnswer(i -> TokenFormat.valid(i.getArgument(0)));
    }

    private Principal principal() {
        return (Principal) attributes.get(Principal.REQUEST_ATTRIBUTE);
    }

    private static String basic(String login, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void noCredentialsIsAnonymousAndCountsAgainstTheAddress() throws Exception {
        filter.doFilter(request, response, chain);
        verify(chain).doFilter(request, response);
        assertThat(principal()).isEqualTo(Principal.ANONYMOUS);
        verify(response).setHeader("X-RateLimit-Limit", "2");
        verify(response).setHeader("X-RateLimit-Remaining", "1");
        verify(response).setHeader("X-RateLimit-Resource", "core");
    }

    @Test
    void aPasswordAuthenticatesAndAWrongOneAnswers401WithAChallenge() throws Exception {
        when(accounts.verifyPassword(eq("alice"), any())).thenAnswer(i ->
                String.valueOf((char[]) i.getArgument(1)).equals("right pass") ? Optional.of(ALICE) : Optional.empty());
        headers.put("Authorization", basic("alice", "right pass"));
        filter.doFilter(request, response, chain);
        assertThat(principal()).isEqualTo(new Principal("alice", false, null));

        headers.put("Authorization", basic("alice", "wrong pass"));
        attributes.clear();
        filter.doFilter(request, response, chain);
        verify(response).setStatus(401);
        verify(response).setHeader(eq("WWW-Authenticate"), anyString());
        assertThat(body.toString(StandardCharsets.UTF_8)).contains("\"message\":\"Bad credentials\"")
                .doesNotContain("wrong pass");
        assertThat(principal()).isNull();
    }

    @Test
    void repeatedFailuresAreThrottledWith429AndRetryAfterEvenForTheRightPassword() throws Exception {
        when(accounts.verifyPassword(eq("alice"), any())).thenAnswer(i ->
                String.valueOf((char[]) i.getArgument(1)).equals("right pass") ? Optional.of(ALICE) : Optional.empty());
        for (int i = 0; i < 3; i++) {
            headers.put("Authorization", basic("alice", "guess " + i));
            filter.doFilter(request, response, chain);
        }
        headers.put("Authorization", basic("alice", "right pass"));
        filter.doFilter(request, response, chain);
        verify(response).setStatus(429);
        verify(response).setHeader(eq("Retry-After"), anyString());
        verify(chain, never()).doFilter(request, response);
    }

    @Test
    void aSuspendedUserGets403() throws Exception {
        when(accounts.verifyPassword(eq("bob"), any())).thenReturn(Optional.of(account("bob", false, true)));
        headers.put("Authorization", basic("bob", "right pass"));
        filter.doFilter(request, response, chain);
        verify(response).setStatus(403);
        assertThat(body.toString(StandardCharsets.UTF_8)).contains("suspended");
    }

    @Test
    void tokensWorkInEveryHeaderFormGitAndOctokitSend() throws Exception {
        AccessToken info = new AccessToken(7, "alice", "ci", Set.of("repo:read"), "xxxxxxxx", null, Instant.now(), null, null);
        when(tokens.authenticate(TOKEN, "203.0.113.9")).thenReturn(Optional.of(info));
        for (String header : new String[] {"token " + TOKEN, "Bearer " + TOKEN, basic("x-access-token", TOKEN),
                basic("alice", TOKEN)}) {
            attributes.clear();
            headers.put("Authorization", header);
            filter.doFilter(request, response, chain);
            assertThat(principal()).as(header).isEqualTo(new Principal("alice", false, Set.of("repo:read")));
        }
        verify(accounts, never()).verifyPassword(anyString(), any());
        verify(response, org.mockito.Mockito.atLeastOnce()).setHeader("X-OAuth-Scopes", "repo:read");
    }

    @Test
    void aDatabaseOutageIs503NotAnonymous() throws Exception {
        when(tokens.authenticate(anyString(), anyString())).thenThrow(new IllegalStateException("Database failure: down"));
        headers.put("Authorization", "token " + TOKEN);
        filter.doFilter(request, response, chain);
        verify(response).setStatus(503);
        verify(response).setHeader("Retry-After", "5");
        verify(chain, never()).doFilter(request, response);
        assertThat(body.toString(StandardCharsets.UTF_8)).doesNotContain(TOKEN);
    }

    @Test
    void anUnknownOrExpiredTokenIs401() throws Exception {
        when(tokens.authenticate(anyString(), anyString())).thenReturn(Optional.empty());
        headers.put("Authorization", "token " + TOKEN);
        filter.doFilter(request, response, chain);
        verify(response).setStatus(401);
        verify(chain, never()).doFilter(request, response);
    }

    @Test
    void cookieWritesNeedTheSessionsCsrfTokenFromThisSite() throws Exception {
        StartedSession session = new StartedSession("s".repeat(43), "csrf-123",
                new Session(3, "alice", Instant.now(), Instant.now(), Instant.now().plusSeconds(60), null, null));
        when(request.getCookies()).thenReturn(new Cookie[] {new Cookie("codara_session", "s".repeat(43))});
        when(sessions.resolve("s".repeat(43), "203.0.113.9")).thenReturn(Optional.of(session));
        filter.doFilter(request, response, chain);
        assertThat(principal()).isEqualTo(new Principal("alice", false, null));

        when(request.getMethod()).thenReturn("PATCH");
        attributes.clear();
        filter.doFilter(request, response, chain);
        verify(response).setStatus(403);

        headers.put("X-CSRF-Token", "csrf-123");
        headers.put("Host", "codara.example:8080");
        headers.put("Origin", "https://evil.example");
        filter.doFilter(request, response, chain);
        assertThat(principal()).isNull();

        headers.put("Origin", "https://codara.example:8080");
        filter.doFilter(request, response, chain);
        assertThat(principal()).isEqualTo(new Principal("alice", false, null));
    }

    @Test
    void anEndedSessionCookieIsClearedAndTheRequestGoesOnAnonymously() throws Exception {
        when(request.getCookies()).thenReturn(new Cookie[] {new Cookie("codara_session", "stale")});
        when(sessions.resolve(anyString(), anyString())).thenReturn(Optional.empty());
        filter.doFilter(request, response, chain);
        verify(response).addHeader(eq("Set-Cookie"), org.mockito.ArgumentMatchers.contains("Max-Age=0"));
        assertThat(principal()).isEqualTo(Principal.ANONYMOUS);
    }

    @Test
    void theRateLimitAnswers429OnceSpent() throws Exception {
        filter.doFilter(request, response, chain);
        filter.doFilter(request, response, chain);
        filter.doFilter(request, response, chain);
        verify(response).setStatus(429);
        assertThat(body.toString(StandardCharsets.UTF_8)).contains("rate limit");
        // Outside the API (git, UI) nothing is counted.
        when(request.getRequestURI()).thenReturn("/alice/repo.git/info/refs");
        attributes.clear();
        filter.doFilter(request, response, chain);
        assertThat(principal()).isEqualTo(Principal.ANONYMOUS);
    }

    @Test
    void aRemoteRunnersReportsAreNotCountedButTheirRegistrationAndOtherCallsAre() throws Exception {
        when(request.getMethod()).thenReturn("POST");
        when(request.getRequestURI()).thenReturn("/api/v3/actions/runner/jobs/7/logs");
        headers.put("X-Codara-Runner-Token", "CRCsomething");
        for (int i = 0; i < 5; i++) {
            filter.doFilter(request, response, chain);
        }
        verify(chain, org.mockito.Mockito.times(5)).doFilter(request, response);
        verify(response, never()).setStatus(429);
        assertThat(principal()).isEqualTo(Principal.ANONYMOUS);
        // Without the runner's header, or on another path, the address's limit applies.
        headers.remove("X-Codara-Runner-Token");
        filter.doFilter(request, response, chain);
        filter.doFilter(request, response, chain);
        filter.doFilter(request, response, chain);
        verify(response).setStatus(429);
    }
}
