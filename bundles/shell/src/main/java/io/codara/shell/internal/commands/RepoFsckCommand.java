package io.codara.shell.internal.commands;

import io.codara.api.git.FsckReport;
import io.codara.api.git.RepositoryHousekeeping;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Permissions;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;

/**
 * {@code codara:repo-fsck owner/repo}: checks that every object reachable from a ref is there and well formed;
 * prints each problem and fails (so a script sees it) when there is any.
 */
@Service
@Command(scope = "codara", name = "repo-fsck", description = "Checks a repository's objects, as git fsck does")
public final class RepoFsckCommand implements Action {

    @Argument(index = 0, name = "repository", required = true, description = "The repository, as owner/name")
    String repository;

    @Reference
    Session session;

    @Reference
    Accounts accounts;

    @Reference
    Permissions permissions;

    @Reference
    RepositoryHousekeeping housekeeping;

    @Override
    public Object execute() throws Exception {
        ShellCaller caller = ShellCaller.siteAdmin(session, accounts, permissions);
        String[] name = RepoGcCommand.ownerAndName(repository);
        FsckReport report;
        try {
            report = housekeeping.fsck(name[0], name[1], caller.actor());
        } catch (ApiException e) {
            throw ApiErrors.failure("Could not check " + repository, e);
        }
        if (report.clean()) {
            System.out.println(report.repository() + ": " + report.objectsChecked() + " objects checked, no problems");
            return null;
        }
        report.problems().forEach(System.out::println);
        throw new CommandException(report.repository() + ": " + report.problems().size()
                + (report.truncated() ? " or more" : "") + " problems in " + report.objectsChecked()
                + " objects checked");
    }
}
