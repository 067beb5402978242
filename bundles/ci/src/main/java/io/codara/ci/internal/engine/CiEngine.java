package io.codara.ci.internal.engine;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.audit.Actor;
import io.codara.api.ci.CommitState;
import io.codara.api.ci.CommitStatuses;
import io.codara.api.ci.NewCommitStatus;
import io.codara.api.ci.spi.Conclusion;
import io.codara.api.ci.spi.JobResult;
import io.codara.api.event.Topics;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;
import io.codara.api.storage.Database;
import io.codara.api.storage.EventOutbox;
import io.codara.api.storage.JobOptions;
import io.codara.api.storage.JobQueue;
import io.codara.ci.internal.CiSchema;
import io.codara.ci.internal.workflow.ExpressionContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workflow runs and their jobs in PostgreSQL: creates a run with its jobs in one transaction, queues on the job queue
 * the jobs whose needs are done (in the same transaction), skips those whose needs failed, and completes the run.
 * Dispatchers lease the jobs they run ({@link #take}, {@link #renew}); every write of theirs checks the lease, and a
 * job whose lease expired (its node died) is queued again or failed after {@code max_claims} starts.
 */
@Component(service = CiEngine.class, configurationPid = "io.codara.ci.internal.engine.CiEngine")
@Designate(ocd = CiEngineConfig.class)
public final class CiEngine {

    private static final Logger LOG = LoggerFactory.getLogger(CiEngine.class);
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };
    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() { };
    /** Queue jobs only hand a job to a dispatcher, which leases it in {@code ci.workflow_jobs} at once. */
    static final JobOptions QUEUE_OPTIONS = new JobOptions(Duration.ZERO, 5, Duration.ofSeconds(1));
    /** The queue of {@link #settle} requests: the durable twin of the settling done right after a commit. */
    static final String SETTLE_QUEUE = "ci.concurrency";

    private static final String RUN_COLUMNS = "id, repository_id, workflow_path, name, event, head_sha, head_branch, "
            + "head_ref, "
            + "run_number, run_attempt, status, conclusion, actor, annotations::text AS annotations, "
            + "inputs::text AS inputs, created_at, updated_at, started_at, event_payload::text AS event_payload, "
            + "source_repository_id, withhold_secrets, concurrency_group";
    private static final String JOB_COLUMNS = "id, run_id, run_attempt, job_key, name, matrix::text AS matrix, needs, "
            + "runs_on, status, conclusion, message, runner_name, claims, created_at, started_at, completed_at";

    private final Database database;
    private final JobQueue queue;
    private final EventOutbox outbox;
    private final CommitStatuses statuses;
    private final Repositories repositories;
    private final String webUrl;
    private final int maxClaims;

    @Activate
    public CiEngine(@Reference CiSchema schema, @Reference Database database, @Reference JobQueue queue,
            @Reference EventOutbox outbox, @Reference CommitStatuses statuses, @Reference Repositories repositories,
            CiEngineConfig config) {
        this.database = database;
        this.queue = queue;
        this.outbox = outbox;
        this.statuses = statuses;
        this.repositories = repositories;
        String url = config.web_url().isBlank()
                ? "http://localhost:" + System.getProperty("codara.http.port", "8080") : config.web_url().strip();
        this.webUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (config.max_claims() < 1) {
            throw new IllegalArgumentException("max_claims must be at least 1");
        }
        this.maxClaims = config.max_claims();
    }

    // ------------------------------------------------------------------------------------------------ creating runs

    /**
     * Creates a run with its jobs and queues those without needs, in one transaction; a run planned with errors is
     * created completed with conclusion failure and a failure status on its commit.
     */
    public WorkflowRun createRun(PlannedRun plan) {
        List<Runnable> effects = new ArrayList<>();
        long id = transaction("create a run of " + plan.workflowPath(), c -> createRun(c, plan, effects));
        effects.forEach(Runnable::run);
        return run(id).orElseThrow();
    }

    /**
     * Creates the runs of one trigger in one transaction, unless {@code triggerKey} (an event id and ref, say) was
     * handled before: then nothing is created and the answer is empty, so a trigger delivered twice runs once.
     */
    public List<WorkflowRun> createRuns(String triggerKey, List<PlannedRun> plans) {
        List<Runnable> effects = new ArrayList<>();
        List<Long> ids = transaction("create the runs of " + triggerKey, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO ci.handled_triggers (trigger_key) VALUES (?) ON CONFLICT DO NOTHING")) {
                s.setString(1, triggerKey);
                if (s.executeUpdate() == 0) {
                    return List.<Long>of();
                }
            }
            List<Long> created = new ArrayList<>();
            for (PlannedRun plan : plans) {
                created.add(createRun(c, plan, effects));
            }
            return created;
        });
        effects.forEach(Runnable::run);
        return ids.stream().map(id -> run(id).orElseThrow()).toList();
    }

    private long createRun(Connection c, PlannedRun plan, List<Runnable> effects) throws SQLException {
        long number;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ci.workflow_run_numbers AS n "
                + "(repository_id, workflow_path, last_number) VALUES (?, ?, 1) ON CONFLICT (repository_id, "
                + "workflow_path) DO UPDATE SET last_number = n.last_number + 1 RETURNING last_number")) {
            s.setLong(1, plan.repositoryId());
            s.setString(2, plan.workflowPath());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                number = rs.getLong(1);
            }
        }
        boolean failed = !plan.errors().isEmpty();
        long runId;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ci.workflow_runs (repository_id, "
                + "workflow_path, name, event, head_sha, head_branch, run_number, status, conclusion, actor, "
                + "annotations, inputs, head_ref, event_payload, source_repository_id, withhold_secrets, "
                + "concurrency_group, cancel_in_progress) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, "
                + "?::jsonb, ?, ?, ?, ?) RETURNING id")) {
            s.setLong(1, plan.repositoryId());
            s.setString(2, plan.workflowPath());
            s.setString(3, plan.name());
            s.setString(4, plan.event());
            s.setString(5, plan.headSha());
            s.setString(6, plan.headBranch());
            s.setLong(7, number);
            boolean grouped = !failed && plan.concurrency() != null;
            s.setString(8, failed ? "completed" : grouped ? "pending" : "queued");
            s.setString(9, failed ? "failure" : null);
            s.setString(10, plan.actor());
            s.setString(11, json(plan.errors()));
            s.setString(12, json(plan.inputs()));
            s.setString(13, plan.headRef());
            s.setString(14, json(plan.eventPayload()));
            if (plan.sourceRepositoryId() == null) {
                s.setNull(15, Types.BIGINT);
            } else {
                s.setLong(15, plan.sourceRepositoryId());
            }
            s.setBoolean(16, plan.withholdSecrets());
            s.setString(17, grouped ? plan.concurrency().group() : null);
            s.setBoolean(18, grouped && plan.concurrency().cancelInProgress());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                runId = rs.getLong(1);
            }
        }
        for (PlannedJob job : plan.jobs()) {
            insertJob(c, runId, 1, job, "waiting", null);
        }
        if (failed) {
            effects.add(() -> postStatus(plan.repositoryId(), plan.headSha(), runId, plan.name(),
                    CommitState.FAILURE, plan.errors().get(0)));
        } else if (plan.concurrency() != null) {
            // Pending until its group decides, after this transaction commits.
            requestSettle(c, plan.repositoryId(), plan.concurrency().group(), effects);
        } else {
            schedule(c, runId, effects);
        }
        return runId;
    }

    private long insertJob(Connection c, long runId, int attempt, PlannedJob job, String status, String conclusion)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ci.workflow_jobs (run_id, run_attempt, job_key, "
                + "name, matrix, needs, runs_on, plan, status, conclusion, timeout_minutes, completed_at, "
                + "concurrency_group) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?, ?, ?, CASE WHEN ? THEN now() END, "
                + "?) RETURNING id")) {
            s.setLong(1, runId);
            s.setInt(2, attempt);
            s.setString(3, job.key());
            s.setString(4, job.name());
            s.setString(5, json(job.matrix()));
            s.setArray(6, c.createArrayOf("text", job.needs().toArray()));
            s.setArray(7, c.createArrayOf("text", job.runsOn().toArray()));
            s.setString(8, json(job));
            s.setString(9, status);
            s.setString(10, conclusion);
            s.setInt(11, job.timeoutMinutes());
            s.setBoolean(12, conclusion != null);
            s.setString(13, job.concurrency() == null ? null : job.concurrency().group());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The job queue's name for jobs asking for {@code labels}: {@code ci.<label>} or {@code ci.labels.<a,b>}. */
    public static String queueName(List<String> labels) {
        TreeSet<String> sorted = new TreeSet<>(labels);
        return sorted.size() == 1 ? "ci." + sorted.first() : "ci.labels." + String.join(",", sorted);
    }

    // ---------------------------------------------------------------------------------------------------- scheduling

    /** A job's row as scheduling needs it. */
    private record Node(long id, String key, String name, String status, String conclusion, List<String> needs,
            List<String> runsOn, PlannedJob plan, Map<String, String> outputs) {

        boolean completed() {
            return status.equals("completed");
        }

        /** Failed in a way that fails its dependents and the run (a job with continue-on-error does not). */
        boolean failed() {
            return "failure".equals(conclusion) && !plan.continueOnError();
        }
    }

    /**
     * Decides the waiting jobs of the run's current attempt whose needs are all completed (queued, or skipped when
     * their {@code if} says so), until nothing changes; then completes the run when all its jobs are.
     */
    private void schedule(Connection c, long runId, List<Runnable> effects) throws SQLException {
        WorkflowRun run = lockRun(c, runId);
        List<Node> nodes = nodes(c, runId, run.runAttempt());
        String repository = repositories.find(run.repositoryId()).map(Repository::fullName).orElse("");
        // A run waiting for its concurrency group queues nothing until the group starts it.
        boolean changed = !run.status().equals("pending");
        while (changed) {
            changed = false;
            for (int i = 0; i < nodes.size(); i++) {
                Node node = nodes.get(i);
                if (!node.status().equals("waiting")) {
                    continue;
                }
                List<Node> needed = nodes.stream().filter(n -> node.needs().contains(n.key())).toList();
                if (!needed.stream().allMatch(Node::completed)) {
                    continue;
                }
                int limit = node.plan().maxParallel();
                if (limit > 0 && nodes.stream().filter(n -> n.key().equals(node.key())
                        && (n.status().equals("queued") || n.status().equals("in_progress"))).count() >= limit) {
                    continue;
                }
                boolean failed = needed.stream().anyMatch(n -> n.failed() || "skipped".equals(n.conclusion()));
                // A run's cancellation cancels its waiting jobs at once; what is left waiting sees its own needs'.
                boolean cancelled = needed.stream().anyMatch(n -> "cancelled".equals(n.conclusion()));
                Node next;
                try {
                    ExpressionContext context = RunContexts.of(run, repository, node.plan(), Map.of(), Map.of())
                            .with("needs", needsContext(needed));
                    if (RunContexts.test(node.plan().condition(), context, failed, cancelled)
                            && node.plan().concurrency() != null) {
                        updateJob(c, node.id(), "pending", null, null);
                        requestSettle(c, run.repositoryId(), node.plan().concurrency().group(), effects);
                        next = withState(node, "pending", null);
                    } else if (RunContexts.test(node.plan().condition(), context, failed, cancelled)) {
                        long queued = queue.enqueue(c, queueName(node.runsOn()), json(Map.of("job_id", node.id())),
                                QUEUE_OPTIONS).id();
                        updateJob(c, node.id(), "queued", null, null);
                        LOG.debug("CI job {} of run {} queued as {}", node.id(), runId, queued);
                        effects.add(() -> postStatus(run.repositoryId(), run.headSha(), runId,
                                run.name() + " / " + node.name(), CommitState.PENDING, "Queued"));
                        next = withState(node, "queued", null);
                    } else {
                        updateJob(c, node.id(), "completed", "skipped", null);
                        next = withState(node, "completed", "skipped");
                    }
                } catch (IllegalArgumentException e) {
                    updateJob(c, node.id(), "completed", "failure", e.getMessage());
                    effects.add(() -> postStatus(run.repositoryId(), run.headSha(), runId,
                            run.name() + " / " + node.name(), CommitState.FAILURE, e.getMessage()));
                    next = withState(node, "completed", "failure");
                }
                nodes.set(i, next);
                changed = true;
            }
        }
        if (!nodes.isEmpty() && nodes.stream().allMatch(Node::completed)) {
            String conclusion = nodes.stream().anyMatch(Node::failed) ? "failure"
                    : nodes.stream().anyMatch(n -> "cancelled".equals(n.conclusion())) ? "cancelled" : "success";
            try (PreparedStatement s = c.prepareStatement("UPDATE ci.workflow_runs SET status = 'completed', "
                    + "conclusion = ?, updated_at = now() WHERE id = ?")) {
                s.setString(1, conclusion);
                s.setLong(2, runId);
                s.executeUpdate();
            }
            if (run.concurrencyGroup() != null && !run.status().equals("completed")) {
                requestSettle(c, run.repositoryId(), run.concurrencyGroup(), effects);
            }
        } else if (nodes.stream().anyMatch(n -> n.status().equals("in_progress"))) {
            try (PreparedStatement s = c.prepareStatement("UPDATE ci.workflow_runs SET status = 'in_progress', "
                    + "started_at = COALESCE(started_at, now()), updated_at = now() WHERE id = ? "
                    + "AND status <> 'in_progress'")) {
                s.setLong(1, runId);
                s.executeUpdate();
            }
        }
    }

    // -------------------------------------------------------------------------------------------------- concurrency

    /**
     * Asks for group {@code group} to be settled once {@code c} commits: right after the commit on this node, and
     * through the job queue (in {@code c}) should this node die first.
     */
    private void requestSettle(Connection c, long repositoryId, String group, List<Runnable> effects)
            throws SQLException {
        queue.enqueue(c, SETTLE_QUEUE, json(Map.of("repository_id", repositoryId, "group", group)),
                JobOptions.DEFAULT);
        effects.add(() -> {
            try {
                settle(repositoryId, group);
            } catch (RuntimeException e) {
                LOG.warn("Could not settle concurrency group '{}' of repository {} now; the job queue retries: {}",
                        group, repositoryId, e.getMessage());
            }
        });
    }

    /** A run or job of a concurrency group that waits ({@code pending}) or runs (queued or in progress). */
    private record Member(long runId, Long jobId, boolean pending, boolean cancelInProgress) {
    }

    /**
     * Decides concurrency group {@code group} of a repository, under a row lock on the group, so deciders on several
     * nodes take turns: of the pending runs and jobs, the newest stays and the older ones are cancelled; when it has
     * {@code cancel-in-progress}, the running ones are cancelled (a job in progress is asked to stop, its process
     * killed by its dispatcher); when nothing of the group runs any more, the pending one starts. Idempotent.
     */
    public void settle(long repositoryId, String group) {
        List<Runnable> effects = new ArrayList<>();
        transaction("settle concurrency group " + group, c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ci.concurrency_groups (repository_id, name) "
                    + "VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                s.setLong(1, repositoryId);
                s.setString(2, group);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM ci.concurrency_groups "
                    + "WHERE repository_id = ? AND name = ? FOR UPDATE")) {
                s.setLong(1, repositoryId);
                s.setString(2, group);
                s.executeQuery().close();
            }
            List<Member> members = members(c, repositoryId, group);
            List<Member> pending = members.stream().filter(Member::pending).toList();
            if (pending.isEmpty()) {
                return null;
            }
            Member newest = pending.get(pending.size() - 1);
            for (Member older : pending.subList(0, pending.size() - 1)) {
                LOG.info("Concurrency group '{}': run {} replaced by a newer pending one", group, older.runId());
                cancelMember(c, older, effects);
            }
            if (newest.cancelInProgress()) {
                for (Member running : members.stream().filter(m -> !m.pending()).toList()) {
                    LOG.info("Concurrency group '{}': run {} cancelled in progress", group, running.runId());
                    cancelMember(c, running, effects);
                }
            }
            if (members(c, repositoryId, group).stream().noneMatch(m -> !m.pending())) {
                WorkflowRun run = lockRun(c, newest.runId());
                if (newest.jobId() == null) {
                    try (PreparedStatement s = c.prepareStatement("UPDATE ci.workflow_runs SET status = 'queued', "
                            + "updated_at = now() WHERE id = ? AND status = 'pending'")) {
                        s.setLong(1, run.id());
                        s.executeUpdate();
                    }
                    schedule(c, run.id(), effects);
                } else {
                    Node node = nodes(c, run.id(), run.runAttempt()).stream()
                            .filter(n -> n.id() == newest.jobId()).findFirst().orElseThrow();
                    queue.enqueue(c, queueName(node.runsOn()), json(Map.of("job_id", node.id())), QUEUE_OPTIONS);
                    updateJob(c, node.id(), "queued", null, null);
                    effects.add(() -> postStatus(run.repositoryId(), run.headSha(), run.id(),
                            run.name() + " / " + node.name(), CommitState.PENDING, "Queued"));
                }
            }
            return null;
        });
        effects.forEach(Runnable::run);
    }

    /**
     * The unfinished runs and jobs of a group, oldest first, their runs locked (in id order, as every multi-run lock
     * takes them).
     */
    private List<Member> members(Connection c, long repositoryId, String group) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM ci.workflow_runs WHERE repository_id = ? "
                + "AND status <> 'completed' AND (concurrency_group = ? OR id IN (SELECT run_id FROM "
                + "ci.workflow_jobs WHERE concurrency_group = ? AND status IN ('pending', 'queued', 'in_progress'))) "
                + "ORDER BY id FOR UPDATE")) {
            s.setLong(1, repositoryId);
            s.setString(2, group);
            s.setString(3, group);
            s.executeQuery().close();
        }
        List<Member> members = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, NULL::bigint AS job_id, status = 'pending', "
                + "cancel_in_progress, NULL AS plan FROM ci.workflow_runs WHERE repository_id = ? "
                + "AND concurrency_group = ? AND status <> 'completed' "
                + "UNION ALL SELECT j.run_id, j.id, j.status = 'pending', false, j.plan::text FROM ci.workflow_jobs j "
                + "JOIN ci.workflow_runs r ON r.id = j.run_id WHERE r.repository_id = ? AND j.concurrency_group = ? "
                + "AND j.status IN ('pending', 'queued', 'in_progress') ORDER BY 1, 2 NULLS FIRST")) {
            s.setLong(1, repositoryId);
            s.setString(2, group);
            s.setLong(3, repositoryId);
            s.setString(4, group);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Long jobId = (Long) rs.getObject(2);
                    boolean cancel = jobId == null ? rs.getBoolean(4)
                            : read(rs.getString(5), PlannedJob.class).concurrency().cancelInProgress();
                    members.add(new Member(rs.getLong(1), jobId, rs.getBoolean(3), cancel));
                }
            }
        }
        return members;
    }

    private void cancelMember(Connection c, Member member, List<Runnable> effects) throws SQLException {
        WorkflowRun run = lockRun(c, member.runId());
        if (member.jobId() == null) {
            cancelJobs(c, run, "run_id = ? AND run_attempt = ?", List.of(run.id(), run.runAttempt()), effects);
        } else {
            cancelJobs(c, run, "id = ?", List.of(member.jobId()), effects);
        }
    }

    /** The {@code needs} context: each needed key's result and outputs (of its last job, for a matrix). */
    private static Map<String, Object> needsContext(List<Node> needed) {
        Map<String, Object> needs = new LinkedHashMap<>();
        for (Node n : needed) {
            Map<String, Object> outputs = new LinkedHashMap<>(n.outputs());
            Object previous = needs.get(n.key());
            String result = n.conclusion();
            if (previous instanceof Map<?, ?> p && !"success".equals(p.get("result"))) {
                result = (String) p.get("result");
            }
            if (previous instanceof Map<?, ?> p && p.get("outputs") instanceof Map<?, ?> o) {
                o.forEach((k, v) -> outputs.putIfAbsent((String) k, v));
            }
            needs.put(n.key(), Map.of("result", result == null ? "" : result, "outputs", outputs));
        }
        return needs;
    }

    private static Node withState(Node node, String status, String conclusion) {
        return new Node(node.id(), node.key(), node.name(), status, conclusion, node.needs(), node.runsOn(),
                node.plan(), node.outputs());
    }

    /**
     * Locks the run of job {@code jobId} before the job itself is changed: every transaction that changes a run and
     * its jobs locks the run first (cancel, re-run, take, finish, recovery), so two of them never wait for each
     * other's rows. False when there is no such job.
     */
    private boolean lockRunOf(Connection c, long jobId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM ci.workflow_runs WHERE id = "
                + "(SELECT run_id FROM ci.workflow_jobs WHERE id = ?) FOR UPDATE")) {
            s.setLong(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private WorkflowRun lockRun(Connection c, long runId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + RUN_COLUMNS
                + " FROM ci.workflow_runs WHERE id = ? FOR UPDATE")) {
            s.setLong(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw ApiException.notFound();
                }
                return toRun(rs);
            }
        }
    }

    private List<Node> nodes(Connection c, long runId, int attempt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, job_key, name, status, conclusion, needs, runs_on, "
                + "plan::text AS plan, outputs::text AS outputs FROM ci.workflow_jobs WHERE run_id = ? "
                + "AND run_attempt = ? ORDER BY id")) {
            s.setLong(1, runId);
            s.setInt(2, attempt);
            List<Node> nodes = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    nodes.add(new Node(rs.getLong("id"), rs.getString("job_key"), rs.getString("name"),
                            rs.getString("status"), rs.getString("conclusion"), strings(rs.getArray("needs")),
                            strings(rs.getArray("runs_on")), read(rs.getString("plan"), PlannedJob.class),
                            read(rs.getString("outputs"), STRING_MAP)));
                }
            }
            return nodes;
        }
    }

    private static void updateJob(Connection c, long jobId, String status, String conclusion, String message)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE ci.workflow_jobs SET status = ?, conclusion = ?, "
                + "message = COALESCE(?, message), completed_at = CASE WHEN ? = 'completed' THEN now() END, "
                + "lease_owner = NULL, lease_until = NULL WHERE id = ?")) {
            s.setString(1, status);
            s.setString(2, conclusion);
            s.setString(3, message);
            s.setString(4, status);
            s.setLong(5, jobId);
            s.executeUpdate();
        }
    }

    // -------------------------------------------------------------------------------------------------- dispatching

    /** A job leased by a dispatcher, with what it needs to build the runner's job. */
    public record TakenJob(long jobId, int claim, WorkflowRun run, PlannedJob plan, Map<String, Object> needs) {
    }

    /** What a dispatcher's lease renewal found. */
    public enum Lease {
        /** Still held: keep running. */
        HELD,
        /** Held, and someone asked to cancel the job. */
        CANCEL_REQUESTED,
        /** Lost (expired and taken over, or the job ended): stop at once. */
        LOST
    }

    /** The runs-on label sets of the jobs waiting on the job queue. */
    public Set<List<String>> queuedLabels() {
        return query("list queued labels", c -> {
            Set<List<String>> labels = new LinkedHashSet<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT DISTINCT runs_on FROM ci.workflow_jobs WHERE status = 'queued'");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    labels.add(strings(rs.getArray(1)));
                }
            }
            return labels;
        });
    }

    /**
     * Leases a queued job for {@code owner} (a dispatcher's unique id) running it on {@code runner}: its steps are
     * reset from the plan and logs of an earlier start dropped. Empty when the job is no longer queued (cancelled,
     * or taken by someone else).
     */
    public Optional<TakenJob> take(long jobId, String owner, String runner, Duration lease) {
        List<Runnable> effects = new ArrayList<>();
        Optional<TakenJob> taken = transaction("take job " + jobId, c -> {
            if (!lockRunOf(c, jobId)) {
                return Optional.<TakenJob>empty();
            }
            long runId;
            int claim;
            PlannedJob plan;
            try (PreparedStatement s = c.prepareStatement("UPDATE ci.workflow_jobs SET status = 'in_progress', "
                    + "claims = claims + 1, lease_owner = ?, lease_until = now() + ? * interval '1 millisecond', "
                    + "runner_name = ?, started_at = now(), completed_at = NULL "
                    + "WHERE id = ? AND status = 'queued' RETURNING run_id, claims, plan::text AS plan")) {
                s.setString(1, owner);
                s.setLong(2, lease.toMillis());
                s.setString(3, runner);
                s.setLong(4, jobId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<TakenJob>empty();
                    }
                    runId = rs.getLong("run_id");
                    claim = rs.getInt("claims");
                    plan = read(rs.getString("plan"), PlannedJob.class);
                }
            }
            for (String sql : List.of("DELETE FROM ci.workflow_steps WHERE job_id = ?",
                    "DELETE FROM ci.workflow_log_chunks WHERE job_id = ?")) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setLong(1, jobId);
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO ci.workflow_steps (job_id, number, name) VALUES (?, ?, ?)")) {
                for (int i = 0; i < plan.steps().size(); i++) {
                    s.setLong(1, jobId);
                    s.setInt(2, i + 1);
                    s.setString(3, plan.steps().get(i).name());
                    s.addBatch();
                }
                s.executeBatch();
            }
            schedule(c, runId, effects);
            WorkflowRun run = lockRun(c, runId);
            List<Node> needed = nodes(c, runId, run.runAttempt()).stream()
                    .filter(n -> plan.needs().contains(n.key())).toList();
            return Optional.of(new TakenJob(jobId, claim, run, plan, needsContext(needed)));
        });
        effects.forEach(Runnable::run);
        return taken;
    }

    /** A queued job a remote runner may take: its id and its run's repository. */
    public record QueuedJob(long jobId, long repositoryId) {
    }

    /**
     * The oldest queued jobs whose {@code runs-on} labels are all among {@code labels} (compared without case), of
     * one repository or, with {@code repositoryId} {@code null}, of any; a runner leases one with {@link #take}.
     */
    public List<QueuedJob> queuedFor(Set<String> labels, Long repositoryId, int limit) {
        return query("list jobs queued for " + labels, c -> {
            List<QueuedJob> jobs = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT j.id, r.repository_id FROM ci.workflow_jobs j "
                    + "JOIN ci.workflow_runs r ON r.id = j.run_id WHERE j.status = 'queued' "
                    + "AND ARRAY(SELECT lower(l) FROM unnest(j.runs_on) l) <@ ?::text[] "
                    + "AND (?::bigint IS NULL OR r.repository_id = ?) ORDER BY j.id LIMIT ?")) {
                s.setArray(1, c.createArrayOf("text", labels.stream()
                        .map(l -> l.toLowerCase(java.util.Locale.ROOT)).toArray()));
                s.setObject(2, repositoryId, java.sql.Types.BIGINT);
                s.setObject(3, repositoryId, java.sql.Types.BIGINT);
                s.setInt(4, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        jobs.add(new QueuedJob(rs.getLong(1), rs.getLong(2)));
                    }
                }
            }
            return jobs;
        });
    }

    /**
     * The job {@code owner} holds now, as {@link #take} answered it, for a runner that reports over several
     * requests; empty when the lease is no longer {@code owner}'s.
     */
    public Optional<TakenJob> held(long jobId, String owner) {
        return query("read held job " + jobId, c -> {
            long runId;
            int claim;
            PlannedJob plan;
            try (PreparedStatement s = c.prepareStatement("SELECT run_id, claims, plan::text AS plan FROM "
                    + "ci.workflow_jobs WHERE id = ? AND status = 'in_progress' AND lease_owner = ?")) {
                s.setLong(1, jobId);
                s.setString(2, owner);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<TakenJob>empty();
                    }
                    runId = rs.getLong("run_id");
                    claim = rs.getInt("claims");
                    plan = read(rs.getString("plan"), PlannedJob.class);
                }
            }
            WorkflowRun run;
            try (PreparedStatement s = c.prepareStatement("SELECT " + RUN_COLUMNS
                    + " FROM ci.workflow_runs WHERE id = ?")) {
                s.setLong(1, runId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<TakenJob>empty();
                    }
                    run = toRun(rs);
                }
            }
            List<Node> needed = nodes(c, runId, run.runAttempt()).stream()
                    .filter(n -> plan.needs().contains(n.key())).toList();
            return Optional.of(new TakenJob(jobId, claim, run, plan, needsContext(needed)));
        });
    }

    /** Extends {@code owner}'s lease of a running job. */
    public Lease renew(long jobId, String owner, Duration lease) {
        return query("renew the lease of job " + jobId, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE ci.workflow_jobs SET "
                    + "lease_until = now() + ? * interval '1 millisecond' WHERE id = ? AND status = 'in_progress' "
                    + "AND lease_owner = ? AND lease_until > now() RETURNING cancel_requested")) {
                s.setLong(1, lease.toMillis());
                s.setLong(2, jobId);
                s.setString(3, owner);
                try (ResultSet rs = s.executeQuery()) {
                    return !rs.next() ? Lease.LOST : rs.getBoolean(1) ? Lease.CANCEL_REQUESTED : Lease.HELD;
                }
            }
        });
    }

    private static final String HOLDS = " AND EXISTS (SELECT 1 FROM ci.workflow_jobs j WHERE j.id = ? "
            + "AND j.status = 'in_progress' AND j.lease_owner = ?)";

    /** Records that a step started; false when {@code owner} no longer holds the job. */
    public boolean stepStarted(long jobId, String owner, int number, Instant at) {
        return update("start step " + number + " of job " + jobId, "UPDATE ci.workflow_steps SET status = "
                + "'in_progress', started_at = ? WHERE job_id = ? AND number = ?" + HOLDS,
                Timestamp.from(at), jobId, number, jobId, owner) >= 0;
    }

    /** Records a step's end; false when {@code owner} no longer holds the job. */
    public boolean stepFinished(long jobId, String owner, int number, Conclusion conclusion, Instant startedAt,
            Instant completedAt) {
        return update("finish step " + number + " of job " + jobId, "UPDATE ci.workflow_steps SET status = "
                + "'completed', conclusion = ?, started_at = COALESCE(started_at, ?), completed_at = ? "
                + "WHERE job_id = ? AND number = ?" + HOLDS, conclusion.apiName(),
                startedAt == null ? null : Timestamp.from(startedAt),
                Timestamp.from(completedAt == null ? Instant.now() : completedAt), jobId, number, jobId, owner) >= 0;
    }

    /**
     * Stores log text of a step at its byte offset in the step's log and at {@code jobOffset} in the job's; false
     * when {@code owner} no longer holds the job.
     */
    public boolean log(long jobId, String owner, int step, long offset, long jobOffset, String text) {
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        return update("store the log of job " + jobId, "INSERT INTO ci.workflow_log_chunks (job_id, step, "
                + "byte_offset, job_offset, bytes, text) SELECT ?, ?, ?, ?, ?, ? WHERE TRUE" + HOLDS
                + " ON CONFLICT DO NOTHING", jobId, step, offset, jobOffset, bytes, text, jobId, owner) > 0;
    }

    /**
     * Completes a job {@code owner} holds with the runner's result, decides its dependents, completes the run when
     * it can, publishes {@link Topics#CI_JOB_COMPLETED} and posts the job's commit status; false when the lease was
     * lost (then nothing is written).
     */
    public boolean finish(long jobId, String owner, JobResult result) {
        return finish(jobId, owner, result, Map.of());
    }

    /** {@link #finish(long, String, JobResult)} with the job's evaluated {@code outputs}. */
    public boolean finish(long jobId, String owner, JobResult result, Map<String, String> outputs) {
        List<Runnable> effects = new ArrayList<>();
        boolean done = transaction("finish job " + jobId, c -> {
            if (!lockRunOf(c, jobId)) {
                return false;
            }
            long runId;
            String name;
            boolean cancelRequested;
            try (PreparedStatement s = c.prepareStatement("UPDATE ci.workflow_jobs SET status = 'completed', "
                    + "conclusion = ?, message = ?, completed_at = now(), lease_owner = NULL, lease_until = NULL, "
                    + "outputs = ?::jsonb WHERE id = ? AND status = 'in_progress' AND lease_owner = ? "
                    + "RETURNING run_id, name, cancel_requested")) {
                s.setString(1, result.conclusion().apiName());
                s.setString(2, result.message());
                s.setString(3, json(outputs));
                s.setLong(4, jobId);
                s.setString(5, owner);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    runId = rs.getLong(1);
                    name = rs.getString(2);
                    cancelRequested = rs.getBoolean(3);
                }
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE ci.workflow_steps SET status = 'completed', "
                    + "conclusion = ?, completed_at = now() WHERE job_id = ? AND status <> 'completed'")) {
                s.setString(1, result.conclusion() == Conclusion.SUCCESS ? "skipped" : result.conclusion().apiName());
                s.setLong(2, jobId);
                s.executeUpdate();
            }
            completed(c, runId, jobId, name, result.conclusion(), cancelRequested, result.message(), effects);
            return true;
        });
        effects.forEach(Runnable::run);
        return done;
    }

    private void completed(Connection c, long runId, long jobId, String jobName, Conclusion conclusion,
            boolean cancelled, String message, List<Runnable> effects) throws SQLException {
        WorkflowRun run = lockRun(c, runId);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("repository_id", run.repositoryId());
        event.put("run_id", runId);
        event.put("job_id", jobId);
        event.put("job_name", jobName);
        event.put("conclusion", conclusion.apiName());
        event.put("head_sha", run.headSha());
        outbox.publish(c, Topics.CI_JOB_COMPLETED, event);
        if (conclusion == Conclusion.FAILURE) {
            failFast(c, run, jobId, effects);
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT concurrency_group FROM ci.workflow_jobs WHERE id = ? AND concurrency_group IS NOT NULL")) {
            s.setLong(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    requestSettle(c, run.repositoryId(), rs.getString(1), effects);
                }
            }
        }
        schedule(c, runId, effects);
        CommitState state = conclusion == Conclusion.SUCCESS ? CommitState.SUCCESS
                : conclusion == Conclusion.CANCELLED || cancelled ? CommitState.ERROR : CommitState.FAILURE;
        String description = switch (conclusion) {
            case SUCCESS -> "Successful";
            case CANCELLED -> "Cancelled";
            case SKIPPED -> "Skipped";
            case FAILURE -> message == null || message.isBlank() ? "Failed" : "Failed: " + message;
        };
        effects.add(() -> postStatus(run.repositoryId(), run.headSha(), runId, run.name() + " / " + jobName, state,
                description));
    }

    /**
     * {@code strategy.fail-fast}: a failed job (without continue-on-error) of a matrix cancels the unfinished jobs of
     * its key.
     */
    private void failFast(Connection c, WorkflowRun run, long jobId, List<Runnable> effects) throws SQLException {
        PlannedJob plan;
        String key;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT job_key, plan::text FROM ci.workflow_jobs WHERE id = ?")) {
            s.setLong(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                key = rs.getString(1);
                plan = read(rs.getString(2), PlannedJob.class);
            }
        }
        if (plan.failFast() && !plan.continueOnError()) {
            cancelJobs(c, run, "run_id = ? AND run_attempt = ? AND job_key = ? AND id <> ?",
                    List.of(run.id(), run.runAttempt(), key, jobId), effects);
        }
    }

    /**
     * Takes over the jobs whose lease expired (their dispatcher's node died or hung): each is queued again for
     * another start, or failed once it was started {@code max_claims} times. Returns how many it handled.
     */
    public int recoverExpired() {
        List<Runnable> effects = new ArrayList<>();
        int handled = transaction("recover expired CI jobs", c -> {
            // Runs before jobs, as every transaction that changes both locks them, or two would deadlock.
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM ci.workflow_runs WHERE id IN (SELECT run_id "
                    + "FROM ci.workflow_jobs WHERE status = 'in_progress' AND lease_until <= now()) ORDER BY id "
                    + "LIMIT 100 FOR UPDATE");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rs.getLong(1); // locked
                }
            }
            List<long[]> expired = new ArrayList<>();
            List<String[]> details = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, run_id, claims, name, runs_on, lease_owner "
                    + "FROM ci.workflow_jobs WHERE status = 'in_progress' AND lease_until <= now() "
                    + "ORDER BY id LIMIT 100 FOR UPDATE SKIP LOCKED");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    expired.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getInt(3)});
                    details.add(new String[] {rs.getString(4), queueName(strings(rs.getArray(5))), rs.getString(6)});
                }
            }
            for (int i = 0; i < expired.size(); i++) {
                long jobId = expired.get(i)[0];
                long runId = expired.get(i)[1];
                long claims = expired.get(i)[2];
                String owner = details.get(i)[2];
                if (claims < maxClaims) {
                    LOG.warn("CI job {} lost its runner {} (start {} of {}): queued again", jobId, owner, claims,
                            maxClaims);
                    try (PreparedStatement s = c.prepareStatement("UPDATE ci.workflow_jobs SET status = 'queued', "
                            + "lease_owner = NULL, lease_until = NULL, message = ? WHERE id = ?")) {
                        s.setString(1, "The runner " + owner + " stopped answering; the job was started again");
                        s.setLong(2, jobId);
                        s.executeUpdate();
                    }
                    queue.enqueue(c, details.get(i)[1], json(Map.of("job_id", jobId)), QUEUE_OPTIONS);
                } else {
                    String message = "The runner stopped answering " + claims + " times; the job was failed";
                    LOG.warn("CI job {} lost its runner {} on its last start: failed", jobId, owner);
                    try (PreparedStatement s = c.prepareStatement("UPDATE ci.workflow_jobs SET status = "
                            + "'completed', conclusion = 'failure', message = ?, completed_at = now(), "
                            + "lease_owner = NULL, lease_until = NULL WHERE id = ?")) {
                        s.setString(1, message);
                        s.setLong(2, jobId);
                        s.executeUpdate();
                    }
                    try (PreparedStatement s = c.prepareStatement("UPDATE ci.workflow_steps SET status = "
                            + "'completed', conclusion = 'failure', completed_at = now() WHERE job_id = ? "
                            + "AND status <> 'completed'")) {
                        s.setLong(1, jobId);
                        s.executeUpdate();
                    }
                    completed(c, runId, jobId, details.get(i)[0], Conclusion.FAILURE, false, message, effects);
                }
            }
            return expired.size();
        });
        effects.forEach(Runnable::run);
        return handled;
    }

    // ------------------------------------------------------------------------------------------ runner presence

    /** The label a dispatcher asks its runners about to learn whether they run Docker jobs at all. */
    public static final String DOCKER_PROBE_LABEL = "docker:*";

    /**
     * Records that {@code owner} (a dispatcher's runner) can run Docker jobs now, or no longer can; rows not renewed
     * for a day are dropped.
     */
    public void runnerPresence(String owner, boolean docker) {
        update("record the presence of runner " + owner, "INSERT INTO ci.runner_presence (owner, docker, seen_at) "
                + "VALUES (?, ?, now()) ON CONFLICT (owner) DO UPDATE SET docker = EXCLUDED.docker, seen_at = now()",
                owner, docker);
        update("forget old runners", "DELETE FROM ci.runner_presence WHERE seen_at < now() - interval '1 day'");
    }

    /**
     * Fails the queued jobs that ask for {@code docker:<image>} when no node has reported a runner that can run Docker
     * jobs for {@code wait} and the job is at least that old: their log and message say why, the run gets an
     * annotation, and dependents are decided as after any failure. Answers how many it failed.
     */
    public int failDockerJobsWithoutRunner(Duration wait) {
        List<Runnable> effects = new ArrayList<>();
        String stale = "created_at <= now() - ? * interval '1 millisecond' AND EXISTS (SELECT 1 FROM unnest(runs_on) "
                + "label WHERE label LIKE 'docker:%') AND NOT EXISTS (SELECT 1 FROM ci.runner_presence p WHERE p.docker "
                + "AND p.seen_at > now() - ? * interval '1 millisecond')";
        int failed = transaction("fail Docker jobs without a runner", c -> {
            // Runs before jobs, as every transaction that changes both locks them.
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM ci.workflow_runs WHERE id IN (SELECT run_id "
                    + "FROM ci.workflow_jobs WHERE status = 'queued' AND " + stale + ") ORDER BY id LIMIT 100 "
                    + "FOR UPDATE")) {
                bind(s, wait.toMillis(), wait.toMillis());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rs.getLong(1); // locked
                    }
                }
            }
            List<Object[]> jobs = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, run_id, name, runs_on FROM ci.workflow_jobs "
                    + "WHERE status = 'queued' AND " + stale + " ORDER BY id LIMIT 100 FOR UPDATE SKIP LOCKED")) {
                bind(s, wait.toMillis(), wait.toMillis());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        jobs.add(new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3),
                            strings(rs.getArray(4))});
                    }
                }
            }
            for (Object[] job : jobs) {
                long jobId = (Long) job[0];
                long runId = (Long) job[1];
                String name = (String) job[2];
                @SuppressWarnings("unchecked")
                List<String> runsOn = (List<String>) job[3];
                String docker = runsOn.stream().filter(l -> l.startsWith("docker:")).findFirst().orElse("docker");
                String message = "No runner with a Docker engine is available for " + docker + ": none has been seen"
                        + " for " + human(wait) + " on any node (configure the Docker runner, io.codara.ci.runner"
                        + ".docker, on a node with a Docker engine)";
                LOG.warn("CI job {} ({}) failed: {}", jobId, name, message);
                try (PreparedStatement s = c.prepareStatement("UPDATE ci.workflow_jobs SET status = 'completed', "
                        + "conclusion = 'failure', message = ?, started_at = COALESCE(started_at, now()), "
                        + "completed_at = now() WHERE id = ?")) {
                    bind(s, message, jobId);
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE ci.workflow_steps SET status = 'completed', "
                        + "conclusion = 'skipped', completed_at = now() WHERE job_id = ? AND status <> 'completed'")) {
                    bind(s, jobId);
                    s.executeUpdate();
                }
                String line = LOG_TIMESTAMP.format(Instant.now()) + " ##[error]" + message + "\n";
                long offset = 0;
                try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(job_offset + bytes), 0) "
                        + "FROM ci.workflow_log_chunks WHERE job_id = ?")) {
                    bind(s, jobId);
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        offset = rs.getLong(1);
                    }
                }
                long stepOffset = 0;
                try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(byte_offset + bytes), 0) "
                        + "FROM ci.workflow_log_chunks WHERE job_id = ? AND step = 0")) {
                    bind(s, jobId);
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        stepOffset = rs.getLong(1);
                    }
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO ci.workflow_log_chunks (job_id, step, "
                        + "byte_offset, job_offset, bytes, text) VALUES (?, 0, ?, ?, ?, ?)")) {
                    bind(s, jobId, stepOffset, offset, line.getBytes(StandardCharsets.UTF_8).length, line);
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE ci.workflow_runs SET annotations = "
                        + "annotations || jsonb_build_array(?::text) WHERE id = ?")) {
                    bind(s, name + ": " + message, runId);
                    s.executeUpdate();
                }
                completed(c, runId, jobId, name, Conclusion.FAILURE, false, message, effects);
            }
            return jobs.size();
        });
        effects.forEach(Runnable::run);
        return failed;
    }

    private static final java.time.format.DateTimeFormatter LOG_TIMESTAMP = java.time.format.DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS'Z'", java.util.Locale.ROOT).withZone(java.time.ZoneOffset.UTC);

    private static String human(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds / 60 + "m" + seconds % 60 + "s";
    }

    // ----------------------------------------------------------------------------------------- cancel and re-run

    /**
     * Cancels a run's unfinished jobs: those not yet started are completed as cancelled, running ones are asked to
     * stop (their dispatcher cancels the runner at its next lease renewal). 409 when the run is completed.
     */
    public WorkflowRun cancel(long runId) {
        List<Runnable> effects = new ArrayList<>();
        transaction("cancel run " + runId, c -> {
            WorkflowRun run = lockRun(c, runId);
            if (run.status().equals("completed")) {
                throw new ApiException(409, "Cannot cancel a workflow run that is completed.");
            }
            cancelJobs(c, run, "run_id = ? AND run_attempt = ?", List.of(runId, run.runAttempt()), effects);
            return null;
        });
        effects.forEach(Runnable::run);
        return run(runId).orElseThrow();
    }

    /** Cancels one job of the run's current attempt; 409 when it is completed. */
    public WorkflowJob cancelJob(long jobId) {
        WorkflowJob job = job(jobId).orElseThrow(ApiException::notFound);
        List<Runnable> effects = new ArrayList<>();
        transaction("cancel job " + jobId, c -> {
            WorkflowRun run = lockRun(c, job.runId());
            if (cancelJobs(c, run, "id = ? AND status <> 'completed'", List.of(jobId), effects) == 0) {
                throw new ApiException(409, "Cannot cancel a job that is completed.");
            }
            return null;
        });
        effects.forEach(Runnable::run);
        return job(jobId).orElseThrow();
    }

    private int cancelJobs(Connection c, WorkflowRun run, String where, List<Object> values, List<Runnable> effects)
            throws SQLException {
        int count = 0;
        List<String> cancelledNames = new ArrayList<>();
        List<Long> cancelledIds = new ArrayList<>();
        Set<String> groups = new TreeSet<>();
        try (PreparedStatement s = c.prepareStatement("UPDATE ci.workflow_jobs SET status = 'completed', "
                + "conclusion = 'cancelled', completed_at = now() WHERE " + where
                + " AND status IN ('waiting', 'pending', 'queued') RETURNING id, name, concurrency_group, "
                + "status")) {
            bind(s, values.toArray());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    cancelledIds.add(rs.getLong(1));
                    cancelledNames.add(rs.getString(2));
                    if (rs.getString(3) != null) {
                        groups.add(rs.getString(3));
                    }
                    count++;
                }
            }
        }
        for (String group : groups) {
            requestSettle(c, run.repositoryId(), group, effects);
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE ci.workflow_steps SET status = 'completed', "
                + "conclusion = 'cancelled', completed_at = now() WHERE status <> 'completed' "
                + "AND job_id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("bigint", cancelledIds.toArray()));
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE ci.workflow_jobs SET cancel_requested = true WHERE "
                + where + " AND status = 'in_progress'")) {
            bind(s, values.toArray());
            count += s.executeUpdate();
        }
        for (String name : cancelledNames) {
            effects.add(() -> postStatus(run.repositoryId(), run.headSha(), run.id(), run.name() + " / " + name,
                    CommitState.ERROR, "Cancelled"));
        }
        schedule(c, run.id(), effects);
        return count;
    }

    /**
     * Re-runs a completed run as a new attempt: all its jobs, or ({@code failedOnly}) those that failed or were
     * cancelled or skipped and the jobs that need them, the others kept with their results. 403 when the run has
     * no jobs (its workflow file was invalid), 409 while it runs.
     */
    public WorkflowRun rerun(long runId, boolean failedOnly, String actor) {
        List<Runnable> effects = new ArrayList<>();
        transaction("re-run run " + runId, c -> {
            WorkflowRun run = lockRun(c, runId);
            if (!run.status().equals("completed")) {
                throw new ApiException(409, "Cannot re-run a workflow run that is not completed.");
            }
            List<Node> nodes = nodes(c, runId, run.runAttempt());
            if (nodes.isEmpty()) {
                throw new ApiException(403, "This workflow run cannot be re-run: its workflow file is invalid.");
            }
            Set<String> again = new HashSet<>();
            for (Node node : nodes) {
                if (!failedOnly || !"success".equals(node.conclusion())) {
                    again.add(node.key());
                }
            }
            if (again.isEmpty()) {
                throw new ApiException(409, "This workflow run has no failed jobs to re-run.");
            }
            boolean grew = true;
            while (grew) {
                grew = false;
                for (Node node : nodes) {
                    if (!again.contains(node.key()) && node.needs().stream().anyMatch(again::contains)) {
                        again.add(node.key());
                        grew = true;
                    }
                }
            }
            int attempt = run.runAttempt() + 1;
            for (Node node : nodes) {
                if (again.contains(node.key())) {
                    insertJob(c, runId, attempt, node.plan(), "waiting", null);
                } else {
                    long copy = insertJob(c, runId, attempt, node.plan(), "completed", node.conclusion());
                    copyResults(c, node.id(), copy);
                }
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE ci.workflow_runs SET run_attempt = ?, "
                    + "status = 'queued', conclusion = NULL, actor = COALESCE(?, actor), updated_at = now(), "
                    + "started_at = now() WHERE id = ?")) {
                s.setInt(1, attempt);
                s.setString(2, actor);
                s.setLong(3, runId);
                s.executeUpdate();
            }
            schedule(c, runId, effects);
            return null;
        });
        effects.forEach(Runnable::run);
        return run(runId).orElseThrow();
    }

    /** A kept job of a re-run attempt shows the steps, logs and times of the attempt it comes from. */
    private static void copyResults(Connection c, long from, long to) throws SQLException {
        for (String sql : List.of(
                "UPDATE ci.workflow_jobs t SET started_at = f.started_at, completed_at = f.completed_at, "
                        + "runner_name = f.runner_name, message = f.message, claims = f.claims, outputs = f.outputs "
                        + "FROM ci.workflow_jobs f WHERE t.id = ? AND f.id = ?",
                "INSERT INTO ci.workflow_steps (job_id, number, name, status, conclusion, started_at, completed_at) "
                        + "SELECT ?, number, name, status, conclusion, started_at, completed_at "
                        + "FROM ci.workflow_steps WHERE job_id = ?",
                "INSERT INTO ci.workflow_log_chunks (job_id, step, byte_offset, job_offset, bytes, text) "
                        + "SELECT ?, step, byte_offset, job_offset, bytes, text FROM ci.workflow_log_chunks "
                        + "WHERE job_id = ?")) {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, to);
                s.setLong(2, from);
                s.executeUpdate();
            }
        }
    }

    // -------------------------------------------------------------------------------------------------------- reads

    /** One run. */
    public Optional<WorkflowRun> run(long runId) {
        return query("read run " + runId, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + RUN_COLUMNS
                    + " FROM ci.workflow_runs WHERE id = ?")) {
                s.setLong(1, runId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(toRun(rs)) : Optional.<WorkflowRun>empty();
                }
            }
        });
    }

    /** Filters of {@link #runs}; {@code null} matches everything. */
    public record RunFilter(String branch, String event, String status, String headSha) {
    }

    /** A page of a repository's runs, newest first, and how many match. */
    public record RunPage(List<WorkflowRun> runs, long total) {
    }

    /**
     * A repository's runs, newest first. {@code status} is a run status or a conclusion, as GitHub's filter.
     */
    public RunPage runs(long repositoryId, RunFilter filter, int page, int perPage) {
        StringBuilder where = new StringBuilder(" WHERE repository_id = ?");
        List<Object> values = new ArrayList<>(List.of(repositoryId));
        if (filter.branch() != null) {
            where.append(" AND head_branch = ?");
            values.add(filter.branch());
        }
        if (filter.event() != null) {
            where.append(" AND event = ?");
            values.add(filter.event());
        }
        if (filter.status() != null) {
            where.append(" AND (status = ? OR conclusion = ?)");
            values.add(filter.status());
            values.add(filter.status());
        }
        if (filter.headSha() != null) {
            where.append(" AND head_sha = ?");
            values.add(filter.headSha());
        }
        return query("list runs", c -> {
            long total;
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM ci.workflow_runs" + where)) {
                bind(s, values.toArray());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<WorkflowRun> runs = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + RUN_COLUMNS + " FROM ci.workflow_runs" + where
                    + " ORDER BY id DESC LIMIT ? OFFSET ?")) {
                List<Object> all = new ArrayList<>(values);
                all.add(perPage);
                all.add((long) (page - 1) * perPage);
                bind(s, all.toArray());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        runs.add(toRun(rs));
                    }
                }
            }
            return new RunPage(runs, total);
        });
    }

    /**
     * The newest runs of one repository ({@code null}: of all), of a status or conclusion ({@code null}: any), at most
     * {@code limit}.
     */
    public List<WorkflowRun> recent(Long repositoryId, String status, int limit) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> values = new ArrayList<>();
        if (repositoryId != null) {
            where.append(" AND repository_id = ?");
            values.add(repositoryId);
        }
        if (status != null) {
            where.append(" AND (status = ? OR conclusion = ?)");
            values.add(status);
            values.add(status);
        }
        values.add(limit);
        return query("list recent runs", c -> {
            List<WorkflowRun> runs = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + RUN_COLUMNS + " FROM ci.workflow_runs" + where
                    + " ORDER BY id DESC LIMIT ?")) {
                bind(s, values.toArray());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        runs.add(toRun(rs));
                    }
                }
            }
            return runs;
        });
    }

    /** The jobs of a run's attempt ({@code null}: the latest), with their steps, in creation order. */
    public List<WorkflowJob> jobs(long runId, Integer attempt) {
        return query("list jobs of run " + runId, c -> jobs(c, "run_id = ? AND run_attempt = "
                + "COALESCE(?, (SELECT run_attempt FROM ci.workflow_runs WHERE id = ?))", runId, attempt, runId));
    }

    /** One job with its steps. */
    public Optional<WorkflowJob> job(long jobId) {
        return query("read job " + jobId, c -> jobs(c, "id = ?", jobId).stream().findFirst());
    }

    /** The jobs of a repository's runs at commit {@code sha} (their latest attempts), as check runs. */
    public List<WorkflowJob> jobsAt(long repositoryId, String sha) {
        return query("list jobs at " + sha, c -> jobs(c, "(run_id, run_attempt) IN (SELECT id, run_attempt FROM "
                + "ci.workflow_runs WHERE repository_id = ? AND head_sha = ?)", repositoryId, sha));
    }

    private List<WorkflowJob> jobs(Connection c, String where, Object... values) throws SQLException {
        Map<Long, List<WorkflowJob.WorkflowStep>> steps = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT job_id, number, name, status, conclusion, started_at, "
                + "completed_at FROM ci.workflow_steps WHERE job_id IN (SELECT id FROM ci.workflow_jobs WHERE "
                + where + ") ORDER BY job_id, number")) {
            bind(s, values);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    steps.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new WorkflowJob.WorkflowStep(
                            rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), instant(rs, 6),
                            instant(rs, 7)));
                }
            }
        }
        List<WorkflowJob> jobs = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + JOB_COLUMNS + " FROM ci.workflow_jobs WHERE "
                + where + " ORDER BY id")) {
            bind(s, values);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong("id");
                    jobs.add(new WorkflowJob(id, rs.getLong("run_id"), rs.getInt("run_attempt"),
                            rs.getString("job_key"), rs.getString("name"), read(rs.getString("matrix"), STRING_MAP),
                            strings(rs.getArray("needs")), strings(rs.getArray("runs_on")), rs.getString("status"),
                            rs.getString("conclusion"), rs.getString("message"), rs.getString("runner_name"),
                            rs.getInt("claims"), instant(rs, "created_at"), instant(rs, "started_at"),
                            instant(rs, "completed_at"), steps.getOrDefault(id, List.of())));
                }
            }
        }
        return jobs;
    }

    /**
     * A job's log from byte {@code offset} on: of step {@code step} (0: the runner's set-up) or, when {@code step}
     * is {@code null}, of the whole job; at most {@code maxBytes} whole chunks (at least one).
     */
    public LogSlice log(long jobId, Integer step, long offset, int maxBytes) {
        return query("read the log of job " + jobId, c -> {
            String column = step == null ? "job_offset" : "byte_offset";
            StringBuilder text = new StringBuilder();
            long next = offset;
            try (PreparedStatement s = c.prepareStatement("SELECT " + column + ", bytes, text FROM "
                    + "ci.workflow_log_chunks WHERE job_id = ? AND " + column + " + bytes > ?"
                    + (step == null ? "" : " AND step = " + step.intValue()) + " ORDER BY " + column)) {
                s.setLong(1, jobId);
                s.setLong(2, offset);
                int taken = 0;
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next() && (taken == 0 || taken + rs.getInt(2) <= maxBytes)) {
                        long start = rs.getLong(1);
                        byte[] bytes = rs.getString(3).getBytes(StandardCharsets.UTF_8);
                        int skip = (int) Math.max(0, offset - start);
                        text.append(new String(Arrays.copyOfRange(bytes, skip, bytes.length),
                                StandardCharsets.UTF_8));
                        taken += bytes.length - skip;
                        next = start + bytes.length;
                    }
                }
            }
            boolean complete;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT status = 'completed' FROM ci.workflow_jobs WHERE id = ?")) {
                s.setLong(1, jobId);
                try (ResultSet rs = s.executeQuery()) {
                    complete = !rs.next() || rs.getBoolean(1);
                }
            }
            return new LogSlice(text.toString(), next, complete);
        });
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    /** The run page a job's commit status links to. */
    String runUrl(Repository repository, long runId) {
        return webUrl + "/" + repository.fullName() + "/actions/runs/" + runId;
    }

    private void postStatus(long repositoryId, String sha, long runId, String context, CommitState state,
            String description) {
        try {
            Repository repository = repositories.find(repositoryId).orElse(null);
            if (repository == null) {
                return;
            }
            String text = description.length() > 140 ? description.substring(0, 139) + "…" : description;
            String name = context.length() > 255 ? context.substring(0, 255) : context;
            statuses.create(repositoryId, sha, new NewCommitStatus(state, runUrl(repository, runId), text, name),
                    Actor.SYSTEM);
        } catch (RuntimeException e) {
            LOG.warn("Could not post the {} status '{}' on {} of repository {}", state.githubName(), context, sha,
                    repositoryId, e);
        }
    }

    private WorkflowRun toRun(ResultSet rs) throws SQLException {
        return new WorkflowRun(rs.getLong("id"), rs.getLong("repository_id"), rs.getString("workflow_path"),
                rs.getString("name"), rs.getString("event"), rs.getString("head_sha"), rs.getString("head_branch"),
                rs.getString("head_ref"),
                rs.getLong("run_number"), rs.getInt("run_attempt"), rs.getString("status"),
                rs.getString("conclusion"), rs.getString("actor"), read(rs.getString("annotations"), STRING_LIST),
                read(rs.getString("inputs"), OBJECT_MAP), instant(rs, "created_at"), instant(rs, "updated_at"),
                instant(rs, "started_at"), read(rs.getString("event_payload"), OBJECT_MAP),
                (Long) rs.getObject("source_repository_id"), rs.getBoolean("withhold_secrets"),
                rs.getString("concurrency_group"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static void bind(PreparedStatement s, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value == null) {
                s.setNull(i + 1, Types.NULL);
            } else {
                s.setObject(i + 1, value);
            }
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    static <T> T read(String json, TypeReference<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is unreadable: " + e.getMessage(), e);
        }
    }

    private int update(String what, String sql, Object... values) {
        return query(what, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, values);
                int count = s.executeUpdate();
                return count == 0 && !sql.startsWith("INSERT") ? -1 : count;
            }
        });
    }

    private <T> T transaction(String what, Database.TransactionalWork<T> work) {
        try {
            return database.inTransaction(work);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not " + what + ": " + e.getMessage(), e);
        }
    }

    private <T> T query(String what, Database.TransactionalWork<T> work) {
        try (Connection c = database.dataSource().getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not " + what + ": " + e.getMessage(), e);
        }
    }
}
