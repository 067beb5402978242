package io.codara.shell.internal.commands;

import java.util.List;
import java.util.TreeSet;

import io.codara.api.ci.RunnerInfo;
import io.codara.api.ci.WorkflowRuns;
import io.codara.api.identity.Accounts;
import io.codara.api.security.Permissions;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code codara:runner-list}: this node's CI runners and the registered remote ones, their labels and free slots. */
@Service
@Command(scope = "codara", name = "runner-list", description = "Lists this node's CI runners and the registered remote runners")
public final class RunnerListCommand implements Action {

    @Reference
    Session session;

    @Reference
    Accounts accounts;

    @Reference
    Permissions permissions;

    @Reference
    WorkflowRuns runs;

    @Override
    public Object execute() throws Exception {
        ShellCaller.siteAdmin(session, accounts, permissions);
        List<RunnerInfo> runners = runs.runners();
        if (runners.isEmpty()) {
            System.out.println("No runners on this node and none registered: jobs wait for another node's");
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Runner");
        table.column("Kind");
        table.column("Status");
        table.column("Serves");
        table.column("Labels");
        table.column("Free slots").alignRight();
        for (RunnerInfo r : runners) {
            table.addRow().addContent(r.id(), r.kind(), r.status(), r.scope(),
                    String.join(", ", new TreeSet<>(r.labels())), r.availableSlots());
        }
        table.print(System.out);
        return null;
    }
}
