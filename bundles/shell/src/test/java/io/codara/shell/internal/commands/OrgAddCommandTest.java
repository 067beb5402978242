package io.codara.shell.internal.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;

import io.codara.api.audit.Actor;
import io.codara.api.identity.Account;
import io.codara.api.identity.AccountType;
import io.codara.api.identity.NewAccount;
import io.codara.api.identity.Organizations;
import io.codara.api.rest.ApiError.FieldError;
import io.codara.api.rest.ApiException;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrgAddCommandTest {

    private final ShellFixture fixture = new ShellFixture();
    private final Organizations organizations = mock(Organizations.class);
    private final OrgAddCommand command = new OrgAddCommand();

    @BeforeEach
    void setUp() {
        command.accounts = fixture.accounts;
        command.permissions = fixture.permissions;
        command.organizations = organizations;
        command.session = ShellFixture.session("admin");
        command.login = "acme";
        command.owner = "alice";
        Instant now = Instant.now();
        when(organizations.create(any(), anyString(), any())).thenAnswer(inv -> {
            NewAccount org = inv.getArgument(0);
            return new Account(20, org.login(), AccountType.ORGANIZATION, org.name(), org.email(), null, null, null,
                    null, false, null, null, null, now, now);
        });
    }

    @Test
    void createsTheOrganisationWithItsFirstOwner() {
        command.name = "Acme Inc.";
        command.email = "hello@acme.example";

        ShellFixture.Result result = ShellFixture.run(command);

        assertThat(result.failure()).isNull();
        verify(organizations).create(new NewAccount("acme", "Acme Inc.", "hello@acme.example", null, false), "alice",
                new Actor("admin", null));
        assertThat(result.out()).isEqualTo("Created organisation acme (id 20) owned by alice\n");
    }

    @Test
    void aUserWhoIsNoSiteAdministratorIsRefused() {
        command.session = ShellFixture.session("alice");

        ShellFixture.Result result = ShellFixture.run(command);

        assertThat(result.failure()).isInstanceOf(CommandException.class).hasMessageContaining("(shell user alice)");
        verify(organizations, never()).create(any(), anyString(), any());
    }

    @Test
    void validationErrorsAreOneClearLine() {
        doThrow(ApiException.validation(List.of(
                new FieldError("Organization", "login", "already_exists", null),
                new FieldError("Organization", "owner", "missing", "no user alice"))))
                .when(organizations).create(any(), anyString(), any());

        ShellFixture.Result result = ShellFixture.run(command);

        assertThat(result.failure()).isInstanceOf(CommandException.class).hasMessage("Could not create organisation "
                + "acme: Validation Failed: login already exists; owner does not exist (no user alice)");
        assertThat(result.out()).isEmpty();
    }
}
