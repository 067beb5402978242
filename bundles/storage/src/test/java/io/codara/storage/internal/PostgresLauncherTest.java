package io.codara.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

class PostgresLauncherTest {

    @TempDir
    Path root;

    @SuppressWarnings("unchecked")
    private static BundleContext context(ServiceRegistration<PostgresServer> registration) {
        BundleContext context = mock(BundleContext.class);
        when(context.registerService(eq(PostgresServer.class), any(PostgresServer.class), any())).thenReturn(registration);
        return context;
    }

    @Test
    @SuppressWarnings("unchecked")
    void registersTheServerOnceItAcceptsConnectionsAndStopsItAfterUnregistering() throws Exception {
        EmbeddedDatabase.copyTemplateTo(root.resolve("postgres"));
        StorageRoot layout = new StorageRoot(TestConfigs.config(StorageRootConfig.class, "root", root.toString()),
                name -> null, name -> null);
        ServiceRegistration<PostgresServer> registration = mock(ServiceRegistration.class);
        BundleContext context = context(registration);

        PostgresLauncher launcher = new PostgresLauncher(layout, TestConfigs.config(PostgresDatabaseConfig.class), context,
                name -> null);

        ArgumentCaptor<PostgresServer> server = ArgumentCaptor.forClass(PostgresServer.class);
        verify(context, timeout(60_000)).registerService(eq(PostgresServer.class), server.capture(), any());
        try (Connection c = server.getValue().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_database()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("codara");
        }
        assertThat(root.resolve("postgres/postmaster.pid")).exists();

        launcher.deactivate();

        verify(registration).unregister();
        assertThat(root.resolve("postgres/postmaster.pid")).as("server stopped").doesNotExist();
    }

    @Test
    @SuppressWarnings("unchecked")
    void externalServersAreRegisteredWithoutStartingAnything() throws Exception {
        StorageRoot layout = new StorageRoot(TestConfigs.config(StorageRootConfig.class, "root", root.toString()),
                name -> null, name -> null);
        ServiceRegistration<PostgresServer> registration = mock(ServiceRegistration.class);
        BundleContext context = context(registration);

        PostgresLauncher launcher = new PostgresLauncher(layout,
                TestConfigs.config(PostgresDatabaseConfig.class, "db_url", "jdbc:postgresql://db.example:5432/codara"),
                context, name -> null);

        ArgumentCaptor<PostgresServer> server = ArgumentCaptor.forClass(PostgresServer.class);
        verify(context, timeout(10_000)).registerService(eq(PostgresServer.class), server.capture(), any());
        assertThat(server.getValue().mode()).isEqualTo(io.codara.api.storage.DatabaseInfo.Mode.EXTERNAL);
        assertThat(server.getValue().dataSource().getURL()).startsWith("jdbc:postgresql://db.example:5432/codara");
        assertThat(root.resolve("postgres")).doesNotExist();
        launcher.deactivate();
        verify(registration).unregister();
    }
}
