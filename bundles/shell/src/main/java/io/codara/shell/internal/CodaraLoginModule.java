package io.codara.shell.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

import io.codara.api.auth.Authenticator;
import io.codara.api.auth.Identity;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;

import java.security.Principal;

/**
 * JAAS login with Codara credentials. Site administrators get Karaf's roles for the shell over SSH; everyone else
 * is refused.
 */
public final class CodaraLoginModule implements LoginModule {

    static final String AUTHENTICATOR_OPTION = "io.codara.authenticator";
    /** Karaf's roles: ssh lets one in, admin runs every command. */
    static final Set<String> ADMIN_ROLES = Set.of("ssh", "admin", "manager", "viewer", "systembundles");

    private Subject subject;
    private CallbackHandler callbacks;
    private Authenticator authenticator;
    private final Set<Principal> principals = new LinkedHashSet<>();

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState, Map<String, ?> options) {
        this.subject = subject;
        this.callbacks = callbackHandler;
        this.authenticator = (Authenticator) options.get(AUTHENTICATOR_OPTION);
    }

    @Override
    public boolean login() throws LoginException {
        if (authenticator == null || callbacks == null) {
            throw new LoginException("Codara authentication is not available");
        }
        NameCallback name = new NameCallback("Login: ");
        PasswordCallback password = new PasswordCallback("Password: ", false);
        try {
            callbacks.handle(new Callback[] {name, password});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException("Cannot read credentials: " + e.getMessage());
        }
        char[] secret = password.getPassword();
        Optional<Identity> identity;
        try {
            identity = authenticator.authenticate(name.getName(), secret);
        } finally {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
            password.clearPassword();
        }
        if (identity.isEmpty()) {
            throw new FailedLoginException("Login or password incorrect");
        }
        if (!identity.get().siteAdmin()) {
            throw new FailedLoginException("Only site administrators may use the Codara shell");
        }
        principals.clear();
        principals.add(new UserPrincipal(identity.get().login()));
        ADMIN_ROLES.forEach(role -> principals.add(new RolePrincipal(role)));
        return true;
    }

    @Override
    public boolean commit() {
        if (principals.isEmpty()) {
            return false;
        }
        subject.getPrincipals().addAll(principals);
        return true;
    }

    @Override
    public boolean abort() {
        principals.clear();
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(principals);
        principals.clear();
        return true;
    }
}
