package io.codara.shell.internal.commands;

import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Permissions;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code codara:repo-list}: an owner's repositories, as the site administrator sees them (private ones included). */
@Service
@Command(scope = "codara", name = "repo-list", description = "Lists a user's or an organisation's repositories")
public final class RepoListCommand implements Action {

    @Argument(index = 0, name = "owner", required = true, description = "The owning user or organisation")
    @Completion(LoginCompleter.class)
    String owner;

    @Option(name = "--page", description = "Page number, from 1")
    int page = 1;

    @Option(name = "--per-page", description = "Repositories per page (at most " + PageRequest.MAX_PER_PAGE + ")")
    int perPage = PageRequest.DEFAULT_PER_PAGE;

    @Reference
    Session session;

    @Reference
    Accounts accounts;

    @Reference
    Permissions permissions;

    @Reference
    Repositories repositories;

    @Override
    public Object execute() throws Exception {
        ShellCaller caller = ShellCaller.siteAdmin(session, accounts, permissions);
        Page<Repository> repos;
        try {
            repos = repositories.list(owner, caller.principal(), new PageRequest(page, perPage));
        } catch (io.codara.api.rest.ApiException e) {
            throw ApiErrors.failure("Could not list the repositories of " + owner, e);
        }
        ShellTable table = new ShellTable();
        table.column("Repository");
        table.column("Visibility");
        table.column("Default branch");
        table.column("Archived");
        table.column("Pushed");
        for (Repository repo : repos.items()) {
            table.addRow().addContent(repo.fullName(), repo.visibility().githubName(), repo.defaultBranch(),
                    repo.archived() ? "yes" : "", repo.pushedAt() == null ? "never" : repo.pushedAt().toString());
        }
        table.print(System.out);
        System.out.println("Page " + page + " of " + repos.lastPage() + " (" + repos.total() + " repositories)");
        return null;
    }
}
