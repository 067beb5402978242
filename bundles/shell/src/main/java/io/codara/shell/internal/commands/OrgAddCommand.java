package io.codara.shell.internal.commands;

import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.identity.NewAccount;
import io.codara.api.identity.Organizations;
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

/** {@code codara:org-add}: creates an organisation with a user as its first owner. */
@Service
@Command(scope = "codara", name = "org-add", description = "Creates a Codara organisation")
public final class OrgAddCommand implements Action {

    @Argument(index = 0, name = "login", required = true, description = "The organisation's login")
    String login;

    @Option(name = "--owner", required = true, description = "The user who becomes its first owner")
    @Completion(LoginCompleter.class)
    String owner;

    @Option(name = "--name", description = "Display name")
    String name;

    @Option(name = "--email", description = "Public email")
    String email;

    @Reference
    Session session;

    @Reference
    Accounts accounts;

    @Reference
    Organizations organizations;

    @Reference
    Permissions permissions;

    @Override
    public Object execute() throws Exception {
        ShellCaller caller = ShellCaller.siteAdmin(session, accounts, permissions);
        Account organization;
        try {
            organization = organizations.create(new NewAccount(login, name, email, null, false), owner, caller.actor());
        } catch (ApiException e) {
            throw ApiErrors.failure("Could not create organisation " + login, e);
        }
        System.out.println("Created organisation " + organization.login() + " (id " + organization.id()
                + ") owned by " + owner);
        return null;
    }
}
