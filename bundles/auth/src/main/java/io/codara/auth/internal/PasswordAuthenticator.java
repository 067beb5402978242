package io.codara.auth.internal;

import java.util.Optional;

import io.codara.api.auth.Authenticator;
import io.codara.api.auth.Identity;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Checks a Codara login and password for consumers outside HTTP, such as the Karaf SSH console: suspended users
 * are refused, and failures count towards the account's sign-in throttle like any other.
 */
@Component(service = Authenticator.class)
public final class PasswordAuthenticator implements Authenticator {

    private final Accounts accounts;
    private final LoginThrottle throttle;

    @Activate
    public PasswordAuthenticator(@Reference Accounts accounts, @Reference LoginThrottle throttle) {
        this.accounts = accounts;
        this.throttle = throttle;
    }

    @Override
    public Optional<Identity> authenticate(String login, char[] secret) {
        if (login == null || secret == null || throttle.retryAfter(login, null).isPresent()) {
            return Optional.empty();
        }
        Optional<Account> account = accounts.verifyPassword(login, secret);
        if (account.isEmpty()) {
            throttle.failed(login, null, "console");
            return Optional.empty();
        }
        throttle.succeeded(login);
        return account.filter(a -> !a.suspended()).map(a -> new Identity(a.login(), a.siteAdmin()));
    }
}
