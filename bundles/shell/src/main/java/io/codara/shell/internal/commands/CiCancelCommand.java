package io.codara.shell.internal.commands;

import io.codara.api.ci.RunSummary;
import io.codara.api.ci.WorkflowRuns;
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

/** {@code codara:ci-cancel <run-id>}: cancels a workflow run (queued jobs are cancelled, running ones stopped). */
@Service
@Command(scope = "codara", name = "ci-cancel", description = "Cancels a CI workflow run")
public final class CiCancelCommand implements Action {

    @Argument(index = 0, name = "run", required = true, description = "The run's id (codara:ci-runs lists them)")
    long run;

    @Reference
    Session session;

    @Reference
    Accounts accounts;

    @Reference
    Permissions permissions;

    @Reference
    WorkflowRuns runs;

    @Override
    public Object execute() throws Exception {
        ShellCaller.siteAdmin(session, accounts, permissions);
        RunSummary cancelled;
        try {
            cancelled = runs.cancel(run).orElseThrow(() -> new CommandException("No workflow run " + run));
        } catch (ApiException e) {
            throw ApiErrors.failure("Could not cancel run " + run, e);
        }
        System.out.println("Run " + run + " (" + cancelled.repository() + ", " + cancelled.name() + " #"
                + cancelled.runNumber() + "): " + (cancelled.conclusion() == null ? cancelled.status() + ", stopping"
                        : cancelled.conclusion()));
        return null;
    }
}
