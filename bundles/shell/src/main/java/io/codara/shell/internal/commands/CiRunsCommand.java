package io.codara.shell.internal.commands;

import java.util.List;

import io.codara.api.ci.RunSummary;
import io.codara.api.ci.WorkflowRuns;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.identity.Accounts;
import io.codara.api.security.Permissions;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code codara:ci-runs [owner/repo] [-s status] [-n limit]}: the newest workflow runs, of one repository or all. */
@Service
@Command(scope = "codara", name = "ci-runs", description = "Lists the newest CI workflow runs, of one repository or of all")
public final class CiRunsCommand implements Action {

    @Argument(index = 0, name = "repository", required = false,
            description = "The repository, as owner/name; every repository when left out")
    String repository;

    @Option(name = "-s", aliases = "--status", description = "Only runs in this status (queued, in_progress,"
            + " completed) or with this conclusion (success, failure, cancelled, skipped)")
    String status;

    @Option(name = "-n", aliases = "--limit", description = "At most this many runs (default 20, at most 1000)")
    int limit = 20;

    @Reference
    Session session;

    @Reference
    Accounts accounts;

    @Reference
    Permissions permissions;

    @Reference
    Repositories repositories;

    @Reference
    WorkflowRuns runs;

    @Override
    public Object execute() throws Exception {
        ShellCaller.siteAdmin(session, accounts, permissions);
        if (limit < 1 || limit > 1000) {
            throw new CommandException("limit: expected 1 to 1000, got " + limit);
        }
        Long repositoryId = null;
        if (repository != null) {
            String[] name = RepoGcCommand.ownerAndName(repository);
            repositoryId = repositories.find(name[0], name[1]).map(Repository::id)
                    .orElseThrow(() -> new CommandException("No repository " + repository));
        }
        List<RunSummary> found = runs.recent(repositoryId, status, limit);
        if (found.isEmpty()) {
            System.out.println("No workflow runs" + (repository == null ? "" : " in " + repository)
                    + (status == null ? "" : " with status " + status));
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Run").alignRight();
        table.column("Repository");
        table.column("Workflow");
        table.column("#").alignRight();
        table.column("Event");
        table.column("Branch");
        table.column("Commit");
        table.column("Status");
        table.column("Created");
        for (RunSummary r : found) {
            table.addRow().addContent(r.id(), r.repository() == null ? "(deleted)" : r.repository(), r.name(),
                    r.runNumber() + (r.attempt() > 1 ? "." + r.attempt() : ""), r.event(), r.headBranch(),
                    r.headSha().substring(0, Math.min(12, r.headSha().length())),
                    r.conclusion() == null ? r.status() : r.conclusion(),
                    r.createdAt().toString().substring(0, 19).replace('T', ' '));
        }
        table.print(System.out);
        return null;
    }
}
