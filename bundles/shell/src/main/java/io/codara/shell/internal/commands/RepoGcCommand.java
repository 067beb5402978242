package io.codara.shell.internal.commands;

import java.util.Locale;

import io.codara.api.git.GcReport;
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

/** {@code codara:repo-gc owner/repo}: repacks a repository now and prints its size before and after. */
@Service
@Command(scope = "codara", name = "repo-gc", description = "Repacks a repository now (as background maintenance does)")
public final class RepoGcCommand implements Action {

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
        String[] name = ownerAndName(repository);
        GcReport report;
        try {
            report = housekeeping.gc(name[0], name[1], caller.actor());
        } catch (ApiException e) {
            throw ApiErrors.failure("Could not repack " + repository, e);
        }
        System.out.println(report.repository() + ": " + report.outcome() + " (" + report.took().toMillis() + " ms)");
        System.out.println("  before: " + describe(report.before()));
        System.out.println("  after:  " + describe(report.after()));
        return null;
    }

    static String describe(GcReport.DiskUsage usage) {
        return String.format(Locale.ROOT, "%d bytes (%d in %d packs, %d loose), %d packed objects, %d loose objects",
                usage.totalBytes(), usage.packBytes(), usage.packs(), usage.looseBytes(), usage.packedObjects(),
                usage.looseObjects());
    }

    static String[] ownerAndName(String repository) throws CommandException {
        String[] parts = repository == null ? new String[0] : repository.split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new CommandException("repository: expected owner/name, got " + repository);
        }
        return parts;
    }
}
