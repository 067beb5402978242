package io.codara.shell.internal.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyChar;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.codara.api.audit.Actor;
import io.codara.api.identity.NewAccount;
import io.codara.api.rest.ApiError.FieldError;
import io.codara.api.rest.ApiException;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserAddCommandTest {

    private final ShellFixture fixture = new ShellFixture();
    private final UserAddCommand command = new UserAddCommand();
    /** The accounts handed to createUser, and their password as it was during the call. */
    private final List<NewAccount> created = new ArrayList<>();
    private final List<String> passwordsAtCall = new ArrayList<>();

    @BeforeEach
    void setUp() {
        command.accounts = fixture.accounts;
        command.permissions = fixture.permissions;
        command.session = ShellFixture.session("admin");
        command.login = "bob";
        command.email = "bob@example.com";
        when(fixture.accounts.createUser(any(), any())).thenAnswer(inv -> {
            NewAccount user = inv.getArgument(0);
            created.add(user);
            passwordsAtCall.add(user.password() == null ? null : new String(user.password()));
            return ShellFixture.user(7, user.login(), user.siteAdmin());
        });
    }

    private void typed(String first, String second) throws Exception {
        when(command.session.readLine(eq("Password: "), eq('*'))).thenReturn(first);
        when(command.session.readLine(eq("Repeat password: "), eq('*'))).thenReturn(second);
    }

    @Test
    void asksForThePasswordTwiceWithoutEchoAndCreatesTheUser() throws Exception {
        typed("correct horse", "correct horse");
        command.name = "Bob B.";
        command.siteAdmin = true;

        ShellFixture.Result result = ShellFixture.run(command);

        assertThat(result.failure()).isNull();
        NewAccount user = created.get(0);
        assertThat(user.login()).isEqualTo("bob");
        assertThat(user.email()).isEqualTo("bob@example.com");
        assertThat(user.name()).isEqualTo("Bob B.");
        assertThat(user.siteAdmin()).isTrue();
        assertThat(passwordsAtCall).containsExactly("correct horse");
        assertThat(user.password()).as("wiped after use").containsOnly('\0');
        verify(fixture.accounts).createUser(any(), eq(new Actor("admin", null)));
        assertThat(result.out()).isEqualTo("Created user bob (id 7), site administrator\n")
                .doesNotContain("correct horse");
    }

    @Test
    void differentPasswordsCreateNothing() throws Exception {
        typed("one", "two");

        ShellFixture.Result result = ShellFixture.run(command);

        assertThat(result.failure()).isInstanceOf(CommandException.class).hasMessage("The passwords do not match");
        verify(fixture.accounts, never()).createUser(any(), any());
    }

    @Test
    void anEmptyPasswordPointsToNoPassword() throws Exception {
        typed("", "");

        ShellFixture.Result result = ShellFixture.run(command);

        assertThat(result.failure()).isInstanceOf(CommandException.class).hasMessageContaining("--no-password");
        verify(fixture.accounts, never()).createUser(any(), any());
    }

    @Test
    void noPasswordCreatesATokenOnlyUserWithoutAsking() throws Exception {
        command.noPassword = true;

        ShellFixture.Result result = ShellFixture.run(command);

        assertThat(result.failure()).isNull();
        assertThat(created.get(0).password()).isNull();
        verify(command.session, never()).readLine(anyString(), anyChar());
        assertThat(result.out()).contains("without a password");
    }

    @Test
    void passwordStdinReadsTheFirstLine() throws Exception {
        command.passwordFromStdin = true;
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream("s3cret pass\r\nsecond line\n".getBytes(StandardCharsets.UTF_8)));
        ShellFixture.Result result;
        try {
            result = ShellFixture.run(command);
        } finally {
            System.setIn(original);
        }

        assertThat(result.failure()).isNull();
        assertThat(passwordsAtCall).containsExactly("s3cret pass");
        verify(command.session, never()).readLine(anyString(), anyChar());
        assertThat(result.out() + result.err()).doesNotContain("s3cret");
    }

    @Test
    void firstLineGrowsPastItsBufferAndRefusesNothing() throws Exception {
        String longPassword = "x".repeat(300);

        assertThat(UserAddCommand.firstLine(new ByteArrayInputStream((longPassword + "\n").getBytes(StandardCharsets.UTF_8))))
                .containsExactly(longPassword.toCharArray());
        assertThat(UserAddCommand.firstLine(new ByteArrayInputStream("pässwörd".getBytes(StandardCharsets.UTF_8))))
                .containsExactly("pässwörd".toCharArray());
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> UserAddCommand.firstLine(new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(CommandException.class).hasMessage("No password on standard input");
    }

    @Test
    void passwordOptionsExcludeEachOther() {
        command.noPassword = true;
        command.passwordFromStdin = true;

        ShellFixture.Result result = ShellFixture.run(command);

        assertThat(result.failure()).isInstanceOf(CommandException.class).hasMessageContaining("exclude each other");
        verify(fixture.accounts, never()).createUser(any(), any());
    }

    @Test
    void aUserWhoIsNoSiteAdministratorIsRefusedBeforeBeingAskedAnything() throws Exception {
        command.session = ShellFixture.session("alice");

        ShellFixture.Result result = ShellFixture.run(command);

        assertThat(result.failure()).isInstanceOf(CommandException.class)
                .hasMessage("Forbidden: you may not admin this site (shell user alice)");
        verify(command.session, never()).readLine(anyString(), anyChar());
        verify(fixture.accounts, never()).createUser(any(), any());
    }

    @Test
    void validationErrorsAreOneClearLine() throws Exception {
        typed("pw", "pw");
        // doThrow: re-stubbing with when() would call the answer set up before.
        doThrow(ApiException.validation(List.of(
                new FieldError("User", "login", "already_exists", null),
                new FieldError("User", "email", "invalid", "not an email address"))))
                .when(fixture.accounts).createUser(any(), any());

        ShellFixture.Result result = ShellFixture.run(command);

        assertThat(result.failure()).isInstanceOf(CommandException.class).hasNoCause().hasMessage(
                "Could not create user bob: Validation Failed: login already exists; email is invalid (not an email address)");
        assertThat(result.out()).isEmpty();
    }
}
