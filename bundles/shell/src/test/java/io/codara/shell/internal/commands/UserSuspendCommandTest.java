package io.codara.shell.internal.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;

import io.codara.api.audit.Actor;
import io.codara.api.identity.Account;
import io.codara.api.identity.AccountType;
import io.codara.api.rest.ApiError.FieldError;
import io.codara.api.rest.ApiException;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserSuspendCommandTest {

    private final ShellFixture fixture = new ShellFixture();
    private final UserSuspendCommand command = new UserSuspendCommand();

    @BeforeEach
    void setUp() {
        command.accounts = fixture.accounts;
        command.permissions = fixture.permissions;
        command.session = ShellFixture.session("admin");
        command.login = "bob";
        when(fixture.accounts.setSuspended(anyString(), anyBoolean(), any())).thenAnswer(inv -> {
            boolean suspend = inv.getArgument(1);
            Instant now = Instant.now();
            return new Account(9, "Bob", AccountType.USER, null, null, null, null, null, null, false,
                    suspend ? now : null, null, null, now, now);
        });
    }

    @Test
    void suspendsAsTheShellUser() {
        ShellFixture.Result result = ShellFixture.run(command);

        assertThat(result.failure()).isNull();
        verify(fixture.accounts).setSuspended("bob", true, new Actor("admin", null));
        assertThat(result.out()).isEqualTo("Suspended Bob: their sessions and tokens no longer work\n");
    }

    @Test
    void undoUnsuspends() {
        command.undo = true;

        ShellFixture.Result result = ShellFixture.run(command);

        verify(fixture.accounts).setSuspended("bob", false, new Actor("admin", null));
        assertThat(result.out()).isEqualTo("Unsuspended Bob\n");
    }

    @Test
    void aUserWhoIsNoSiteAdministratorIsRefused() {
        command.session = ShellFixture.session("alice");

        ShellFixture.Result result = ShellFixture.run(command);

        assertThat(result.failure()).isInstanceOf(CommandException.class)
                .hasMessage("Forbidden: you may not admin this site (shell user alice)");
        verify(fixture.accounts, never()).setSuspended(anyString(), anyBoolean(), any());
    }

    @Test
    void refusalsOfTheServiceAreOneClearLine() {
        doThrow(ApiException.validation(List.of(
                new FieldError("User", "suspended", "custom", "the last active site administrator cannot be suspended"))))
                .when(fixture.accounts).setSuspended(eq("bob"), eq(true), any());

        ShellFixture.Result result = ShellFixture.run(command);

        assertThat(result.failure()).isInstanceOf(CommandException.class).hasMessage("Could not suspend bob: "
                + "Validation Failed: suspended (the last active site administrator cannot be suspended)");
    }

    @Test
    void anUnknownUserIsNamed() {
        command.login = "nobody";
        doThrow(ApiException.notFound()).when(fixture.accounts).setSuspended(eq("nobody"), anyBoolean(), any());

        ShellFixture.Result result = ShellFixture.run(command);

        assertThat(result.failure()).hasMessage("Could not suspend nobody: Not Found");
    }
}
