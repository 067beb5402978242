package io.codara.shell.internal.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Hashtable;

import io.codara.api.storage.Database;
import io.codara.api.storage.DatabaseInfo;
import io.codara.api.storage.StorageLayout;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;

class StatusCommandTest {

    private static Bundle bundle(String symbolicName, String version, int state, String capability) {
        Hashtable<String, String> headers = new Hashtable<>();
        headers.put("Bundle-SymbolicName", symbolicName);
        if (capability != null) {
            headers.put(StatusCommand.CAPABILITY_HEADER, capability);
        }
        Bundle bundle = mock(Bundle.class);
        when(bundle.getHeaders("")).thenReturn(headers);
        when(bundle.getSymbolicName()).thenReturn(symbolicName);
        when(bundle.getVersion()).thenReturn(Version.parseVersion(version));
        when(bundle.getState()).thenReturn(state);
        return bundle;
    }

    private static Bundle[] bundles() {
        return new Bundle[] {
            bundle("io.codara.web", "0.1.0.SNAPSHOT", Bundle.ACTIVE, "web"),
            bundle("org.apache.felix.scr", "2.2.6", Bundle.ACTIVE, null),
            bundle("io.codara.storage", "0.1.0.SNAPSHOT", Bundle.RESOLVED, "storage"),
            bundle("io.codara.example.notes", "1.0.0", Bundle.INSTALLED, "example-notes"),
        };
    }

    @Test
    void capabilitiesAreOnlyMarkedBundlesSortedByName() {
        assertThat(StatusCommand.capabilities(bundles())).containsExactly(
                new StatusCommand.Capability("example-notes", "io.codara.example.notes", "1.0.0", "INSTALLED"),
                new StatusCommand.Capability("storage", "io.codara.storage", "0.1.0.SNAPSHOT", "RESOLVED"),
                new StatusCommand.Capability("web", "io.codara.web", "0.1.0.SNAPSHOT", "ACTIVE"));
    }

    @Test
    void noBundlesNoCapabilities() {
        assertThat(StatusCommand.capabilities(new Bundle[0])).isEmpty();
    }

    @Test
    void stateNames() {
        assertThat(StatusCommand.state(Bundle.ACTIVE)).isEqualTo("ACTIVE");
        assertThat(StatusCommand.state(Bundle.RESOLVED)).isEqualTo("RESOLVED");
        assertThat(StatusCommand.state(Bundle.INSTALLED)).isEqualTo("INSTALLED");
        assertThat(StatusCommand.state(Bundle.STARTING)).isEqualTo("STARTING");
        assertThat(StatusCommand.state(Bundle.STOPPING)).isEqualTo("STOPPING");
        assertThat(StatusCommand.state(Bundle.UNINSTALLED)).isEqualTo("UNINSTALLED");
    }

    @Test
    void describeWithoutDatabase() {
        assertThat(StatusCommand.describe(null)).isEqualTo("unavailable (storage is not running)");
    }

    @Test
    void describeDatabase() {
        Database database = mock(Database.class);
        when(database.info()).thenReturn(new DatabaseInfo(DatabaseInfo.Mode.EMBEDDED,
                "jdbc:postgresql://localhost:5432/codara", "17.5"));

        assertThat(StatusCommand.describe(database))
                .isEqualTo("embedded, PostgreSQL 17.5, jdbc:postgresql://localhost:5432/codara");
    }

    @Test
    void describeExternalDatabase() {
        Database database = mock(Database.class);
        when(database.info()).thenReturn(new DatabaseInfo(DatabaseInfo.Mode.EXTERNAL, "jdbc:postgresql://db:5432/x", "16.4"));

        assertThat(StatusCommand.describe(database)).startsWith("external, PostgreSQL 16.4, ");
    }

    @Test
    void executePrintsCapabilitiesDatabaseAndStorageRoot() {
        StatusCommand command = new StatusCommand();
        Bundle[] bundles = bundles();
        command.context = mock(BundleContext.class);
        when(command.context.getBundles()).thenReturn(bundles);
        command.layout = mock(StorageLayout.class);
        when(command.layout.root()).thenReturn(Path.of("/var/lib/codara"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(command.execute()).isNull();
        } finally {
            System.setOut(original);
        }

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("Capability").contains("io.codara.storage").contains("RESOLVED")
                .doesNotContain("org.apache.felix.scr")
                .contains("Database:     unavailable (storage is not running)")
                .contains("Storage root: /var/lib/codara");
        assertThat(text.indexOf("example-notes")).isLessThan(text.indexOf("storage")).isLessThan(text.indexOf("web"));
    }
}
