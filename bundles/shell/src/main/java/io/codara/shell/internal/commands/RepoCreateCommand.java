package io.codara.shell.internal.commands;

import io.codara.api.git.NewRepository;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
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

/** {@code codara:repo-create}: creates a repository for a user or an organisation. */
@Service
@Command(scope = "codara", name = "repo-create", description = "Creates a repository for a user or an organisation")
public final class RepoCreateCommand implements Action {

    @Argument(index = 0, name = "owner", required = true, description = "The owning user or organisation")
    @Completion(LoginCompleter.class)
    String owner;

    @Argument(index = 1, name = "name", required = true, description = "The repository's name")
    String name;

    @Option(name = "--description", description = "Description")
    String description;

    @Option(name = "--visibility", description = "public (default), internal or private")
    String visibility = "public";

    @Option(name = "--init", description = "Make a first commit with a README")
    boolean init;

    @Option(name = "--gitignore", description = "A .gitignore template for the first commit, e.g. Java")
    String gitignore;

    @Option(name = "--license", description = "A licence for the first commit, e.g. mit or apache-2.0")
    String license;

    @Option(name = "--default-branch", description = "The first branch's name (default main)")
    String defaultBranch;

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
        Visibility chosen;
        try {
            chosen = Visibility.parse(visibility);
        } catch (IllegalArgumentException e) {
            throw new CommandException("--visibility: " + e.getMessage());
        }
        Repository repository;
        try {
            repository = repositories.create(owner, new NewRepository(name, description, null, chosen, init, gitignore,
                    license, defaultBranch), caller.actor());
        } catch (ApiException e) {
            throw ApiErrors.failure("Could not create repository " + owner + "/" + name, e);
        }
        System.out.println("Created " + repository.visibility().githubName() + " repository " + repository.fullName()
                + " (id " + repository.id() + ", default branch " + repository.defaultBranch() + ")");
        return null;
    }
}
