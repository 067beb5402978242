package io.codara.shell.internal.commands;

import io.codara.api.identity.Accounts;
import io.codara.api.rest.ApiException;
import io.codara.api.search.SearchIndexAdmin;
import io.codara.api.security.Permissions;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/**
 * {@code codara:search-rebuild [owner/repo]}: drops the code search index of one repository (or of all) and queues
 * its indexing from git; {@code codara:search-status} shows the progress.
 */
@Service
@Command(scope = "codara", name = "search-rebuild",
        description = "Rebuilds the code search index from git, of one repository or of all (in the background)")
public final class SearchRebuildCommand implements Action {

    @Argument(index = 0, name = "repository", required = false,
            description = "The repository, as owner/name; all repositories when left out")
    String repository;

    @Reference
    Session session;

    @Reference
    Accounts accounts;

    @Reference
    Permissions permissions;

    @Reference
    SearchIndexAdmin search;

    @Override
    public Object execute() throws Exception {
        ShellCaller.siteAdmin(session, accounts, permissions);
        if (repository == null) {
            int queued = search.rebuildAll();
            System.out.println("Code search index emptied; " + queued + " repositories queued for indexing"
                    + " (codara:search-status shows the progress)");
            return null;
        }
        String[] name = RepoGcCommand.ownerAndName(repository);
        try {
            search.rebuild(name[0], name[1]);
        } catch (ApiException e) {
            throw ApiErrors.failure("Could not rebuild the index of " + repository, e);
        }
        System.out.println(repository + ": dropped from the code search index and queued for indexing");
        return null;
    }
}
