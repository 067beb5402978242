package io.codara.shell.internal.commands;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import javax.security.auth.Subject;

import io.codara.api.identity.Account;
import io.codara.api.identity.AccountType;
import io.codara.api.identity.Accounts;
import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.console.Session;

/**
 * What the command tests share: a shell session signed in as a login, accounts with a site administrator
 * ({@code admin}) and a plain user ({@code alice}), a permission service that allows site administrators only, and
 * the command's captured output.
 */
final class ShellFixture {

    static final Instant CREATED = Instant.parse("2024-05-01T12:00:00.456Z");

    final Accounts accounts = mock(Accounts.class);
    final Permissions permissions = mock(Permissions.class);

    ShellFixture() {
        when(accounts.find(any(String.class))).thenReturn(Optional.empty());
        when(accounts.find("admin")).thenReturn(Optional.of(user(1, "admin", true)));
        when(accounts.find("alice")).thenReturn(Optional.of(user(2, "alice", false)));
        when(permissions.decide(any(), any(), any())).thenAnswer(inv -> {
            Principal principal = inv.getArgument(0);
            return principal.siteAdmin() ? Decision.ALLOW : Decision.FORBIDDEN;
        });
        // require() is the interface's default method: keep it, so that the decision drives the refusal.
        doCallRealMethod().when(permissions).require(any(), any(), any());
    }

    static Account user(long id, String login, boolean siteAdmin) {
        return new Account(id, login, AccountType.USER, null, login + "@example.com", null, null, null, null, siteAdmin,
                null, null, null, CREATED, CREATED);
    }

    /** A session whose JAAS subject, as Karaf's SSH server stores it, holds {@code login} and Karaf's roles. */
    static Session session(String login) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(login));
        subject.getPrincipals().add(new RolePrincipal("admin"));
        Session session = mock(Session.class);
        when(session.get(ShellCaller.SUBJECT_VARIABLE)).thenReturn(subject);
        return session;
    }

    /** Runs the command with standard output and error captured. */
    static Result run(Action command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        Exception failure = null;
        try {
            command.execute();
        } catch (Exception e) {
            failure = e;
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new Result(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), failure);
    }

    /** What a command printed and threw. */
    record Result(String out, String err, Exception failure) {
    }
}
