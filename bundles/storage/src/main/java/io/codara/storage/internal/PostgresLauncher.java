package io.codara.storage.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Hashtable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

import io.codara.api.health.HealthStatus;
import io.codara.api.health.spi.HealthCheck;
import io.codara.api.storage.DatabaseInfo;
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
 * Brings Codara's PostgreSQL up off the framework's start-up thread: starts the embedded server (Karaf meanwhile
 * starts everything else), or waits until the external one accepts connections, retrying with backoff. Then it
 * registers the {@link PostgresServer}, which {@link PostgresDatabase} and all its dependants wait for. Until
 * then it reports the "database" health check itself, with the reason; it stops the server after the dependants
 * are gone.
 */
@Component(configurationPid = StorageRoot.PID, immediate = true, service = {})
public final class PostgresLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresLauncher.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "codara-postgres-launcher");
        t.setDaemon(true);
        return t;
    });
    private final BundleContext context;
    private final Future<?> launch;
    private final Object lock = new Object();
    private final ServiceRegistration<HealthCheck> startingCheck;
    private volatile String state = "starting";
    private volatile boolean up;
    private PostgresServer server;
    private ServiceRegistration<PostgresServer> registration;
    private boolean stopped;

    @Activate
    public PostgresLauncher(@Reference StorageLayout layout, PostgresDatabaseConfig config, BundleContext context) {
        this(layout, config, context, System::getenv);
    }

    PostgresLauncher(StorageLayout layout, PostgresDatabaseConfig config, BundleContext context, UnaryOperator<String> env) {
        this.context = context;
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(PostgresDatabase.HEALTH_NAME_PROPERTY, PostgresDatabase.HEALTH_NAME);
        this.startingCheck = context.registerService(HealthCheck.class, this::health, props);
        this.launch = executor.submit(() -> launch(layout, config, env));
    }

    private void launch(StorageLayout layout, PostgresDatabaseConfig config, UnaryOperator<String> env) {
        PostgresServer started;
        try {
            state = "starting PostgreSQL";
            started = PostgresServer.start(layout, config, env);
            if (started.mode() == DatabaseInfo.Mode.EXTERNAL && !awaitReachable(started)) {
                return;
            }
        } catch (RuntimeException e) {
            state = "PostgreSQL could not be started: " + e.getMessage();
            LOG.error("Codara's database could not be started; /health stays not ready: {}", e.getMessage(), e);
            return;
        }
        synchronized (lock) {
            if (stopped) {
                started.close();
                return;
            }
            server = started;
        }
        // Outside the lock: registering activates PostgresDatabase and its dependants on this thread.
        ServiceRegistration<PostgresServer> registered = context.registerService(PostgresServer.class, started, new Hashtable<>());
        up = true;
        synchronized (lock) {
            registration = registered;
            if (stopped) {
                unregisterAndStop();
                return;
            }
        }
        unregisterQuietly(startingCheck); // PostgresDatabase reports "database" from now on
    }

    /** Waits until the external server accepts a connection; false when stopped first. */
    private boolean awaitReachable(PostgresServer external) {
        Duration delay = FIRST_RETRY;
        for (int attempt = 1; ; attempt++) {
            try (Connection c = external.dataSource().getConnection()) {
                if (attempt > 1) {
                    LOG.info("PostgreSQL at {} is reachable", external.displayUrl());
                }
                return true;
            } catch (SQLException e) {
                state = "PostgreSQL at " + external.displayUrl() + " is not reachable (attempt " + attempt + "): " + e.getMessage();
                LOG.warn("{}; retrying in {} s", state, delay.toSeconds());
            }
            synchronized (lock) {
                if (stopped) {
                    return false;
                }
                try {
                    lock.wait(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                if (stopped) {
                    return false;
                }
            }
            delay = delay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay.multipliedBy(2);
        }
    }

    private HealthStatus health() {
        return new HealthStatus(PostgresDatabase.HEALTH_NAME, false, up ? "connecting the pool" : state);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
        // Let a start in progress finish (it sees `stopped` and cleans up), then stop what runs.
        try {
            launch.get(150, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Database start did not finish cleanly: {}", e.toString());
        }
        synchronized (lock) {
            unregisterAndStop();
        }
        unregisterQuietly(startingCheck);
        executor.shutdown();
    }

    /** Unregisters first, so the pool and every dependant are gone before the server stops. */
    private void unregisterAndStop() {
        unregisterQuietly(registration);
        registration = null;
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private static void unregisterQuietly(ServiceRegistration<?> registration) {
        if (registration == null) {
            return;
        }
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // unregistered before, or by the framework while the bundle stops
        }
    }
}
