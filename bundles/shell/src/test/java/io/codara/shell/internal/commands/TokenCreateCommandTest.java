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

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import io.codara.api.audit.Actor;
import io.codara.api.auth.AccessToken;
import io.codara.api.auth.AccessTokens;
import io.codara.api.auth.CreatedToken;
import io.codara.api.rest.ApiError.FieldError;
import io.codara.api.rest.ApiException;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenCreateCommandTest {

    private static final Instant NOW = Instant.parse("2025-03-10T08:30:00Z");
    private static final String SECRET = "cdr_0123456789abcdefghijklmnopqrstuvwxyzAB";

    private final ShellFixture fixture = new ShellFixture();
    private final AccessTokens tokens = mock(AccessTokens.class);
    private final TokenCreateCommand command = new TokenCreateCommand();

    @BeforeEach
    @SuppressWarnings("unchecked")
    void setUp() {
        command.accounts = fixture.accounts;
        command.permissions = fixture.permissions;
        command.tokens = tokens;
        command.session = ShellFixture.session("admin");
        command.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        command.login = "bob";
        command.name = "ci runner";
        command.scopes = List.of("repo:read");
        when(tokens.create(anyString(), anyString(), any(), any(), any())).thenAnswer(inv -> {
            AccessToken info = new AccessToken(11, inv.getArgument(0), inv.getArgument(1), (Set<String>) inv.getArgument(2),
                    SECRET.substring(SECRET.length() - 8), inv.getArgument(3), NOW, null, null);
            return new CreatedToken(SECRET, info);
        });
    }

    @Test
    void printsTheTokenOnceAloneOnStandardOutputWithTheWarningBeside() {
        command.scopes = List.of("repo:write,ci", "packages", "ci");
        command.expires = "30d";

        ShellFixture.Result result = ShellFixture.run(command);

        assertThat(result.failure()).isNull();
        verify(tokens).create("bob", "ci runner", Set.of("repo:write", "ci", "packages"),
                Instant.parse("2025-04-09T08:30:00Z"), new Actor("admin", null));
        assertThat(result.out()).isEqualTo(SECRET + "\n");
        assertThat(result.err()).contains("Token 'ci runner' for bob (scopes ci, packages, repo:write, "
                + "expires 2025-04-09T08:30:00Z)").contains("will not be shown again").doesNotContain(SECRET);
    }

    @Test
    void withoutExpiryTheTokenDoesNotExpire() {
        ShellFixture.Result result = ShellFixture.run(command);

        verify(tokens).create(eq("bob"), eq("ci runner"), eq(Set.of("repo:read")), eq(null), any());
        assertThat(result.err()).contains("no expiry");
    }

    @Test
    void aUserMayCreateTheirOwnTokenWithoutAdministeringTheSite() {
        command.session = ShellFixture.session("alice");
        command.login = "Alice";

        ShellFixture.Result result = ShellFixture.run(command);

        assertThat(result.failure()).isNull();
        verify(tokens).create(eq("Alice"), any(), any(), any(), eq(new Actor("alice", null)));
    }

    @Test
    void aTokenForSomeoneElseNeedsASiteAdministrator() {
        command.session = ShellFixture.session("alice");

        ShellFixture.Result result = ShellFixture.run(command);

        assertThat(result.failure()).isInstanceOf(CommandException.class)
                .hasMessage("Forbidden: you may not admin this site (shell user alice)");
        verify(tokens, never()).create(anyString(), anyString(), any(), any(), any());
        assertThat(result.out()).isEmpty();
    }

    @Test
    void validationErrorsAreOneClearLine() {
        command.scopes = List.of("repo:everything");
        doThrow(ApiException.validation(
                List.of(new FieldError("Token", "scopes", "invalid", "unknown scope repo:everything"))))
                .when(tokens).create(anyString(), anyString(), any(), any(), any());

        ShellFixture.Result result = ShellFixture.run(command);

        assertThat(result.failure()).isInstanceOf(CommandException.class).hasMessage(
                "Could not create a token for bob: Validation Failed: scopes is invalid (unknown scope repo:everything)");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aBadExpiryIsRefusedBeforeAnythingIsCreated() {
        command.expires = "next week";

        ShellFixture.Result result = ShellFixture.run(command);

        assertThat(result.failure()).isInstanceOf(CommandException.class).hasMessageStartingWith("--expires must be");
        verify(tokens, never()).create(anyString(), anyString(), any(), any(), any());
    }
}
