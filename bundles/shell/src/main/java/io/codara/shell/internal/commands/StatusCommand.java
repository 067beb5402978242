package io.codara.shell.internal.commands;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.codara.api.storage.Database;
import io.codara.api.storage.DatabaseInfo;
import io.codara.api.storage.StorageLayout;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** {@code codara:status}: each capability and its bundle state, the database, the storage root. */
@Service
@Command(scope = "codara", name = "status", description = "Shows Codara's capabilities, database and storage root")
public final class StatusCommand implements Action {

    /** Manifest header that marks a bundle as a Codara capability (built-in or plugin). */
    static final String CAPABILITY_HEADER = "Codara-Capability";

    @Reference
    BundleContext context;

    @Reference(optional = true)
    Database database;

    @Reference(optional = true)
    StorageLayout layout;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Capability");
        table.column("Bundle");
        table.column("Version");
        table.column("State");
        for (Capability capability : capabilities(context.getBundles())) {
            table.addRow().addContent(capability.name(), capability.symbolicName(), capability.version(), capability.state());
        }
        table.print(System.out);
        System.out.println();
        System.out.println("Database:     " + describe(database));
        System.out.println("Storage root: " + (layout == null ? "unavailable (storage is not running)" : layout.root()));
        return null;
    }

    static String describe(Database db) {
        if (db == null) {
            return "unavailable (storage is not running)";
        }
        DatabaseInfo info = db.info();
        return info.mode().name().toLowerCase() + ", PostgreSQL " + info.serverVersion() + ", " + info.url();
    }

    static List<Capability> capabilities(Bundle[] bundles) {
        List<Capability> out = new ArrayList<>();
        for (Bundle bundle : bundles) {
            String name = bundle.getHeaders("").get(CAPABILITY_HEADER);
            if (name != null) {
                out.add(new Capability(name, bundle.getSymbolicName(), bundle.getVersion().toString(), state(bundle.getState())));
            }
        }
        out.sort(Comparator.comparing(Capability::name));
        return out;
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }

    record Capability(String name, String symbolicName, String version, String state) {
    }
}
