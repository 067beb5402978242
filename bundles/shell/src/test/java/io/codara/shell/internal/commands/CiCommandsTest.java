package io.codara.shell.internal.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

import io.codara.api.ci.RunSummary;
import io.codara.api.ci.RunnerInfo;
import io.codara.api.ci.WorkflowRuns;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
import io.codara.api.rest.ApiException;

class CiCommandsTest {

    private final ShellFixture fixture = new ShellFixture();
    private final WorkflowRuns runs = mock(WorkflowRuns.class);
    private final Repositories repositories = mock(Repositories.class);

    private static RunSummary run(long id, String repository, String status, String conclusion) {
        return new RunSummary(id, 7, repository, ".codara/workflows/ci.yml", "CI", "push", "main",
                "0123456789abcdef0123456789abcdef01234567", 3, 2, status, conclusion, "alice",
                Instant.parse("2026-11-30T22:00:00Z"));
    }

    private CiRunsCommand list(String shellUser, String repository, String status, int limit) {
        CiRunsCommand command = new CiRunsCommand();
        command.session = ShellFixture.session(shellUser);
        command.accounts = fixture.accounts;
        command.permissions = fixture.permissions;
        command.repositories = repositories;
        command.runs = runs;
        command.repository = repository;
        command.status = status;
        command.limit = limit;
        return command;
    }

    private CiCancelCommand cancel(String shellUser, long run) {
        CiCancelCommand command = new CiCancelCommand();
        command.session = ShellFixture.session(shellUser);
        command.accounts = fixture.accounts;
        command.permissions = fixture.permissions;
        command.runs = runs;
        command.run = run;
        return command;
    }

    private RunnerListCommand runners(String shellUser) {
        RunnerListCommand command = new RunnerListCommand();
        command.session = ShellFixture.session(shellUser);
        command.accounts = fixture.accounts;
        command.permissions = fixture.permissions;
        command.runs = runs;
        return command;
    }

    @Test
    void listsTheNewestRunsOfOneRepositoryOrAll() {
        when(runs.recent(null, null, 20)).thenReturn(List.of(run(42, "alice/tools", "completed", "failure"),
                run(41, null, "queued", null)));
        ShellFixture.Result all = ShellFixture.run(list("admin", null, null, 20));
        assertThat(all.failure()).isNull();
        assertThat(all.out()).contains("42").contains("alice/tools").contains("3.2").contains("failure")
                .contains("0123456789ab").contains("2026-11-30 22:00:00").contains("(deleted)").contains("queued");

        when(repositories.find("alice", "tools")).thenReturn(Optional.of(new Repository(7, "alice", "tools", null,
                null, List.of(), Visibility.PUBLIC, "main", false, false, null, Instant.now(), Instant.now(), null)));
        when(runs.recent(7L, "success", 5)).thenReturn(List.of());
        assertThat(ShellFixture.run(list("admin", "alice/tools", "success", 5)).out())
                .contains("No workflow runs in alice/tools with status success");
        assertThat(ShellFixture.run(list("admin", "alice/nothing", null, 5)).failure())
                .isInstanceOf(CommandException.class).hasMessageContaining("No repository alice/nothing");
        assertThat(ShellFixture.run(list("admin", null, null, 0)).failure()).hasMessageContaining("limit");
        assertThat(ShellFixture.run(list("alice", null, null, 20)).failure()).isInstanceOf(CommandException.class)
                .hasMessageContaining("shell user alice");
    }

    @Test
    void cancelsARunAndSaysWhyItCouldNot() {
        when(runs.cancel(42)).thenReturn(Optional.of(run(42, "alice/tools", "completed", "cancelled")));
        ShellFixture.Result done = ShellFixture.run(cancel("admin", 42));
        assertThat(done.failure()).isNull();
        assertThat(done.out()).contains("Run 42 (alice/tools, CI #3): cancelled");

        when(runs.cancel(43)).thenReturn(Optional.empty());
        assertThat(ShellFixture.run(cancel("admin", 43)).failure()).hasMessageContaining("No workflow run 43");
        when(runs.cancel(44)).thenThrow(new ApiException(409, "Cannot cancel a workflow run that is completed."));
        assertThat(ShellFixture.run(cancel("admin", 44)).failure()).hasMessageContaining("Could not cancel run 44")
                .hasMessageContaining("completed");
        assertThat(ShellFixture.run(cancel("alice", 45)).failure()).hasMessageContaining("shell user alice");
        verify(runs, never()).cancel(45);
    }

    @Test
    void listsThisNodesRunnersAndTheRegisteredRemoteOnes() {
        when(runs.runners()).thenReturn(List.of(new RunnerInfo("shell", Set.of("shell", "linux", "x64"), 2),
                new RunnerInfo("remote:gpu-box", Set.of("self-hosted", "gpu-free"), 0, "remote", "offline",
                        "repository alice/tools")));
        ShellFixture.Result result = ShellFixture.run(runners("admin"));
        assertThat(result.failure()).isNull();
        assertThat(result.out()).contains("shell").contains("linux, shell, x64").contains("2").contains("local")
                .contains("node");
        assertThat(result.out()).contains("remote:gpu-box").contains("offline").contains("repository alice/tools")
                .contains("gpu-free, self-hosted");
        when(runs.runners()).thenReturn(List.of());
        assertThat(ShellFixture.run(runners("admin")).out()).contains("No runners on this node");
    }
}
