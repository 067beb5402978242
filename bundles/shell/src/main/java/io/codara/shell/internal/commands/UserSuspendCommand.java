package io.codara.shell.internal.commands;

import io.codara.api.identity.Account;
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

/** {@code codara:user-suspend}: suspends a user, or with {@code --undo} lets them back in. */
@Service
@Command(scope = "codara", name = "user-suspend",
        description = "Suspends a Codara user: they cannot sign in and their tokens and sessions stop working")
public final class UserSuspendCommand implements Action {

    @Argument(index = 0, name = "login", required = true, description = "The user's login")
    @Completion(LoginCompleter.class)
    String login;

    @Option(name = "--undo", description = "Unsuspend the user instead")
    boolean undo;

    @Reference
    Session session;

    @Reference
    Accounts accounts;

    @Reference
    Permissions permissions;

    @Override
    public Object execute() throws Exception {
        ShellCaller caller = ShellCaller.siteAdmin(session, accounts, permissions);
        Account user;
        try {
            user = accounts.setSuspended(login, !undo, caller.actor());
        } catch (ApiException e) {
            throw ApiErrors.failure("Could not " + (undo ? "unsuspend " : "suspend ") + login, e);
        }
        System.out.println(user.suspended()
                ? "Suspended " + user.login() + ": their sessions and tokens no longer work"
                : "Unsuspended " + user.login());
        return null;
    }
}
