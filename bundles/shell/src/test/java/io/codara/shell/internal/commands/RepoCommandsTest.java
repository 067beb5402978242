package io.codara.shell.internal.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;

import io.codara.api.audit.Actor;
import io.codara.api.git.NewRepository;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
import io.codara.api.rest.ApiError.FieldError;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

class RepoCommandsTest {

    private final ShellFixture fixture = new ShellFixture();
    private final Repositories repositories = mock(Repositories.class);

    private static Repository repo(String owner, String name, Visibility visibility) {
        return new Repository(7, owner, name, null, null, List.of(), visibility, "main", false, false, null,
                Instant.EPOCH, Instant.EPOCH, null);
    }

    private RepoCreateCommand create(String shellUser) {
        RepoCreateCommand command = new RepoCreateCommand();
        command.accounts = fixture.accounts;
        command.permissions = fixture.permissions;
        command.repositories = repositories;
        command.session = ShellFixture.session(shellUser);
        command.owner = "acme";
        command.name = "widgets";
        return command;
    }

    @Test
    void createMakesTheRepositoryAsTheShellUser() {
        when(repositories.create(eq("acme"), any(), any())).thenReturn(repo("acme", "widgets", Visibility.PRIVATE));
        RepoCreateCommand command = create("admin");
        command.visibility = "private";
        command.init = true;
        command.license = "mit";

        ShellFixture.Result result = ShellFixture.run(command);

        assertThat(result.failure()).isNull();
        verify(repositories).create("acme", new NewRepository("widgets", null, null, Visibility.PRIVATE, true, null, "mit",
                null), new Actor("admin", null));
        assertThat(result.out()).contains("Created private repository acme/widgets (id 7, default branch main)");
    }

    @Test
    void createRefusesNonAdministratorsAndBadInputInOneLine() {
        assertThat(ShellFixture.run(create("alice")).failure()).isInstanceOf(CommandException.class);
        verify(repositories, never()).create(anyString(), any(), any());

        RepoCreateCommand badVisibility = create("admin");
        badVisibility.visibility = "secret";
        assertThat(ShellFixture.run(badVisibility).failure()).hasMessageContaining("--visibility");

        doThrow(ApiException.validation(List.of(new FieldError("Repository", "name", "already_exists", null))))
                .when(repositories).create(anyString(), any(), any());
        assertThat(ShellFixture.run(create("admin")).failure()).isInstanceOf(CommandException.class)
                .hasMessageContaining("Could not create repository acme/widgets").hasMessageContaining("name");
    }

    @Test
    void listShowsARepositoryTable() {
        when(repositories.list(eq("acme"), any(), eq(new PageRequest(1, 30))))
                .thenReturn(new Page<>(List.of(repo("acme", "widgets", Visibility.INTERNAL)), new PageRequest(1, 30), 1));
        RepoListCommand command = new RepoListCommand();
        command.accounts = fixture.accounts;
        command.permissions = fixture.permissions;
        command.repositories = repositories;
        command.session = ShellFixture.session("admin");
        command.owner = "acme";

        ShellFixture.Result result = ShellFixture.run(command);

        assertThat(result.failure()).isNull();
        assertThat(result.out()).contains("acme/widgets", "internal", "main", "never", "(1 repositories)");
    }

    @Test
    void forkForksAsTheShellUserAndRefusesAMalformedName() {
        when(repositories.fork(eq("alice"), eq("tools"), any(), any())).thenReturn(new Repository(9, "acme", "tools",
                null, null, List.of(), Visibility.PUBLIC, "main", false, false, 7L, Instant.EPOCH, Instant.EPOCH, null));
        RepoForkCommand command = new RepoForkCommand();
        command.accounts = fixture.accounts;
        command.permissions = fixture.permissions;
        command.repositories = repositories;
        command.session = ShellFixture.session("admin");
        command.repository = "alice/tools";
        command.owner = "acme";
        command.defaultBranchOnly = true;

        ShellFixture.Result result = ShellFixture.run(command);

        assertThat(result.failure()).isNull();
        verify(repositories).fork("alice", "tools", new io.codara.api.git.NewFork("acme", null, true),
                new Actor("admin", null));
        assertThat(result.out()).contains("Forked alice/tools into acme/tools (id 9)");
        command.repository = "tools";
        assertThat(ShellFixture.run(command).failure()).hasMessageContaining("owner/name");
    }
}
