package io.codara.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;

import io.codara.api.auth.Authenticator;
import io.codara.api.auth.Identity;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.jupiter.api.Test;

class CodaraLoginModuleTest {

    private final Authenticator authenticator = mock(Authenticator.class);
    private final Subject subject = new Subject();
    /** The arrays the authenticator was handed, and their content at the time of the call. */
    private final List<char[]> passedSecrets = new ArrayList<>();
    private final List<String> secretsAtCall = new ArrayList<>();
    private final List<PasswordCallback> passwordCallbacks = new ArrayList<>();

    private CallbackHandler handler(String login, String password) {
        return callbacks -> {
            for (Callback callback : callbacks) {
                if (callback instanceof NameCallback name) {
                    name.setName(login);
                } else if (callback instanceof PasswordCallback pw) {
                    pw.setPassword(password.toCharArray());
                    passwordCallbacks.add(pw);
                } else {
                    throw new UnsupportedCallbackException(callback);
                }
            }
        };
    }

    private void answer(Optional<Identity> identity) {
        when(authenticator.authenticate(any(), any())).thenAnswer(inv -> {
            char[] secret = inv.getArgument(1);
            passedSecrets.add(secret);
            secretsAtCall.add(new String(secret));
            return identity;
        });
    }

    private CodaraLoginModule module(CallbackHandler handler) {
        CodaraLoginModule module = new CodaraLoginModule();
        module.initialize(subject, handler, Map.of(), Map.of(CodaraLoginModule.AUTHENTICATOR_OPTION, authenticator));
        return module;
    }

    /** {@link PasswordCallback#clearPassword()} blanks its copy (the JDK fills it with spaces). */
    private static void assertCleared(PasswordCallback callback) {
        char[] left = callback.getPassword();
        assertThat(left == null ? "" : new String(left)).isBlank();
    }

    private List<String> roles() {
        return subject.getPrincipals(RolePrincipal.class).stream().map(Principal::getName).toList();
    }

    private List<String> users() {
        return subject.getPrincipals(UserPrincipal.class).stream().map(Principal::getName).toList();
    }

    @Test
    void siteAdminLogsInAndCommitAddsUserAndKarafRoles() throws Exception {
        answer(Optional.of(new Identity("admin", true)));
        CodaraLoginModule module = module(handler("admin", "s3cret"));

        assertThat(module.login()).isTrue();
        assertThat(subject.getPrincipals()).as("nothing before commit").isEmpty();
        assertThat(module.commit()).isTrue();

        verify(authenticator).authenticate(eq("admin"), any());
        assertThat(secretsAtCall).containsExactly("s3cret");
        assertThat(users()).containsExactly("admin");
        assertThat(roles()).contains("ssh", "admin").containsExactlyInAnyOrderElementsOf(CodaraLoginModule.ADMIN_ROLES);
    }

    @Test
    void passwordIsWipedAfterTheCheck() throws Exception {
        answer(Optional.of(new Identity("admin", true)));
        CodaraLoginModule module = module(handler("admin", "s3cret"));

        module.login();

        assertThat(passedSecrets).hasSize(1);
        assertThat(passedSecrets.get(0)).containsOnly('\0').hasSize("s3cret".length());
        assertThat(passwordCallbacks).singleElement().satisfies(CodaraLoginModuleTest::assertCleared);
    }

    @Test
    void passwordIsWipedEvenWhenTheAuthenticatorThrows() {
        when(authenticator.authenticate(any(), any())).thenAnswer(inv -> {
            passedSecrets.add(inv.getArgument(1));
            throw new IllegalStateException("database down");
        });
        CodaraLoginModule module = module(handler("admin", "s3cret"));

        assertThatThrownBy(module::login).isInstanceOf(IllegalStateException.class);

        assertThat(passedSecrets.get(0)).containsOnly('\0');
        assertCleared(passwordCallbacks.get(0));
    }

    @Test
    void wrongPasswordFails() throws Exception {
        answer(Optional.empty());
        CodaraLoginModule module = module(handler("admin", "wrong"));

        assertThatThrownBy(module::login).isInstanceOf(FailedLoginException.class).hasMessageContaining("incorrect");

        assertThat(passedSecrets.get(0)).containsOnly('\0');
        assertThat(module.commit()).isFalse();
        assertThat(subject.getPrincipals()).isEmpty();
    }

    @Test
    void nonAdminIsRefused() throws Exception {
        answer(Optional.of(new Identity("alice", false)));
        CodaraLoginModule module = module(handler("alice", "right"));

        assertThatThrownBy(module::login).isInstanceOf(FailedLoginException.class)
                .hasMessageContaining("site administrators");

        assertThat(module.commit()).isFalse();
        assertThat(subject.getPrincipals()).isEmpty();
    }

    @Test
    void logoutRemovesOnlyItsOwnPrincipals() throws Exception {
        answer(Optional.of(new Identity("admin", true)));
        Principal other = new UserPrincipal("from-another-module");
        subject.getPrincipals().add(other);
        CodaraLoginModule module = module(handler("admin", "s3cret"));
        module.login();
        module.commit();
        assertThat(roles()).isNotEmpty();

        assertThat(module.logout()).isTrue();

        assertThat(subject.getPrincipals()).containsExactly(other);
    }

    @Test
    void abortForgetsTheLogin() throws Exception {
        answer(Optional.of(new Identity("admin", true)));
        CodaraLoginModule module = module(handler("admin", "s3cret"));
        module.login();

        assertThat(module.abort()).isTrue();

        assertThat(module.commit()).isFalse();
        assertThat(subject.getPrincipals()).isEmpty();
    }

    @Test
    void missingAuthenticatorIsALoginError() {
        CodaraLoginModule module = new CodaraLoginModule();
        module.initialize(subject, handler("admin", "x"), Map.of(), Map.of());

        assertThatThrownBy(module::login).isInstanceOf(LoginException.class)
                .isNotInstanceOf(FailedLoginException.class).hasMessageContaining("not available");
    }

    @Test
    void unreadableCredentialsAreALoginError() {
        CodaraLoginModule module = module(callbacks -> {
            throw new UnsupportedCallbackException(callbacks[0]);
        });

        assertThatThrownBy(module::login).isInstanceOf(LoginException.class).hasMessageContaining("Cannot read credentials");
        verify(authenticator, never()).authenticate(any(), any());
    }
}
