package io.codara.shell.internal.commands;

import java.util.Locale;

import io.codara.api.identity.Accounts;
import io.codara.api.search.IndexStatus;
import io.codara.api.search.IndexedBranch;
import io.codara.api.search.SearchIndexAdmin;
import io.codara.api.security.Permissions;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code codara:search-status}: what the code search index holds, per repository and branch. */
@Service
@Command(scope = "codara", name = "search-status", description = "Shows what the code search index holds")
public final class SearchStatusCommand implements Action {

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
        IndexStatus status = search.status();
        System.out.printf(Locale.ROOT, "%d repositories, %d files, %d bytes of source in %d bytes of index (%.2fx);"
                + " %d indexing jobs pending%n", status.repositories(), status.files(), status.bytes(),
                status.indexBytes(), status.bytes() == 0 ? 0.0 : (double) status.indexBytes() / status.bytes(),
                status.pendingJobs());
        for (String problem : status.problems()) {
            System.out.println("Problem: " + problem);
        }
        if (status.branches().isEmpty()) {
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Repository");
        table.column("Branch");
        table.column("Commit");
        table.column("Files").alignRight();
        for (IndexedBranch b : status.branches()) {
            table.addRow().addContent(b.repository() == null ? "(deleted, id " + b.repositoryId() + ")" : b.repository(),
                    b.branch(), b.commit().substring(0, Math.min(12, b.commit().length())), b.files());
        }
        table.print(System.out);
        return null;
    }
}
