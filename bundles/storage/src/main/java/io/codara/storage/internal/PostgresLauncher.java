package io.codara.storage.internal;

import java.util.Hashtable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import io.codara.api.storage.StorageLayout;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Codara's PostgreSQL off the framework's start-up thread, so Karaf installs and starts everything else
 * while initdb and the server start run; registers the {@link PostgresServer} once it accepts connections, which
 * is what {@link PostgresDatabase} and all its dependants wait for. Stops it after they are gone.
 */
@Component(configurationPid = StorageRoot.PID, immediate = true, service = {})
public final class PostgresLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresLauncher.class);

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "codara-postgres-launcher");
        t.setDaemon(true);
        return t;
    });
    private final Future<?> launch;
    private final Object lock = new Object();
    private PostgresServer server;
    private ServiceRegistration<PostgresServer> registration;
    private boolean stopped;

    @Activate
    public PostgresLauncher(@Reference StorageLayout layout, PostgresDatabaseConfig config, BundleContext context) {
        this(layout, config, context, System::getenv);
    }

    PostgresLauncher(StorageLayout layout, PostgresDatabaseConfig config, BundleContext context, UnaryOperator<String> env) {
        launch = executor.submit(() -> {
            try {
                PostgresServer started = PostgresServer.start(layout, config, env);
                synchronized (lock) {
                    if (stopped) {
                        started.close();
                        return;
                    }
                    server = started;
                }
                // Outside the lock: registering activates PostgresDatabase and its dependants on this thread.
                ServiceRegistration<PostgresServer> registered =
                        context.registerService(PostgresServer.class, started, new Hashtable<>());
                synchronized (lock) {
                    registration = registered;
                    if (stopped) {
                        unregisterAndStop();
                    }
                }
            } catch (RuntimeException e) {
                LOG.error("Codara's database could not be started; /health stays not ready: {}", e.getMessage(), e);
            }
        });
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        synchronized (lock) {
            stopped = true;
        }
        // Let a start in progress finish (it sees `stopped` and cleans up), then stop what runs.
        try {
            launch.get(150, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("Database start did not finish cleanly: {}", e.toString());
        }
        synchronized (lock) {
            unregisterAndStop();
        }
        executor.shutdown();
    }

    /** Unregisters first, so the pool and every dependant are gone before the server stops. */
    private void unregisterAndStop() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and the framework unregistered it already
            }
            registration = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
