package io.codara.shell.internal.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;

import io.codara.api.rest.ApiException;
import io.codara.api.search.IndexStatus;
import io.codara.api.search.IndexedBranch;
import io.codara.api.search.SearchIndexAdmin;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

class SearchCommandsTest {

    private final ShellFixture fixture = new ShellFixture();
    private final SearchIndexAdmin search = mock(SearchIndexAdmin.class);

    private SearchRebuildCommand rebuild(String shellUser, String repository) {
        SearchRebuildCommand command = new SearchRebuildCommand();
        command.accounts = fixture.accounts;
        command.permissions = fixture.permissions;
        command.search = search;
        command.session = ShellFixture.session(shellUser);
        command.repository = repository;
        return command;
    }

    private SearchStatusCommand status(String shellUser) {
        SearchStatusCommand command = new SearchStatusCommand();
        command.accounts = fixture.accounts;
        command.permissions = fixture.permissions;
        command.search = search;
        command.session = ShellFixture.session(shellUser);
        return command;
    }

    @Test
    void rebuildsOneRepositoryOrAllForSiteAdministratorsOnly() {
        ShellFixture.Result one = ShellFixture.run(rebuild("admin", "acme/widgets"));
        assertThat(one.failure()).isNull();
        assertThat(one.out()).contains("acme/widgets: dropped from the code search index and queued for indexing");
        verify(search).rebuild("acme", "widgets");

        when(search.rebuildAll()).thenReturn(3);
        assertThat(ShellFixture.run(rebuild("admin", null)).out()).contains("3 repositories queued for indexing");

        doThrow(ApiException.notFound()).when(search).rebuild("acme", "gone");
        assertThat(ShellFixture.run(rebuild("admin", "acme/gone")).failure()).isInstanceOf(CommandException.class)
                .hasMessageContaining("Could not rebuild the index of acme/gone");
        assertThat(ShellFixture.run(rebuild("admin", "not-a-repository")).failure())
                .hasMessageContaining("expected owner/name");

        ShellFixture.Result refused = ShellFixture.run(rebuild("alice", null));
        assertThat(refused.failure()).isInstanceOf(CommandException.class).hasMessageContaining("shell user alice");
        verify(search, never()).rebuild("acme", "other");
    }

    @Test
    void statusShowsTotalsAndEveryIndexedBranch() {
        when(search.status()).thenReturn(new IndexStatus(1, 8, 4000, 3000, 2, List.of(
                new IndexedBranch(1, "acme/time", "main", "0123456789abcdef0123456789abcdef01234567", 8),
                new IndexedBranch(9, null, "main", "fedcba9876543210fedcba9876543210fedcba98", 0)),
                List.of("Universal Ctags was not found at ctags: only Java files get symbols")));
        ShellFixture.Result result = ShellFixture.run(status("admin"));
        assertThat(result.failure()).isNull();
        assertThat(result.out()).contains("1 repositories, 8 files, 4000 bytes of source in 3000 bytes of index (0.75x);"
                + " 2 indexing jobs pending").contains("acme/time").contains("0123456789ab").contains("(deleted, id 9)")
                .contains("Problem: Universal Ctags was not found at ctags: only Java files get symbols");
        assertThat(ShellFixture.run(status("alice")).failure()).isInstanceOf(CommandException.class);
    }
}
