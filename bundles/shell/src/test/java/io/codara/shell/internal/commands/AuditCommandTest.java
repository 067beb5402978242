package io.codara.shell.internal.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import io.codara.api.audit.AuditEntry;
import io.codara.api.audit.AuditLog;
import io.codara.api.audit.AuditQuery;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class AuditCommandTest {

    private static final Instant NOW = Instant.parse("2025-03-10T08:30:00Z");

    private final ShellFixture fixture = new ShellFixture();
    private final AuditLog auditLog = mock(AuditLog.class);
    private final AuditCommand command = new AuditCommand();

    @BeforeEach
    void setUp() {
        command.accounts = fixture.accounts;
        command.permissions = fixture.permissions;
        command.auditLog = auditLog;
        command.session = ShellFixture.session("admin");
        command.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    }

    private static AuditEntry entry(long id) {
        return new AuditEntry(id, NOW.minusSeconds(id), "user.login", "user" + id, null, "user", "user" + id, Map.of(),
                null);
    }

    /** A log of {@code total} entries, newest (highest id) first, paged as the service pages. */
    private void logOf(long total) {
        when(auditLog.query(any(), any())).thenAnswer(inv -> {
            PageRequest page = inv.getArgument(1);
            List<AuditEntry> items = LongStream.rangeClosed(1, total).map(i -> total + 1 - i).skip(page.offset())
                    .limit(page.perPage()).mapToObj(AuditCommandTest::entry).toList();
            return new Page<>(items, page, total);
        });
    }

    @Test
    void printsTheFilteredEntriesAsATable() {
        when(auditLog.query(any(), any())).thenReturn(new Page<>(List.of(new AuditEntry(5,
                Instant.parse("2025-03-09T10:00:00.5Z"), "user.suspend", "admin", "192.0.2.7", "user", "mallory",
                Map.of("reason", "spam", "count", 2), "req-1")), new PageRequest(1, 50), 1));
        command.actor = "admin";
        command.action = "user.";
        command.target = "mallory";
        command.since = "7d";

        ShellFixture.Result result = ShellFixture.run(command);

        assertThat(result.failure()).isNull();
        verify(auditLog).query(new AuditQuery("admin", "user.", "mallory", Instant.parse("2025-03-03T08:30:00Z"), null),
                new PageRequest(1, 50));
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).contains("Time").contains("Action").contains("Actor").contains("Address")
                .contains("Target").contains("Details");
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("2025-03-09T10:00:00Z").contains("user.suspend")
                .contains("admin").contains("192.0.2.7").contains("user mallory").contains("count=2, reason=spam"));
        assertThat(result.out()).doesNotContain("Showing");
    }

    @Test
    void theLimitIsFilledFromSeveralPagesNewestFirst() {
        logOf(250);
        command.limit = 150;

        ShellFixture.Result result = ShellFixture.run(command);

        ArgumentCaptor<PageRequest> pages = ArgumentCaptor.forClass(PageRequest.class);
        verify(auditLog, org.mockito.Mockito.times(2)).query(any(), pages.capture());
        assertThat(pages.getAllValues()).containsExactly(new PageRequest(1, 100), new PageRequest(2, 100));
        List<String> rows = new ArrayList<>(result.out().lines().filter(line -> line.contains("user.login")).toList());
        assertThat(rows).hasSize(150);
        assertThat(rows.get(0)).contains("user250 ");
        assertThat(rows.get(149)).contains("user101 ");
        assertThat(result.out()).contains("Showing the newest 150 of 250 entries");
    }

    @Test
    void aShortLogStopsAtItsLastPage() {
        logOf(3);

        ShellFixture.Result result = ShellFixture.run(command);

        verify(auditLog).query(AuditQuery.ALL, new PageRequest(1, 50));
        assertThat(result.out().lines().filter(line -> line.contains("user.login"))).hasSize(3);
    }

    @Test
    void anEmptyLogSaysSo() {
        logOf(0);

        assertThat(ShellFixture.run(command).out()).contains("No entries");
    }

    @Test
    void aUserWhoIsNoSiteAdministratorIsRefused() {
        command.session = ShellFixture.session("alice");

        ShellFixture.Result result = ShellFixture.run(command);

        assertThat(result.failure()).isInstanceOf(CommandException.class)
                .hasMessage("Forbidden: you may not admin this site (shell user alice)");
        verify(auditLog, never()).query(any(), any());
    }

    @Test
    void badOptionsAreOneClearLine() {
        command.since = "last tuesday";
        assertThat(ShellFixture.run(command).failure()).isInstanceOf(CommandException.class)
                .hasMessageStartingWith("--since must be");

        command.since = null;
        command.limit = 0;
        assertThat(ShellFixture.run(command).failure()).isInstanceOf(CommandException.class)
                .hasMessage("--limit must be 1 or more");
        verify(auditLog, never()).query(any(), any());
    }
}
