package io.codara.shell.internal.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.security.PrivilegedExceptionAction;
import java.time.Instant;
import java.util.Optional;

import javax.security.auth.Subject;

import io.codara.api.audit.Actor;
import io.codara.api.identity.Account;
import io.codara.api.identity.AccountType;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

class ShellCallerTest {

    private final ShellFixture fixture = new ShellFixture();

    private static Subject subject(String login) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new RolePrincipal("ssh"));
        subject.getPrincipals().add(new UserPrincipal(login));
        return subject;
    }

    @Test
    void theUserComesFromTheSubjectInTheSession() throws Exception {
        ShellCaller caller = ShellCaller.of(ShellFixture.session("admin"), fixture.accounts);

        assertThat(caller.principal()).isEqualTo(new Principal("admin", true, null));
        assertThat(caller.actor()).isEqualTo(new Actor("admin", null));
    }

    @Test
    void theSubjectTheSessionRunsAsWinsOverTheSessionVariable() throws Exception {
        // Karaf runs sessions in Subject.doAs; a session variable can be overwritten by the shell user.
        Session session = ShellFixture.session("admin");

        String login = Subject.doAs(subject("alice"),
                (PrivilegedExceptionAction<String>) () -> ShellCaller.shellUser(session));

        assertThat(login).isEqualTo("alice");
    }

    @Test
    void theSubjectTheSessionRunsAsIsEnoughWithoutTheVariable() throws Exception {
        // The local console puts no subject into the session, only runs inside one.
        Session session = mock(Session.class);

        String login = Subject.doAs(subject("admin"),
                (PrivilegedExceptionAction<String>) () -> ShellCaller.shellUser(session));

        assertThat(login).isEqualTo("admin");
    }

    @Test
    void aSessionWithoutUserIsRefused() {
        Session session = mock(Session.class);
        when(session.get(ShellCaller.SUBJECT_VARIABLE)).thenReturn(new Subject());

        assertThatThrownBy(() -> ShellCaller.of(session, fixture.accounts)).isInstanceOf(CommandException.class)
                .hasMessage("This shell session has no signed-in user");
        assertThatThrownBy(() -> ShellCaller.of(mock(Session.class), fixture.accounts))
                .isInstanceOf(CommandException.class);
    }

    @Test
    void siteAdministrationComesFromTheAccountNotFromKarafsRoles() throws Exception {
        assertThat(ShellCaller.of(ShellFixture.session("alice"), fixture.accounts).principal())
                .isEqualTo(new Principal("alice", false, null));
        assertThat(ShellCaller.of(ShellFixture.session("karaf"), fixture.accounts).principal())
                .as("the local console's user, unknown to Codara").isEqualTo(new Principal("karaf", false, null));
    }

    @Test
    void aSuspendedAdministratorIsNoAdministrator() throws Exception {
        Instant now = Instant.now();
        when(fixture.accounts.find("root")).thenReturn(Optional.of(new Account(3, "Root", AccountType.USER, null, null,
                null, null, null, null, true, now, null, null, now, now)));

        assertThat(ShellCaller.of(ShellFixture.session("root"), fixture.accounts).principal())
                .as("login as stored, no rights").isEqualTo(new Principal("Root", false, null));
    }

    @Test
    void requireSiteAdminAsksThePermissionServiceAndNamesTheRefusedUser() throws Exception {
        ShellCaller admin = ShellCaller.of(ShellFixture.session("admin"), fixture.accounts);
        admin.requireSiteAdmin(fixture.permissions);
        verify(fixture.permissions).decide(admin.principal(), "admin", ResourceRef.SITE);

        ShellCaller alice = ShellCaller.of(ShellFixture.session("alice"), fixture.accounts);
        assertThatThrownBy(() -> alice.requireSiteAdmin(fixture.permissions)).isInstanceOf(CommandException.class)
                .hasMessage("Forbidden: you may not admin this site (shell user alice)");
    }
}
