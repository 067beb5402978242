package io.codara.shell.internal.commands;

import java.util.ArrayList;
import java.util.List;

import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes user logins for the {@code codara:*} commands. */
@Service
public final class LoginCompleter implements Completer {

    /** Completion reads at most this many users, so that a tab press stays quick on a large installation. */
    static final int MAX_USERS = 1000;

    @Reference
    Accounts accounts;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(logins(), false).complete(session, commandLine, candidates);
    }

    List<String> logins() {
        List<String> logins = new ArrayList<>();
        for (int page = 1; logins.size() < MAX_USERS; page++) {
            Page<Account> users = accounts.listUsers(new PageRequest(page, PageRequest.MAX_PER_PAGE), true);
            users.items().forEach(user -> logins.add(user.login()));
            if (page >= users.lastPage()) {
                break;
            }
        }
        return logins;
    }
}
