package io.codara.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import io.codara.api.health.HealthStatus;
import io.codara.api.health.spi.HealthCheck;
import io.codara.api.storage.DatabaseInfo;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

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
    void anExternalServerIsAwaitedWithTheReasonInHealthThenRegistered(@TempDir Path other) throws Exception {
        int port = PostgresServer.freePort();
        StorageRoot layout = new StorageRoot(TestConfigs.config(StorageRootConfig.class, "root", root.toString()),
                name -> null, name -> null);
        ServiceRegistration<PostgresServer> registration = mock(ServiceRegistration.class);
        BundleContext context = context(registration);

        PostgresLauncher launcher = new PostgresLauncher(layout,
                TestConfigs.config(PostgresDatabaseConfig.class, "db_url", "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                        "db_user", "postgres"),
                context, name -> null);
        try {
            ArgumentCaptor<HealthCheck> check = ArgumentCaptor.forClass(HealthCheck.class);
            verify(context).registerService(eq(HealthCheck.class), check.capture(), any());
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!check.getValue().check().detail().contains("not reachable") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            HealthStatus waiting = check.getValue().check();
            assertThat(waiting.up()).isFalse();
            assertThat(waiting.detail()).contains("127.0.0.1:" + port, "not reachable");
            verify(context, never()).registerService(eq(PostgresServer.class), any(PostgresServer.class), any());

            // The server comes up on that port: the launcher notices and registers it.
            Files.createDirectories(other);
            EmbeddedDatabase.copyTemplateTo(other.resolve("postgres"));
            try (EmbeddedPostgres late = EmbeddedPostgres.builder().setDataDirectory(other.resolve("postgres"))
                    .setCleanDataDirectory(false).setPort(port).start()) {
                ArgumentCaptor<PostgresServer> server = ArgumentCaptor.forClass(PostgresServer.class);
                verify(context, timeout(30_000)).registerService(eq(PostgresServer.class), server.capture(), any());
                assertThat(server.getValue().mode()).isEqualTo(DatabaseInfo.Mode.EXTERNAL);
                assertThat(other.resolve("postgres")).exists();
                assertThat(root.resolve("postgres")).as("nothing embedded started").doesNotExist();
                launcher.deactivate();
                verify(registration).unregister();
            }
        } finally {
            launcher.deactivate();
        }
    }

    @Test
    void stoppingWhileWaitingForAnExternalServerReturnsPromptly() throws Exception {
        int port = PostgresServer.freePort();
        StorageRoot layout = new StorageRoot(TestConfigs.config(StorageRootConfig.class, "root", root.toString()),
                name -> null, name -> null);
        BundleContext context = mock(BundleContext.class);
        PostgresLauncher launcher = new PostgresLauncher(layout,
                TestConfigs.config(PostgresDatabaseConfig.class, "db_url", "jdbc:postgresql://127.0.0.1:" + port + "/codara"),
                context, name -> null);
        Thread.sleep(1500);
        long start = System.nanoTime();
        launcher.deactivate();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        verify(context, never()).registerService(eq(PostgresServer.class), any(PostgresServer.class), any());
    }
}
