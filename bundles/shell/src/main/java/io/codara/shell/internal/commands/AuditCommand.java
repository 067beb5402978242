package io.codara.shell.internal.commands;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.codara.api.audit.AuditEntry;
import io.codara.api.audit.AuditLog;
import io.codara.api.audit.AuditQuery;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Permissions;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code codara:audit}: the newest audit log entries, filtered. */
@Service
@Command(scope = "codara", name = "audit", description = "Shows the audit log, newest first")
public final class AuditCommand implements Action {

    @Option(name = "--actor", description = "Only entries by this login")
    @Completion(LoginCompleter.class)
    String actor;

    @Option(name = "--action", description = "Only this action, or every action starting with it when it ends with a "
            + "dot (user.)")
    String action;

    @Option(name = "--target", description = "Only entries on this target")
    String target;

    @Option(name = "--since", description = "Only entries from then on: days or hours ago (7d, 12h), an ISO-8601 time "
            + "or a date")
    String since;

    @Option(name = "--limit", description = "How many entries to show")
    int limit = 50;

    @Reference
    Session session;

    @Reference
    Accounts accounts;

    @Reference
    Permissions permissions;

    @Reference
    AuditLog auditLog;

    Clock clock = Clock.systemUTC();

    @Override
    public Object execute() throws Exception {
        ShellCaller.siteAdmin(session, accounts, permissions);
        if (limit < 1) {
            throw new CommandException("--limit must be 1 or more");
        }
        AuditQuery query = new AuditQuery(actor, action, target, TimeArgument.past("--since", since, clock), null);
        List<AuditEntry> entries = new ArrayList<>();
        long total;
        try {
            // Pages of the service's maximum size until the limit is reached.
            Page<AuditEntry> page;
            int number = 1;
            do {
                page = auditLog.query(query, new PageRequest(number++, Math.min(limit, PageRequest.MAX_PER_PAGE)));
                entries.addAll(page.items().subList(0, Math.min(page.items().size(), limit - entries.size())));
            } while (entries.size() < limit && page.request().page() < page.lastPage());
            total = page.total();
        } catch (ApiException e) {
            throw ApiErrors.failure("Could not read the audit log", e);
        }
        ShellTable table = new ShellTable().emptyTableText("No entries");
        table.column("Time");
        table.column("Action");
        table.column("Actor");
        table.column("Address");
        table.column("Target");
        table.column("Details").maxSize(60);
        for (AuditEntry entry : entries) {
            table.addRow().addContent(UserListCommand.time(entry.at()), entry.action(), entry.actor(),
                    orEmpty(entry.address()), target(entry), details(entry.details()));
        }
        table.print(System.out);
        if (total > entries.size()) {
            System.out.println("Showing the newest " + entries.size() + " of " + total + " entries (see --limit)");
        }
        return null;
    }

    private static String target(AuditEntry entry) {
        if (entry.target() == null) {
            return orEmpty(entry.targetType());
        }
        return entry.targetType() == null ? entry.target() : entry.targetType() + " " + entry.target();
    }

    static String details(Map<String, Object> details) {
        return new TreeMap<>(details).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
