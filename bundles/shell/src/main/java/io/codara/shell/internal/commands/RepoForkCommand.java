package io.codara.shell.internal.commands;

import io.codara.api.git.NewFork;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.identity.Accounts;
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
import org.apache.karaf.shell.support.CommandException;

/** {@code codara:repo-fork}: forks a repository into a user or an organisation, sharing its objects. */
@Service
@Command(scope = "codara", name = "repo-fork", description = "Forks a repository into a user or an organisation")
public final class RepoForkCommand implements Action {

    @Argument(index = 0, name = "repository", required = true, description = "The repository to fork, owner/name")
    String repository;

    @Argument(index = 1, name = "owner", required = true, description = "The user or organisation to fork into")
    @Completion(LoginCompleter.class)
    String owner;

    @Option(name = "--name", description = "The fork's name (default: the repository's)")
    String name;

    @Option(name = "--default-branch-only", description = "Copy only the default branch")
    boolean defaultBranchOnly;

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
        int slash = repository.indexOf('/');
        if (slash <= 0 || slash == repository.length() - 1) {
            throw new CommandException("repository: expected owner/name, got " + repository);
        }
        Repository fork;
        try {
            fork = repositories.fork(repository.substring(0, slash), repository.substring(slash + 1),
                    new NewFork(owner, name, defaultBranchOnly), caller.actor());
        } catch (ApiException e) {
            throw ApiErrors.failure("Could not fork " + repository + " into " + owner, e);
        }
        System.out.println("Forked " + repository + " into " + fork.fullName() + " (id " + fork.id() + ")");
        return null;
    }
}
