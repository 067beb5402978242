package io.codara.ci.internal.engine;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;


import com.fasterxml.jackson.databind.JsonNode;

import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.git.RepositoryDirectories;
import io.codara.api.security.Principal;
import io.codara.api.storage.Database;
import io.codara.api.storage.Job;
import io.codara.api.storage.JobOptions;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.JobState;
import io.codara.api.storage.spi.JobHandler;
import io.codara.ci.internal.CiSchema;
import io.codara.ci.internal.workflow.CronSchedule;
import io.codara.ci.internal.workflow.TriggerEvent;
import io.codara.ci.internal.workflow.WorkflowParseResult;
import io.codara.ci.internal.workflow.WorkflowParser;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts {@code schedule} workflows. The crons of the workflow files on a repository's default branch are remembered
 * in {@code ci.schedules} with the minute each fires next (UTC), re-read on every push to the default branch. One
 * tick per minute for the whole cluster fires the due ones: a delayed job on the job queue that queues the next tick
 * before it ends; {@code ci.schedule_clock} names the one live tick, so a second chain (two nodes starting at once)
 * ends at its first tick. A due schedule starts one run of the workflow at the default branch's head, once per
 * scheduled minute even if two ticks fire it. When no tick was live (the cluster's first start, or after all nodes
 * were down), the schedules of every repository are read anew from its default branch, a page per job. After downtime, the minutes missed are not each made up: one run
 * starts for the latest of them, then the schedule goes on from the next minute after now.
 */
@Component(service = {WorkflowScheduler.class, JobHandler.class},
        property = JobHandler.QUEUE + "=" + WorkflowScheduler.QUEUE)
public final class WorkflowScheduler implements JobHandler {

    static final String QUEUE = "ci.schedule";
    private static final Logger LOG = LoggerFactory.getLogger(WorkflowScheduler.class);
    /** Sees every repository, for the start-up scan. */
    private static final Principal SCANNER = new Principal("codara-ci-scheduler", true, null);
    private static final int SCAN_PAGE = 100;
    private static final JobOptions TICK = new JobOptions(Duration.ZERO, 10, Duration.ofSeconds(5));

    private final CiEngine engine;
    private final JobQueue queue;
    private final Database database;
    private final Repositories repositories;
    private final RepositoryDirectories directories;
    private final Clock clock;
    private final WorkflowParser parser = new WorkflowParser();

    @Activate
    public WorkflowScheduler(@Reference CiSchema schema, @Reference CiEngine engine, @Reference JobQueue queue,
            @Reference Database database, @Reference Repositories repositories,
            @Reference RepositoryDirectories directories) {
        this(engine, queue, database, repositories, directories, Clock.systemUTC());
        try {
            ensureTicking();
        } catch (RuntimeException e) {
            // The next push of a schedule to a default branch arms it again.
            LOG.warn("Could not arm the schedule clock at start: {}", e.getMessage());
        }
    }

    /** With a clock of the test's choosing; ticks are driven by calling {@link #fireDue}. */
    WorkflowScheduler(CiEngine engine, JobQueue queue, Database database, Repositories repositories,
            RepositoryDirectories directories, Clock clock) {
        this.engine = engine;
        this.queue = queue;
        this.database = database;
        this.repositories = repositories;
        this.directories = directories;
        this.clock = clock;
    }

    /**
     * Makes sure one tick is queued: when the clock names none, or a tick that ended or died, queues one for the
     * next minute. The clock row is locked, so nodes starting together queue one tick.
     */
    public void ensureTicking() {
        transaction("arm the schedule clock", c -> {
            Long current = lockClock(c);
            Optional<Job> tick = current == null ? Optional.empty() : queue.find(current);
            if (tick.isEmpty() || tick.get().state() == JobState.DONE || tick.get().state() == JobState.DEAD) {
                armNext(c);
                // Nothing ticked: a first start, or every node was down. Read every repository's schedules anew.
                queue.enqueue(c, QUEUE, CiEngine.json(Map.of("scan_after", 0L)), JobOptions.DEFAULT);
            }
            return null;
        });
    }

    @Override
    public void handle(Job job) throws IOException {
        JsonNode payload = CiEngine.JSON.readTree(job.payload());
        if (payload.has("scan_after")) {
            scan(payload.path("scan_after").asLong());
            return;
        }
        transaction("tick the schedule clock", c -> {
            Long current = lockClock(c);
            if (current == null || current != job.id()) {
                LOG.debug("Schedule tick {} is not the live one ({}): ends", job.id(), current);
                return null;
            }
            // The clock stays locked while this tick fires, so no other tick fires at the same time.
            fireDue();
            armNext(c);
            return null;
        });
    }

    /** Queues the tick of the next minute (a second past it) and makes it the live one. */
    private void armNext(Connection c) throws SQLException {
        Instant now = clock.instant();
        Instant next = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES).plusSeconds(1);
        long id = queue.enqueue(c, QUEUE, "{\"tick\":true}", new JobOptions(Duration.between(now, next),
                TICK.maxAttempts(), TICK.backoff())).id();
        try (PreparedStatement s = c.prepareStatement("UPDATE ci.schedule_clock SET tick_job = ? WHERE id = 1")) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }

    private static Long lockClock(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT tick_job FROM ci.schedule_clock WHERE id = 1 FOR UPDATE");
                ResultSet rs = s.executeQuery()) {
            return rs.next() ? (Long) rs.getObject(1) : null;
        }
    }

    /**
     * Re-reads the schedules of a repository from the workflow files at {@code sha}, the head of its default branch:
     * new crons fire from the next matching minute on, kept ones keep their next minute, removed ones are forgotten.
     */
    public void remember(long repositoryId, String sha) throws IOException {
        Map<String, List<CronSchedule>> crons = new LinkedHashMap<>();
        try (org.eclipse.jgit.lib.Repository git = WorkflowTrigger.open(directories, repositoryId)) {
            for (Map.Entry<String, String> file : WorkflowTrigger.workflowFiles(git, sha).entrySet()) {
                WorkflowParseResult parsed = parser.parse(file.getKey(), file.getValue());
                if (parsed.valid() && !parsed.workflow().on().schedules().isEmpty()) {
                    crons.put(file.getKey(), parsed.workflow().on().schedules());
                }
            }
        }
        Instant now = clock.instant();
        transaction("remember the schedules of repository " + repositoryId, c -> {
            List<String> kept = new ArrayList<>();
            for (Map.Entry<String, List<CronSchedule>> workflow : crons.entrySet()) {
                for (CronSchedule cron : workflow.getValue()) {
                    Instant next = cron.next(now);
                    if (next == null) {
                        continue;
                    }
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO ci.schedules (repository_id, "
                            + "workflow_path, cron, next_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                        s.setLong(1, repositoryId);
                        s.setString(2, workflow.getKey());
                        s.setString(3, cron.expression());
                        s.setTimestamp(4, Timestamp.from(next));
                        s.executeUpdate();
                    }
                    kept.add(workflow.getKey() + "\n" + cron.expression());
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM ci.schedules WHERE repository_id = ? "
                    + "AND NOT (workflow_path || chr(10) || cron = ANY (?))")) {
                s.setLong(1, repositoryId);
                s.setArray(2, c.createArrayOf("text", kept.toArray()));
                s.executeUpdate();
            }
            return null;
        });
        if (!crons.isEmpty()) {
            ensureTicking();
        }
    }

    /**
     * Re-reads the schedules of a page of repositories (by id, after {@code afterId}) from their default branches and
     * queues the next page: a start-up scan, so schedules pushed while no node ran, or before this version, count.
     */
    void scan(long afterId) throws IOException {
        List<Repository> page = repositories.visible(SCANNER, afterId, SCAN_PAGE);
        for (Repository repository : page) {
            try (org.eclipse.jgit.lib.Repository git = WorkflowTrigger.open(directories, repository.id())) {
                ObjectId head = git.resolve(Constants.R_HEADS + repository.defaultBranch() + "^{commit}");
                if (head != null) {
                    remember(repository.id(), head.name());
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not read the schedules of {}: {}", repository.fullName(), e.getMessage());
            }
        }
        if (page.size() == SCAN_PAGE) {
            queue.enqueue(QUEUE, CiEngine.json(Map.of("scan_after", page.get(page.size() - 1).id())),
                    JobOptions.DEFAULT);
        }
    }

    /** A remembered schedule. */
    record Schedule(long repositoryId, String workflowPath, String cron, Instant nextAt) {
    }

    /** The schedules of a repository, by workflow and cron. */
    List<Schedule> schedules(long repositoryId) {
        return transaction("list schedules", c -> {
            List<Schedule> schedules = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT repository_id, workflow_path, cron, next_at FROM "
                    + "ci.schedules WHERE repository_id = ? ORDER BY workflow_path, cron")) {
                s.setLong(1, repositoryId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        schedules.add(new Schedule(rs.getLong(1), rs.getString(2), rs.getString(3),
                                rs.getTimestamp(4).toInstant()));
                    }
                }
            }
            return schedules;
        });
    }

    /**
     * Fires the schedules due at the clock's now: each starts its run (once per scheduled minute, however often it
     * is fired) and moves on to its next minute after now, so minutes missed while no node ran give one run.
     * Returns the runs started.
     */
    public List<WorkflowRun> fireDue() {
        Instant now = clock.instant();
        List<Schedule> due = transaction("list due schedules", c -> {
            List<Schedule> list = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT repository_id, workflow_path, cron, next_at FROM "
                    + "ci.schedules WHERE next_at <= ? ORDER BY next_at, repository_id, workflow_path, cron "
                    + "LIMIT 1000")) {
                s.setTimestamp(1, Timestamp.from(now));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        list.add(new Schedule(rs.getLong(1), rs.getString(2), rs.getString(3),
                                rs.getTimestamp(4).toInstant()));
                    }
                }
            }
            return list;
        });
        List<WorkflowRun> started = new ArrayList<>();
        for (Schedule schedule : due) {
            try {
                started.addAll(fire(schedule));
            } catch (IOException | RuntimeException e) {
                LOG.warn("Schedule '{}' of {} in repository {} could not start its run: {}", schedule.cron(),
                        schedule.workflowPath(), schedule.repositoryId(), e.getMessage());
            }
            Instant next = CronSchedule.parse(schedule.cron()).next(now);
            transaction("move schedule " + schedule.cron() + " on", c -> {
                try (PreparedStatement s = c.prepareStatement(next == null
                        ? "DELETE FROM ci.schedules WHERE repository_id = ? AND workflow_path = ? AND cron = ?"
                        : "UPDATE ci.schedules SET next_at = ? WHERE repository_id = ? AND workflow_path = ? "
                                + "AND cron = ? AND next_at = ?")) {
                    int i = 1;
                    if (next != null) {
                        s.setTimestamp(i++, Timestamp.from(next));
                    }
                    s.setLong(i++, schedule.repositoryId());
                    s.setString(i++, schedule.workflowPath());
                    s.setString(i++, schedule.cron());
                    if (next != null) {
                        s.setTimestamp(i, Timestamp.from(schedule.nextAt()));
                    }
                    s.executeUpdate();
                }
                return null;
            });
        }
        return started;
    }

    /** Starts the run of one due schedule, from the workflow file at the default branch's head. */
    private List<WorkflowRun> fire(Schedule schedule) throws IOException {
        Optional<Repository> repository = repositories.find(schedule.repositoryId());
        if (repository.isEmpty()) {
            return List.of();
        }
        String ref = Constants.R_HEADS + repository.get().defaultBranch();
        List<PlannedRun> plans = new ArrayList<>();
        try (org.eclipse.jgit.lib.Repository git = WorkflowTrigger.open(directories, schedule.repositoryId())) {
            ObjectId head = git.resolve(ref + "^{commit}");
            if (head == null) {
                return List.of();
            }
            String text = WorkflowTrigger.workflowFiles(git, head.name()).get(schedule.workflowPath());
            WorkflowParseResult parsed = text == null ? null : parser.parse(schedule.workflowPath(), text);
            if (parsed == null || !parsed.valid()
                    || !parsed.workflow().on().matches(new TriggerEvent.Schedule(schedule.cron()))) {
                return List.of();
            }
            WorkflowPlanner.Trigger trigger = new WorkflowPlanner.Trigger(schedule.repositoryId(),
                    repository.get().fullName(), "schedule", head.name(), ref, repository.get().owner(), Map.of(),
                    Map.of("schedule", schedule.cron()), null, false);
            plans.add(WorkflowPlanner.plan(parsed.workflow(), trigger));
        }
        String key = "schedule:" + schedule.repositoryId() + ":" + schedule.workflowPath() + ":" + schedule.cron()
                + ":" + schedule.nextAt().getEpochSecond();
        List<WorkflowRun> runs = engine.createRuns(key, plans);
        if (!runs.isEmpty()) {
            LOG.info("Schedule '{}' of {} in repository {} started run {}", schedule.cron(), schedule.workflowPath(),
                    schedule.repositoryId(), runs.get(0).id());
        }
        return runs;
    }

    private <T> T transaction(String what, Database.TransactionalWork<T> work) {
        try {
            return database.inTransaction(work);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not " + what + ": " + e.getMessage(), e);
        }
    }
}
