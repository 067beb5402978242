package io.codara.shell.internal.commands;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.codara.api.auth.AccessToken;
import io.codara.api.auth.AccessTokens;
import io.codara.api.auth.CreatedToken;
import io.codara.api.auth.Scopes;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Permissions;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** {@code codara:token-create}: creates a personal access token and prints it, the only time it is shown. */
@Service
@Command(scope = "codara", name = "token-create", description = "Creates a personal access token for a user")
public final class TokenCreateCommand implements Action {

    @Argument(index = 0, name = "login", required = true, description = "The user who will own the token")
    @Completion(LoginCompleter.class)
    String login;

    @Argument(index = 1, name = "name", required = true, description = "What the token is for")
    String name;

    @Option(name = "--scope", aliases = "-s", required = true, multiValued = true,
            description = "A scope (repeat, or separate with commas): " + "repo:read, repo:write, read:org, admin:org, "
                    + "user, packages, ci, admin")
    @Completion(value = StringsCompleter.class, values = {Scopes.REPO_READ, Scopes.REPO_WRITE, Scopes.READ_ORG,
        Scopes.ADMIN_ORG, Scopes.USER, Scopes.PACKAGES, Scopes.CI, Scopes.ADMIN})
    List<String> scopes;

    @Option(name = "--expires", description = "Expiry: days or hours from now (30d, 12h), an ISO-8601 time or a date; "
            + "none by default")
    String expires;

    @Reference
    Session session;

    @Reference
    Accounts accounts;

    @Reference
    Permissions permissions;

    @Reference
    AccessTokens tokens;

    Clock clock = Clock.systemUTC();

    @Override
    public Object execute() throws Exception {
        ShellCaller caller = ShellCaller.of(session, accounts);
        // A token for oneself needs nothing beyond being signed in, as on the web; for someone else, site admin.
        if (!login.equalsIgnoreCase(caller.login())) {
            caller.requireSiteAdmin(permissions);
        }
        Instant expiresAt = TimeArgument.future("--expires", expires, clock);
        CreatedToken created;
        try {
            created = tokens.create(login, name, split(scopes), expiresAt, caller.actor());
        } catch (ApiException e) {
            throw ApiErrors.failure("Could not create a token for " + login, e);
        }
        AccessToken info = created.info();
        // The token alone goes to standard output, so that a script can capture it; what it is and the warning go
        // to standard error. Nothing logs it.
        System.err.println("Token '" + info.name() + "' for " + info.owner() + " (scopes " + String.join(", ",
                info.scopes().stream().sorted().toList()) + ", " + (info.expiresAt() == null ? "no expiry"
                        : "expires " + UserListCommand.time(info.expiresAt())) + "):");
        System.out.println(created.token());
        System.err.println("Copy it now: it will not be shown again.");
        return null;
    }

    static Set<String> split(List<String> values) {
        Set<String> scopes = new LinkedHashSet<>();
        for (String value : values) {
            for (String scope : value.split(",")) {
                if (!scope.isBlank()) {
                    scopes.add(scope.strip());
                }
            }
        }
        return scopes;
    }
}
