package io.codara.auth.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.audit.Actor;
import io.codara.api.auth.Sessions;
import io.codara.api.auth.StartedSession;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.identity.NewAccount;
import io.codara.api.rest.ApiException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Web sign-in, sign-out and sign-up: {@code POST /session} checks a password (throttled like every other
 * password check) and sets the session cookie; {@code GET /session} tells the UI who is signed in and its CSRF
 * token; {@code DELETE /session} signs out; {@code POST /signup} creates an account when sign-up is enabled, which
 * {@code GET /signup} tells the UI (so it offers sign-up only where it works).
 */
@Component(service = SessionResource.class, configurationPid = "io.codara.auth.signup")
@Designate(ocd = SignupConfig.class)
@JakartarsResource
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public final class SessionResource {

    private final Accounts accounts;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final boolean signupEnabled;
    private final Duration cookieAge;

    @Activate
    public SessionResource(@Reference Accounts accounts, @Reference Sessions sessions, @Reference LoginThrottle throttle,
            SignupConfig config) {
        this(accounts, sessions, throttle, config.enabled());
    }

    SessionResource(Accounts accounts, Sessions sessions, LoginThrottle throttle, boolean signupEnabled) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.throttle = throttle;
        this.signupEnabled = signupEnabled;
        this.cookieAge = Duration.ofDays(30);
    }

    /** The JSON body of {@code POST /session}. */
    public record Credentials(String login, String password) {
    }

    @POST
    @Path("session")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(Credentials credentials, @Context HttpServletRequest request, @Context UriInfo uri) {
        if (credentials == null || credentials.login() == null || credentials.password() == null) {
            throw new Validation("Session").required("login", credentials == null ? null : credentials.login())
                    .required("password", credentials == null ? null : credentials.password()).failure();
        }
        String address = request.getRemoteAddr();
        String login = credentials.login().strip();
        Optional<Duration> wait = throttle.retryAfter(login, address);
        if (wait.isPresent()) {
            return Response.status(429).header("Retry-After", Math.max(1, wait.get().toSeconds()))
                    .entity(error("Too many failed sign-in attempts; try again later")).build();
        }
        Optional<Account> account = login.isEmpty() || login.length() > 254 ? Optional.empty()
                : accounts.verifyPassword(login, credentials.password().toCharArray());
        if (account.isEmpty()) {
            throttle.failed(login, address, "web");
            return Response.status(401).entity(error("Incorrect login or password.")).build();
        }
        throttle.succeeded(login);
        if (account.get().suspended()) {
            return Response.status(403).entity(error(RequestAuthentication.SUSPENDED)).build();
        }
        StartedSession session = sessions.start(account.get().login(), address, request.getHeader("User-Agent"));
        return Response.status(201).header("Set-Cookie", SessionCookies.issue(request, session.secret(), cookieAge))
                .entity(body(account.get(), session, new Shapes(uri.getBaseUri()))).build();
    }

    @GET
    @Path("session")
    public Map<String, Object> current(@Context HttpServletRequest request, @Context UriInfo uri) {
        StartedSession session = (StartedSession) request.getAttribute(RequestAuthentication.SESSION_ATTRIBUTE);
        if (session == null) {
            throw new ApiException(401, "Not signed in");
        }
        Account account = accounts.find(session.session().user()).orElseThrow(() -> new ApiException(401, "Not signed in"));
        return body(account, session, new Shapes(uri.getBaseUri()));
    }

    @DELETE
    @Path("session")
    public Response signOut(@Context HttpServletRequest request) {
        StartedSession session = (StartedSession) request.getAttribute(RequestAuthentication.SESSION_ATTRIBUTE);
        if (session == null) {
            throw new ApiException(401, "Not signed in");
        }
        sessions.end(session.secret(), new Actor(session.session().user(), request.getRemoteAddr()));
        return Response.noContent().header("Set-Cookie", SessionCookies.expired(request)).build();
    }

    /** The JSON body of {@code POST /signup}. */
    public record Signup(String login, String email, String password, String name) {
    }

    @GET
    @Path("signup")
    public Map<String, Object> signupAvailability() {
        return Map.of("enabled", signupEnabled);
    }

    @POST
    @Path("signup")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signUp(Signup signup, @Context HttpServletRequest request, @Context UriInfo uri) {
        if (!signupEnabled) {
            throw new ApiException(403, "Sign-up is disabled on this installation; ask an administrator for an account");
        }
        if (signup == null) {
            throw new Validation("User").missing("login").failure();
        }
        String address = request.getRemoteAddr();
        char[] password = signup.password() == null ? null : signup.password().toCharArray();
        if (password == null) {
            new Validation("User").missing("password").check();
        }
        Account account = accounts.createUser(new NewAccount(signup.login(), signup.name(), signup.email(), password,
                false), new Actor(signup.login() == null ? "unknown" : signup.login(), address));
        StartedSession session = sessions.start(account.login(), address, request.getHeader("User-Agent"));
        return Response.status(201).header("Set-Cookie", SessionCookies.issue(request, session.secret(), cookieAge))
                .entity(body(account, session, new Shapes(uri.getBaseUri()))).build();
    }

    private static Map<String, Object> body(Account account, StartedSession session, Shapes shapes) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("user", shapes.privateUser(account));
        json.put("csrf_token", session.csrfToken());
        json.put("session", shapes.session(session.session(), true));
        return json;
    }

    static Map<String, String> error(String message) {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("message", message);
        json.put("documentation_url", RequestAuthentication.DOCUMENTATION);
        return json;
    }
}
