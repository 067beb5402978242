package io.codara.shell.internal.commands;

import java.security.AccessController;
import java.util.Optional;

import javax.security.auth.Subject;

import io.codara.api.audit.Actor;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;

import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;

/** The Codara user running a shell command, as the permission service judges them and the audit log records them. */
record ShellCaller(Principal principal) {

    /** Session variable under which Karaf's SSH server keeps the session's JAAS subject. */
    static final String SUBJECT_VARIABLE = Subject.class.getName();

    static ShellCaller of(Session session, Accounts accounts) throws CommandException {
        // Looked up for every command, not once per session: a user suspended or demoted meanwhile loses the shell.
        String login = shellUser(session);
        Optional<Account> account = accounts.find(login);
        boolean siteAdmin = account.map(a -> !a.organization() && a.siteAdmin() && !a.suspended()).orElse(false);
        return new ShellCaller(new Principal(account.map(Account::login).orElse(login), siteAdmin, null));
    }

    /** {@link #of} and a check that the caller administers the site; the refusal names the shell user. */
    static ShellCaller siteAdmin(Session session, Accounts accounts, Permissions permissions) throws CommandException {
        ShellCaller caller = of(session, accounts);
        caller.requireSiteAdmin(permissions);
        return caller;
    }

    void requireSiteAdmin(Permissions permissions) throws CommandException {
        try {
            permissions.require(principal, "admin", ResourceRef.SITE);
        } catch (ApiException refused) {
            throw new CommandException(refused.getMessage() + " (shell user " + login() + ")");
        }
    }

    String login() {
        return principal.login();
    }

    /** The audit log's actor: no address, as the shell is not an HTTP client (SSH sessions are logged by Karaf). */
    Actor actor() {
        return new Actor(login(), null);
    }

    /**
     * The login of the session's user. Karaf runs every session inside {@code Subject.doAs} with the subject its
     * JAAS realm produced (SSH, and the local console with {@code karaf.local.user}), which is how Karaf's own
     * {@code ShellUtil.getCurrentUserName} finds it; its SSH server also puts the subject into the session
     * variable {@value #SUBJECT_VARIABLE}, used when the access control context has none. The access control
     * context comes first because shell users can overwrite session variables.
     */
    static String shellUser(Session session) throws CommandException {
        Subject subject = contextSubject();
        if (subject == null && session != null && session.get(SUBJECT_VARIABLE) instanceof Subject fromSession) {
            subject = fromSession;
        }
        if (subject != null) {
            for (UserPrincipal user : subject.getPrincipals(UserPrincipal.class)) {
                return user.getName();
            }
        }
        throw new CommandException("This shell session has no signed-in user");
    }

    @SuppressWarnings("removal")
    private static Subject contextSubject() {
        try {
            // Deprecated for removal since Java 17 but what Karaf 4.4 itself relies on.
            return Subject.getSubject(AccessController.getContext());
        } catch (UnsupportedOperationException laterJava) {
            // Java 23+ refuses this without a security manager; the session variable still answers.
            return null;
        }
    }
}
