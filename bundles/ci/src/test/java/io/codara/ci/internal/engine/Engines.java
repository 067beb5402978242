package io.codara.ci.internal.engine;

import java.lang.reflect.Proxy;
import java.util.Map;

import io.codara.api.ci.CiSecrets;
import io.codara.api.ci.CommitStatuses;
import io.codara.api.git.Repositories;
import io.codara.api.git.RepositoryDirectories;
import io.codara.api.storage.Database;
import io.codara.api.storage.EventOutbox;
import io.codara.api.storage.JobQueue;
import io.codara.ci.internal.CiSchema;

/** Builds the engine and dispatcher components for tests outside this package, configured from maps. */
public final class Engines {

    private Engines() {
    }

    public static CiEngine engine(CiSchema schema, Database database, JobQueue queue, EventOutbox outbox,
            CommitStatuses statuses, Repositories repositories, Map<String, Object> config) {
        return new CiEngine(schema, database, queue, outbox, statuses, repositories,
                config(CiEngineConfig.class, config));
    }

    public static JobDispatcher dispatcher(CiEngine engine, JobQueue queue, CiSecrets secrets,
            Repositories repositories, RepositoryDirectories directories, Map<String, Object> config) {
        return new JobDispatcher(engine, queue, secrets, repositories, directories,
                config(JobDispatcherConfig.class, config));
    }

    public static void addRunner(JobDispatcher dispatcher, io.codara.api.ci.spi.RunnerProvider runner) {
        dispatcher.addRunner(runner);
    }

    public static void stop(JobDispatcher dispatcher) {
        dispatcher.deactivate();
    }

    /** A scheduler reading the time from {@code clock}, ticked by the test through {@link WorkflowScheduler#fireDue}. */
    public static WorkflowScheduler scheduler(CiEngine engine, JobQueue queue, Database database,
            Repositories repositories, RepositoryDirectories directories, java.time.Clock clock) {
        return new WorkflowScheduler(engine, queue, database, repositories, directories, clock);
    }

    /** The schedules the scheduler remembers for a repository, as {@code path cron next-at} lines. */
    public static java.util.List<String> schedules(WorkflowScheduler scheduler, long repositoryId) {
        return scheduler.schedules(repositoryId).stream()
                .map(s -> s.workflowPath() + " " + s.cron() + " " + s.nextAt()).toList();
    }

    private static <T> T config(Class<T> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(Engines.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName())
                        : method.getDefaultValue()));
    }

    /** Registers a runner with the workflow runs service, as DS does. */
    public static void addRunner(EngineWorkflowRuns service, io.codara.api.ci.spi.RunnerProvider runner) {
        service.addRunner(runner);
    }

    /** Unregisters a runner from the workflow runs service, as DS does. */
    public static void removeRunner(EngineWorkflowRuns service, io.codara.api.ci.spi.RunnerProvider runner) {
        service.removeRunner(runner);
    }
}
