package io.codara.shell.internal.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;

import io.codara.api.identity.Account;
import io.codara.api.identity.AccountType;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserListCommandTest {

    private final ShellFixture fixture = new ShellFixture();
    private final UserListCommand command = new UserListCommand();

    @BeforeEach
    void setUp() {
        command.accounts = fixture.accounts;
        command.permissions = fixture.permissions;
        command.session = ShellFixture.session("admin");
    }

    @Test
    void printsATableOfOnePageAndWhereItIs() {
        Instant suspended = Instant.parse("2024-06-02T09:15:30.999Z");
        Account carol = new Account(3, "carol", AccountType.USER, "Carol C.", "carol@example.com", null, null, null,
                null, false, suspended, null, null, ShellFixture.CREATED, ShellFixture.CREATED);
        when(fixture.accounts.listUsers(any(), anyBoolean())).thenReturn(
                new Page<>(List.of(ShellFixture.user(1, "admin", true), carol), new PageRequest(2, 2), 5));
        command.withSuspended = true;
        command.page = 2;
        command.perPage = 2;

        ShellFixture.Result result = ShellFixture.run(command);

        assertThat(result.failure()).isNull();
        verify(fixture.accounts).listUsers(new PageRequest(2, 2), true);
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).contains("Login").contains("Name").contains("Site admin").contains("Suspended")
                .contains("Created");
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("admin").contains("yes")
                .contains("2024-05-01T12:00:00Z"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("carol").contains("Carol C.")
                .contains("2024-06-02T09:15:30Z"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("Page 2 of 3, 5 users");
        assertThat(result.out()).as("emails are not listed").doesNotContain("@example.com");
    }

    @Test
    void hidesSuspendedUsersUnlessAsked() {
        when(fixture.accounts.listUsers(any(), anyBoolean())).thenReturn(new Page<>(List.of(), new PageRequest(1, 30), 0));

        ShellFixture.Result result = ShellFixture.run(command);

        verify(fixture.accounts).listUsers(new PageRequest(1, PageRequest.DEFAULT_PER_PAGE), false);
        assertThat(result.out()).contains("No users").endsWith("Page 1 of 1, 0 users (suspended users hidden)\n");
    }

    @Test
    void aUserWhoIsNoSiteAdministratorIsRefused() {
        command.session = ShellFixture.session("alice");

        ShellFixture.Result result = ShellFixture.run(command);

        assertThat(result.failure()).isInstanceOf(CommandException.class).hasMessageContaining("Forbidden");
        verify(fixture.accounts, never()).listUsers(any(), anyBoolean());
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aBadPageIsOneClearLine() {
        command.perPage = 0;

        ShellFixture.Result result = ShellFixture.run(command);

        assertThat(result.failure()).isInstanceOf(CommandException.class)
                .hasMessage("Could not list users: per_page must be 1 or more");
        verify(fixture.accounts, never()).listUsers(any(), eq(false));
    }
}
