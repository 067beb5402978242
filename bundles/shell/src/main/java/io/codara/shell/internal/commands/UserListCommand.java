package io.codara.shell.internal.commands;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Permissions;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code codara:user-list}: one page of users, oldest first. */
@Service
@Command(scope = "codara", name = "user-list", description = "Lists Codara users")
public final class UserListCommand implements Action {

    @Option(name = "--suspended", description = "Include suspended users")
    boolean withSuspended;

    @Option(name = "--page", description = "Page number, from 1")
    int page = 1;

    @Option(name = "--per-page", description = "Users per page (at most " + PageRequest.MAX_PER_PAGE + ")")
    int perPage = PageRequest.DEFAULT_PER_PAGE;

    @Reference
    Session session;

    @Reference
    Accounts accounts;

    @Reference
    Permissions permissions;

    @Override
    public Object execute() throws Exception {
        ShellCaller.siteAdmin(session, accounts, permissions);
        Page<Account> users;
        try {
            users = accounts.listUsers(new PageRequest(page, perPage), withSuspended);
        } catch (ApiException e) {
            throw ApiErrors.failure("Could not list users", e);
        }
        ShellTable table = new ShellTable().emptyTableText("No users");
        table.column("Login");
        table.column("Name");
        table.column("Site admin");
        table.column("Suspended");
        table.column("Created");
        for (Account user : users.items()) {
            table.addRow().addContent(user.login(), user.name() == null ? "" : user.name(),
                    user.siteAdmin() ? "yes" : "", user.suspended() ? time(user.suspendedAt()) : "",
                    time(user.createdAt()));
        }
        table.print(System.out);
        System.out.println("Page " + users.request().page() + " of " + users.lastPage() + ", " + users.total()
                + (users.total() == 1 ? " user" : " users") + (withSuspended ? "" : " (suspended users hidden)"));
        return null;
    }

    static String time(Instant instant) {
        return instant == null ? "" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
