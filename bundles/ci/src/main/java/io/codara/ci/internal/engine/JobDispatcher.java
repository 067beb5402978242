package io.codara.ci.internal.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.codara.api.ci.CiSecrets;
import io.codara.api.ci.spi.Conclusion;
import io.codara.api.ci.spi.JobListener;
import io.codara.api.ci.spi.JobResult;
import io.codara.api.ci.spi.LogChunk;
import io.codara.api.ci.spi.RepositorySource;
import io.codara.api.ci.spi.RunnerJob;
import io.codara.api.ci.spi.RunnerProvider;
import io.codara.api.ci.spi.RunnerStep;
import io.codara.api.ci.spi.RunningJob;
import io.codara.api.ci.spi.StepResult;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.git.RepositoryDirectories;
import io.codara.api.storage.Job;
import io.codara.api.storage.JobQueue;
import io.codara.ci.internal.engine.CiEngine.Lease;
import io.codara.ci.internal.engine.CiEngine.TakenJob;
import io.codara.ci.internal.workflow.ExpressionContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands queued CI jobs to this node's runners: for each {@link RunnerProvider} with free slots it claims jobs from the
 * queues of the label sets it can run, leases them in the engine, builds the {@link RunnerJob} and starts it; the
 * runner's progress is written through the engine, each write checking the lease. A lease is renewed while the job
 * runs; a lost lease stops the job here, a requested cancellation cancels the runner. Immediate: nothing references
 * it, and it must poll from the start.
 */
@Component(service = JobDispatcher.class, immediate = true,
        configurationPid = "io.codara.ci.internal.engine.JobDispatcher")
@Designate(ocd = JobDispatcherConfig.class)
public final class JobDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(JobDispatcher.class);
    /** A queue claim only covers the moment between claiming and leasing. */
    private static final Duration CLAIM_VISIBILITY = Duration.ofSeconds(60);

    private final CiEngine engine;
    private final JobQueue queue;
    private final CiSecrets secrets;
    private final Repositories repositories;
    private final RepositoryDirectories directories;
    private final Duration lease;
    private final String instance = UUID.randomUUID().toString();
    private final Map<String, RunnerProvider> runners = new ConcurrentHashMap<>();
    private final Map<Long, Dispatched> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final Duration dockerWait;
    /** How often this node reports its Docker runners and fails Docker jobs nobody can run. */
    private final long presenceNanos;
    private long nextPresence;

    @Activate
    public JobDispatcher(@Reference CiEngine engine, @Reference JobQueue queue, @Reference CiSecrets secrets,
            @Reference Repositories repositories, @Reference RepositoryDirectories directories,
            JobDispatcherConfig config) {
        this.engine = engine;
        this.queue = queue;
        this.secrets = secrets;
        this.repositories = repositories;
        this.directories = directories;
        if (config.lease_seconds() < 3 || config.poll_interval_ms() < 10) {
            throw new IllegalArgumentException("lease_seconds must be at least 3 and poll_interval_ms at least 10");
        }
        this.lease = Duration.ofSeconds(config.lease_seconds());
        if (config.docker_wait_seconds() < 1) {
            throw new IllegalArgumentException("docker_wait_seconds must be at least 1");
        }
        this.dockerWait = Duration.ofSeconds(config.docker_wait_seconds());
        this.presenceNanos = Math.min(TimeUnit.SECONDS.toNanos(10), Math.max(
                TimeUnit.MILLISECONDS.toNanos(config.poll_interval_ms()), dockerWait.toNanos() / 4));
        this.nextPresence = System.nanoTime();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "codara-ci-dispatcher");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::poll, config.poll_interval_ms(), config.poll_interval_ms(),
                TimeUnit.MILLISECONDS);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRunner(RunnerProvider runner) {
        runners.put(runner.id(), runner);
    }

    void removeRunner(RunnerProvider runner) {
        runners.remove(runner.id(), runner);
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
        // The jobs stop here; their leases expire and another node starts them again.
        running.values().forEach(d -> d.listener.lose());
    }

    /** The jobs this dispatcher runs now, by id. */
    Set<Long> running() {
        return Set.copyOf(running.keySet());
    }

    /**
     * One round: recovers expired leases, renews the leases of this node's jobs (so a cancellation reaches a running
     * job within a round), starts queued ones.
     */
    void poll() {
        try {
            engine.recoverExpired();
            heartbeat();
            dispatch();
            if (System.nanoTime() - nextPresence >= 0) {
                nextPresence = System.nanoTime() + presenceNanos;
                presence();
            }
        } catch (RuntimeException e) {
            LOG.warn("CI dispatch round failed; retrying at the next one", e);
        }
    }

    /**
     * Reports whether this node has a runner that can run Docker jobs now (for the whole cluster to see), then fails
     * the queued Docker jobs no node has had such a runner for during {@code docker_wait_seconds}.
     */
    private void presence() {
        boolean docker = runners.values().stream().anyMatch(r -> r.canRun(Set.of(CiEngine.DOCKER_PROBE_LABEL)));
        engine.runnerPresence(instance, docker);
        engine.failDockerJobsWithoutRunner(dockerWait);
    }

    private void heartbeat() {
        for (Dispatched d : running.values()) {
            if (d.handle == null) {
                continue;
            }
            Lease state = engine.renew(d.jobId, d.owner, lease);
            if (state == Lease.LOST) {
                LOG.warn("CI job {} lost its lease on {}: stopping it here", d.jobId, d.owner);
                d.listener.lose();
            } else if (state == Lease.CANCEL_REQUESTED) {
                d.handle.cancel();
            }
        }
    }

    private void dispatch() {
        Set<List<String>> wanted = null;
        for (RunnerProvider runner : runners.values()) {
            int slots = runner.availableSlots();
            if (slots <= 0) {
                continue;
            }
            if (wanted == null) {
                wanted = engine.queuedLabels();
            }
            String owner = instance + "/" + runner.id();
            for (List<String> labels : wanted) {
                if (!runner.canRun(Set.copyOf(labels))) {
                    continue;
                }
                while (slots > 0) {
                    Optional<Job> claimed = queue.claim(CiEngine.queueName(labels), owner, CLAIM_VISIBILITY);
                    if (claimed.isEmpty()) {
                        break;
                    }
                    long jobId = jobId(claimed.get());
                    Optional<TakenJob> taken = jobId < 0 ? Optional.empty()
                            : engine.take(jobId, owner, runner.id(), lease);
                    queue.complete(claimed.get().id(), owner);
                    if (taken.isPresent()) {
                        start(runner, owner, taken.get());
                        slots--;
                    }
                }
            }
        }
    }

    private static long jobId(Job job) {
        try {
            return CiEngine.JSON.readTree(job.payload()).path("job_id").asLong(-1);
        } catch (JsonProcessingException e) {
            LOG.warn("Queue job {} of {} has no CI job id: {}", job.id(), job.queue(), e.getMessage());
            return -1;
        }
    }

    private void start(RunnerProvider runner, String owner, TakenJob taken) {
        PlannedJob plan = taken.plan();
        WorkflowRun run = taken.run();
        Instant now = Instant.now();
        EngineListener listener = new EngineListener(taken.jobId(), owner, plan);
        Dispatched dispatched = new Dispatched(taken.jobId(), owner, listener);
        running.put(taken.jobId(), dispatched);
        try {
            Repository repository = repositories.find(run.repositoryId())
                    .orElseThrow(() -> new IllegalArgumentException("the repository no longer exists"));
            JobPlans.Prepared prepared = JobPlans.prepare(taken, repository,
                    secrets.environment(run.repositoryId()),
                    RepositorySource.local(directories.gitDirectory(run.sourceRepositoryId() != null
                            ? run.sourceRepositoryId() : run.repositoryId())));
            listener.prepared = prepared;
            RunnerJob job = prepared.job();
            LOG.info("CI job {} ({} of run {}) starts on {}", taken.jobId(), plan.name(), run.id(), runner.id());
            dispatched.handle = runner.start(job, listener);
        } catch (IllegalArgumentException | RejectedExecutionException | IllegalStateException e) {
            LOG.warn("CI job {} could not start on {}: {}", taken.jobId(), runner.id(), e.getMessage());
            running.remove(taken.jobId());
            engine.finish(taken.jobId(), owner, new JobResult(taken.jobId(), Conclusion.FAILURE,
                    "The job could not start: " + e.getMessage(), List.of(), now, Instant.now()));
        }
    }

    /** A job this dispatcher runs. */
    private static final class Dispatched {
        final long jobId;
        final String owner;
        final EngineListener listener;
        volatile RunningJob handle;

        Dispatched(long jobId, String owner, EngineListener listener) {
            this.jobId = jobId;
            this.owner = owner;
            this.listener = listener;
        }
    }

    /** Writes a runner's progress through the engine, as long as this dispatcher holds the job's lease. */
    private final class EngineListener implements JobListener {

        private final long jobId;
        private final String owner;
        private final PlannedJob plan;
        private final AtomicLong jobOffset = new AtomicLong();
        private volatile boolean lost;
        /** The job as prepared, with its expression contexts; set before the runner starts. */
        private volatile JobPlans.Prepared prepared;

        EngineListener(long jobId, String owner, PlannedJob plan) {
            this.jobId = jobId;
            this.owner = owner;
            this.plan = plan;
        }

        void lose() {
            lost = true;
            Dispatched d = running.get(jobId);
            if (d != null && d.handle != null) {
                d.handle.cancel();
            }
        }

        @Override
        public boolean shouldRun(RunnerStep step, List<StepResult> finished, boolean cancelled) {
            if (lost) {
                return false;
            }
            return prepared.shouldRun(step.index(), finished, cancelled);
        }

        @Override
        public RunnerStep prepare(RunnerStep step, List<StepResult> finished) {
            return prepared.prepare(step, finished);
        }

        @Override
        public Map<String, String> inputs(RunnerStep step, List<StepResult> finished,
                java.util.function.Function<List<String>, String> hashFiles) {
            ExpressionContext withSteps = RunContexts.withSteps(prepared.context(), finished)
                    .withHashFiles(hashFiles::apply);
            Map<String, String> inputs = new LinkedHashMap<>();
            plan.steps().get(step.index() - 1).with()
                    .forEach((name, template) -> inputs.put(name, RunContexts.render(template, withSteps)));
            return inputs;
        }

        @Override
        public void stepStarted(RunnerStep step, Instant at) {
            if (!lost && !engine.stepStarted(jobId, owner, step.index(), at)) {
                lose();
            }
        }

        @Override
        public void log(LogChunk chunk) {
            long at = jobOffset.getAndAdd(chunk.text().getBytes(StandardCharsets.UTF_8).length);
            if (!lost && !engine.log(jobId, owner, chunk.step(), chunk.offset(), at, chunk.text())) {
                lose();
            }
        }

        @Override
        public void stepFinished(StepResult result) {
            if (!lost && !engine.stepFinished(jobId, owner, result.index(), result.conclusion(), result.startedAt(),
                    result.completedAt())) {
                lose();
            }
        }

        private Map<String, String> outputs(JobResult result) {
            return prepared == null ? Map.of() : prepared.outputs(result.steps());
        }

        @Override
        public void jobFinished(JobResult result) {
            try {
                if (!lost && !engine.finish(jobId, owner, result, outputs(result))) {
                    LOG.warn("CI job {} ended on {} after its lease was lost; its result is dropped", jobId, owner);
                }
            } finally {
                running.remove(jobId);
            }
        }
    }
}
