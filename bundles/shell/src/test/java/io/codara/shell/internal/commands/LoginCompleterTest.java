package io.codara.shell.internal.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;

import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;
import org.junit.jupiter.api.Test;

class LoginCompleterTest {

    private final LoginCompleter completer = new LoginCompleter();

    private void users(long total) {
        completer.accounts = mock(Accounts.class);
        when(completer.accounts.listUsers(any(), eq(true))).thenAnswer(inv -> {
            PageRequest page = inv.getArgument(0);
            List<Account> items = LongStream.rangeClosed(1, total).skip(page.offset()).limit(page.perPage())
                    .mapToObj(i -> ShellFixture.user(i, "user" + i, false)).toList();
            return new Page<>(items, page, total);
        });
    }

    @Test
    void readsEveryPageOfUsersSuspendedIncluded() {
        users(230);

        assertThat(completer.logins()).hasSize(230).startsWith("user1").endsWith("user230");
    }

    @Test
    void stopsAtTheCap() {
        users(5000);

        assertThat(completer.logins()).hasSize(LoginCompleter.MAX_USERS);
    }

    @Test
    void completesThePrefixTyped() {
        users(12);
        CommandLine line = mock(CommandLine.class);
        when(line.getCursorArgument()).thenReturn("user1");
        when(line.getArgumentPosition()).thenReturn(5);
        List<String> candidates = new ArrayList<>();

        completer.complete(mock(Session.class), line, candidates);

        assertThat(candidates).map(String::strip).containsExactlyInAnyOrder("user1", "user10", "user11", "user12");
    }
}
