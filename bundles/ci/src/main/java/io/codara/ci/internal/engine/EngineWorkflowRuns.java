package io.codara.ci.internal.engine;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.codara.api.ci.RunSummary;
import io.codara.api.ci.RunnerInfo;
import io.codara.api.ci.WorkflowRuns;
import io.codara.api.ci.spi.RunnerProvider;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** {@link WorkflowRuns} over the {@link CiEngine}'s tables and this node's {@link RunnerProvider}s. */
@Component(service = WorkflowRuns.class)
public final class EngineWorkflowRuns implements WorkflowRuns {

    static final int MAX_LIMIT = 1000;

    private final CiEngine engine;
    private final Repositories repositories;
    private final Map<String, RunnerProvider> runners = new ConcurrentHashMap<>();

    @Activate
    public EngineWorkflowRuns(@Reference CiEngine engine, @Reference Repositories repositories) {
        this.engine = engine;
        this.repositories = repositories;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRunner(RunnerProvider runner) {
        runners.put(runner.id(), runner);
    }

    void removeRunner(RunnerProvider runner) {
        runners.remove(runner.id(), runner);
    }

    private volatile RemoteRunnerDirectory remote;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setRemote(RemoteRunnerDirectory directory) {
        this.remote = directory;
    }

    void unsetRemote(RemoteRunnerDirectory directory) {
        if (this.remote == directory) {
            this.remote = null;
        }
    }

    @Override
    public List<RunSummary> recent(Long repositoryId, String status, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
        }
        Map<Long, String> names = new ConcurrentHashMap<>();
        return engine.recent(repositoryId, status == null || status.isBlank() ? null : status.strip(), limit).stream()
                .map(run -> summary(run, names)).toList();
    }

    @Override
    public Optional<RunSummary> cancel(long runId) {
        if (engine.run(runId).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(summary(engine.cancel(runId), new ConcurrentHashMap<>()));
    }

    @Override
    public List<RunnerInfo> runners() {
        List<RunnerInfo> all = new java.util.ArrayList<>(runners.values().stream()
                .map(r -> new RunnerInfo(r.id(), r.labels(), r.availableSlots()))
                .sorted(Comparator.comparing(RunnerInfo::id)).toList());
        RemoteRunnerDirectory directory = remote;
        if (directory != null) {
            all.addAll(directory.remoteRunners());
        }
        return all;
    }

    private RunSummary summary(WorkflowRun run, Map<Long, String> names) {
        String repository = names.computeIfAbsent(run.repositoryId(),
                id -> repositories.find(id).map(Repository::fullName).orElse(""));
        return new RunSummary(run.id(), run.repositoryId(), repository.isEmpty() ? null : repository,
                run.workflowPath(), run.name(), run.event(), run.headBranch(), run.headSha(), run.runNumber(),
                run.runAttempt(), run.status(), run.conclusion(), run.actor(), run.createdAt());
    }
}
