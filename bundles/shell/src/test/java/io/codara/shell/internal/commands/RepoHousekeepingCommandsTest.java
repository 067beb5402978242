package io.codara.shell.internal.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;

import io.codara.api.audit.Actor;
import io.codara.api.git.FsckReport;
import io.codara.api.git.GcReport;
import io.codara.api.git.RepositoryHousekeeping;
import io.codara.api.rest.ApiException;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

class RepoHousekeepingCommandsTest {

    private final ShellFixture fixture = new ShellFixture();
    private final RepositoryHousekeeping housekeeping = mock(RepositoryHousekeeping.class);

    private RepoFsckCommand fsck(String shellUser, String repository) {
        RepoFsckCommand command = new RepoFsckCommand();
        command.accounts = fixture.accounts;
        command.permissions = fixture.permissions;
        command.housekeeping = housekeeping;
        command.session = ShellFixture.session(shellUser);
        command.repository = repository;
        return command;
    }

    private RepoGcCommand gc(String shellUser, String repository) {
        RepoGcCommand command = new RepoGcCommand();
        command.accounts = fixture.accounts;
        command.permissions = fixture.permissions;
        command.housekeeping = housekeeping;
        command.session = ShellFixture.session(shellUser);
        command.repository = repository;
        return command;
    }

    @Test
    void fsckPrintsACleanResultOrEveryProblemAndFails() {
        when(housekeeping.fsck("acme", "widgets", new Actor("admin", null)))
                .thenReturn(new FsckReport("acme/widgets", 42, List.of(), false));
        ShellFixture.Result clean = ShellFixture.run(fsck("admin", "acme/widgets"));
        assertThat(clean.failure()).isNull();
        assertThat(clean.out()).contains("acme/widgets: 42 objects checked, no problems");

        when(housekeeping.fsck("acme", "broken", new Actor("admin", null))).thenReturn(new FsckReport("acme/broken", 9,
                List.of("missing blob 0123456789012345678901234567890123456789 (at README.md)"), false));
        ShellFixture.Result broken = ShellFixture.run(fsck("admin", "acme/broken"));
        assertThat(broken.out()).contains("missing blob 0123456789012345678901234567890123456789 (at README.md)");
        assertThat(broken.failure()).isInstanceOf(CommandException.class)
                .hasMessageContaining("acme/broken: 1 problems in 9 objects checked");
    }

    @Test
    void fsckAndGcRefuseNonAdministratorsBadNamesAndUnknownRepositories() {
        assertThat(ShellFixture.run(fsck("alice", "acme/widgets")).failure()).isInstanceOf(CommandException.class);
        assertThat(ShellFixture.run(gc("alice", "acme/widgets")).failure()).isInstanceOf(CommandException.class);
        assertThat(ShellFixture.run(fsck("admin", "acme")).failure()).hasMessageContaining("owner/name");
        assertThat(ShellFixture.run(gc("admin", "acme/widgets/x")).failure()).hasMessageContaining("owner/name");
        verify(housekeeping, never()).fsck(anyString(), anyString(), any());
        verify(housekeeping, never()).gc(anyString(), anyString(), any());

        when(housekeeping.gc("acme", "nope", new Actor("admin", null))).thenThrow(ApiException.notFound());
        assertThat(ShellFixture.run(gc("admin", "acme/nope")).failure()).isInstanceOf(CommandException.class)
                .hasMessageContaining("Could not repack acme/nope");
    }

    @Test
    void gcPrintsTheSizeBeforeAndAfter() {
        when(housekeeping.gc("acme", "widgets", new Actor("admin", null))).thenReturn(new GcReport("acme/widgets",
                "repacked with a bitmap index", new GcReport.DiskUsage(1000, 5000, 3, 30, 50), new GcReport.DiskUsage(2500, 0, 1, 80, 0),
                Duration.ofMillis(120)));
        ShellFixture.Result result = ShellFixture.run(gc("admin", "acme/widgets"));
        assertThat(result.failure()).isNull();
        assertThat(result.out()).contains("acme/widgets: repacked with a bitmap index (120 ms)",
                "before: 6000 bytes (1000 in 3 packs, 5000 loose), 30 packed objects, 50 loose objects",
                "after:  2500 bytes (2500 in 1 packs, 0 loose), 80 packed objects, 0 loose objects");
    }
}
