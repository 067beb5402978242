package io.codara.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.audit.AuditLog;
import io.codara.api.auth.Session;
import io.codara.api.auth.Sessions;
import io.codara.api.auth.StartedSession;
import io.codara.api.identity.Account;
import io.codara.api.identity.AccountType;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.ApiException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionResourceTest {

    private final Accounts accounts = mock(Accounts.class);
    private final Sessions sessions = mock(Sessions.class);
    private final AuditLog audit = mock(AuditLog.class);
    private final LoginThrottle throttle = new LoginThrottle(new TestCache(), audit, 2, 100, Duration.ofMinutes(15),
            Clock.systemUTC());
    private final HttpServletRequest request = mock(HttpServletRequest.class);
    private final UriInfo uri = mock(UriInfo.class);
    private static final Account ALICE = new Account(1, "alice", AccountType.USER, null, null, null, null, null, null,
            false, null, null, null, Instant.now(), Instant.now());
    private static final StartedSession SESSION = new StartedSession("secret-value", "csrf-value",
            new Session(5, "alice", Instant.now(), Instant.now(), Instant.now().plusSeconds(3600), "10.0.0.1", "test"));

    @BeforeEach
    void mocks() {
        when(request.getRemoteAddr()).thenReturn("10.0.0.1");
        when(uri.getBaseUri()).thenReturn(URI.create("http://codara.example/api/v3/"));
        when(accounts.verifyPassword(eq("alice"), any())).thenAnswer(i ->
                String.valueOf((char[]) i.getArgument(1)).equals("right password") ? Optional.of(ALICE) : Optional.empty());
        when(sessions.start(eq("alice"), eq("10.0.0.1"), any())).thenReturn(SESSION);
    }

    @Test
    void signingInSetsAnHttpOnlyLaxCookieAndAnswersTheCsrfToken() {
        Response response = new SessionResource(accounts, sessions, throttle, false)
                .signIn(new SessionResource.Credentials("alice", "right password"), request, uri);
        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(response.getHeaderString("Set-Cookie")).startsWith("codara_session=secret-value;")
                .contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) response.getEntity();
        assertThat(body).containsEntry("csrf_token", "csrf-value");
        assertThat(body.toString()).doesNotContain("secret-value");
    }

    @Test
    void overHttpsTheCookieIsSecure() {
        when(request.getHeader("X-Forwarded-Proto")).thenReturn("https");
        Response response = new SessionResource(accounts, sessions, throttle, false)
                .signIn(new SessionResource.Credentials("alice", "right password"), request, uri);
        assertThat(response.getHeaderString("Set-Cookie")).contains("; Secure");
    }

    @Test
    void wrongPasswordsAre401ThenThrottledAndAudited() {
        SessionResource resource = new SessionResource(accounts, sessions, throttle, false);
        for (int i = 0; i < 2; i++) {
            assertThat(resource.signIn(new SessionResource.Credentials("alice", "guess"), request, uri).getStatus())
                    .isEqualTo(401);
        }
        Response throttled = resource.signIn(new SessionResource.Credentials("alice", "right password"), request, uri);
        assertThat(throttled.getStatus()).isEqualTo(429);
        assertThat(throttled.getHeaderString("Retry-After")).matches("\\d+");
        verify(sessions, never()).start(anyString(), anyString(), any());
        verify(audit, org.mockito.Mockito.times(2)).record(any(io.codara.api.audit.AuditEvent.class));
    }

    @Test
    void suspendedUsersAreRefusedWith403() {
        Account suspended = new Account(2, "bob", AccountType.USER, null, null, null, null, null, null, false,
                Instant.now(), null, null, Instant.now(), Instant.now());
        when(accounts.verifyPassword(eq("bob"), any())).thenReturn(Optional.of(suspended));
        assertThat(new SessionResource(accounts, sessions, throttle, false)
                .signIn(new SessionResource.Credentials("bob", "right password"), request, uri).getStatus()).isEqualTo(403);
    }

    @Test
    void missingFieldsAre422() {
        assertThatThrownBy(() -> new SessionResource(accounts, sessions, throttle, false)
                .signIn(new SessionResource.Credentials("alice", null), request, uri))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errors()).extracting(f -> f.field()).containsExactly("password");
                });
    }

    @Test
    void signUpIsOffUnlessConfigured() {
        assertThatThrownBy(() -> new SessionResource(accounts, sessions, throttle, false)
                .signUp(new SessionResource.Signup("carol", "carol@example.com", "a good password", null), request, uri))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
        when(accounts.createUser(any(), any())).thenReturn(ALICE);
        Response created = new SessionResource(accounts, sessions, throttle, true)
                .signUp(new SessionResource.Signup("alice", "alice@example.com", "a good password", null), request, uri);
        assertThat(created.getStatus()).isEqualTo(201);
        assertThat(created.getHeaderString("Set-Cookie")).startsWith("codara_session=");
    }

    @Test
    void tellsWhetherSignUpIsEnabled() {
        assertThat(new SessionResource(accounts, sessions, throttle, false).signupAvailability())
                .isEqualTo(Map.of("enabled", false));
        assertThat(new SessionResource(accounts, sessions, throttle, true).signupAvailability())
                .isEqualTo(Map.of("enabled", true));
    }

    @Test
    void signingOutEndsTheSessionAndClearsTheCookie() {
        when(request.getAttribute(RequestAuthentication.SESSION_ATTRIBUTE)).thenReturn(SESSION);
        Response response = new SessionResource(accounts, sessions, throttle, false).signOut(request);
        assertThat(response.getStatus()).isEqualTo(204);
        assertThat(response.getHeaderString("Set-Cookie")).contains("Max-Age=0");
        verify(sessions).end(eq("secret-value"), any());
        when(request.getAttribute(RequestAuthentication.SESSION_ATTRIBUTE)).thenReturn(null);
        assertThatThrownBy(() -> new SessionResource(accounts, sessions, throttle, false).signOut(request))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    }
}
