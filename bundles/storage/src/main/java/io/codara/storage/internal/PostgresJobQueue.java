package io.codara.storage.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.codara.api.storage.Database;
import io.codara.api.storage.Job;
import io.codara.api.storage.JobOptions;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.JobState;
import io.codara.api.storage.QueueStats;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The job queue on {@code storage.jobs}, shared by every node through PostgreSQL row locks. */
@Component
public final class PostgresJobQueue implements JobQueue {

    static final int MAX_ERROR_LENGTH = 8000;
    static final int MAX_QUEUE_NAME_LENGTH = 200;
    /** Caps the backoff exponent so the delay stays a sane interval. */
    static final int MAX_BACKOFF_EXPONENT = 30;

    /** A running job whose claim expired is reported as queued: anyone may claim it. */
    private static final String COLUMNS = "id, queue, payload::text AS payload, "
            + "CASE WHEN state = 'RUNNING' AND locked_until <= now() THEN 'QUEUED' ELSE state END AS state, "
            + "attempts, max_attempts, run_at, last_error, created_at";

    private static final int PURGE_CHUNK = 5_000;

    private static final String INSERT = "INSERT INTO storage.jobs (queue, payload, max_attempts, backoff_ms, run_at) "
            + "VALUES (?, ?::jsonb, ?, ?, now() + ? * interval '1 millisecond') RETURNING " + COLUMNS;

    private static final String EXPIRE_LAST_ATTEMPTS = "UPDATE storage.jobs SET state = 'DEAD', finished_at = now(), "
            + "updated_at = now(), last_error = 'Claim of ' || locked_by || ' expired on the last attempt', "
            + "locked_by = NULL, locked_until = NULL "
            + "WHERE queue = ? AND state = 'RUNNING' AND locked_until <= now() AND attempts >= max_attempts";

    private static final String CLAIM = "WITH next AS ("
            + " SELECT id FROM storage.jobs WHERE queue = ? AND ("
            + "  (state = 'QUEUED' AND run_at <= now())"
            + "  OR (state = 'RUNNING' AND locked_until <= now() AND attempts < max_attempts))"
            + " ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) "
            + "UPDATE storage.jobs j SET state = 'RUNNING', attempts = j.attempts + 1, locked_by = ?, "
            + "locked_until = now() + ? * interval '1 millisecond', updated_at = now() "
            + "FROM next WHERE j.id = next.id "
            + "RETURNING j.id, j.queue, j.payload::text AS payload, j.state, j.attempts, j.max_attempts, j.run_at, "
            + "j.last_error, j.created_at";

    private static final String COMPLETE = "UPDATE storage.jobs SET state = 'DONE', locked_by = NULL, "
            + "locked_until = NULL, finished_at = now(), updated_at = now() "
            + "WHERE id = ? AND state = 'RUNNING' AND locked_by = ?";

    private static final String FAIL = "UPDATE storage.jobs SET "
            + "state = CASE WHEN attempts >= max_attempts THEN 'DEAD' ELSE 'QUEUED' END, "
            + "run_at = CASE WHEN attempts >= max_attempts THEN run_at "
            + "  ELSE now() + backoff_ms * power(2, LEAST(attempts - 1, " + MAX_BACKOFF_EXPONENT + ")) "
            + "  * interval '1 millisecond' END, "
            + "finished_at = CASE WHEN attempts >= max_attempts THEN now() ELSE NULL END, "
            + "last_error = ?, locked_by = NULL, locked_until = NULL, updated_at = now() "
            + "WHERE id = ? AND state = 'RUNNING' AND locked_by = ?";

    private static final String RETRY = "UPDATE storage.jobs SET state = 'QUEUED', attempts = 0, run_at = now(), "
            + "finished_at = NULL, updated_at = now() WHERE id = ? AND state = 'DEAD'";

    private final Database database;

    /**
     * @param schema not used directly: referencing it makes this component wait until {@code storage.jobs} exists
     */
    @Activate
    public PostgresJobQueue(@Reference Database database, @Reference StorageSchema schema) {
        this.database = database;
    }

    @Override
    public Job enqueue(String queue, String payloadJson, JobOptions options) {
        try {
            return database.inTransaction(c -> enqueue(c, queue, payloadJson, options));
        } catch (SQLException e) {
            throw failure("enqueue a job on " + queue, e);
        }
    }

    @Override
    public Job enqueue(Connection transaction, String queue, String payloadJson, JobOptions options) throws SQLException {
        checkQueue(queue);
        JobOptions effective = options == null ? JobOptions.DEFAULT : options;
        try (PreparedStatement s = transaction.prepareStatement(INSERT)) {
            s.setString(1, queue);
            s.setString(2, payloadJson == null ? "{}" : payloadJson);
            s.setInt(3, effective.maxAttempts());
            s.setLong(4, effective.backoff().toMillis());
            s.setLong(5, effective.delay().toMillis());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return toJob(rs);
            }
        }
    }

    @Override
    public Optional<Job> claim(String queue, String worker, Duration visibility) {
        checkQueue(queue);
        checkWorker(worker);
        if (visibility == null || visibility.isNegative() || visibility.isZero()) {
            throw new IllegalArgumentException("visibility must be positive");
        }
        try (Connection c = database.dataSource().getConnection()) {
            try (PreparedStatement expire = c.prepareStatement(EXPIRE_LAST_ATTEMPTS)) {
                expire.setString(1, queue);
                expire.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(CLAIM)) {
                s.setString(1, queue);
                s.setString(2, worker);
                s.setLong(3, visibility.toMillis());
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(toJob(rs)) : Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw failure("claim a job of " + queue, e);
        }
    }

    @Override
    public boolean complete(long jobId, String worker) {
        checkWorker(worker);
        return update("complete job " + jobId, COMPLETE, jobId, worker);
    }

    @Override
    public boolean fail(long jobId, String worker, String error) {
        checkWorker(worker);
        String message = error == null ? "failed" : error;
        if (message.length() > MAX_ERROR_LENGTH) {
            message = message.substring(0, MAX_ERROR_LENGTH);
        }
        try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(FAIL)) {
            s.setString(1, message);
            s.setLong(2, jobId);
            s.setString(3, worker);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("record the failure of job " + jobId, e);
        }
    }

    @Override
    public Optional<Job> find(long jobId) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM storage.jobs WHERE id = ?")) {
            s.setLong(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(toJob(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("find job " + jobId, e);
        }
    }

    @Override
    public List<Job> deadLetters(String queue, int limit) {
        checkQueue(queue);
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM storage.jobs "
                        + "WHERE queue = ? AND state = 'DEAD' ORDER BY finished_at DESC, id DESC LIMIT ?")) {
            s.setString(1, queue);
            s.setInt(2, Math.max(0, limit));
            List<Job> jobs = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    jobs.add(toJob(rs));
                }
            }
            return jobs;
        } catch (SQLException e) {
            throw failure("list dead letters of " + queue, e);
        }
    }

    @Override
    public boolean retry(long jobId) {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(RETRY)) {
            s.setLong(1, jobId);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("retry job " + jobId, e);
        }
    }

    @Override
    public long purgeCompleted(Duration age) {
        if (age == null || age.isNegative()) {
            throw new IllegalArgumentException("age must be zero or positive");
        }
        long deleted = 0;
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM storage.jobs WHERE id IN (SELECT id FROM storage.jobs "
                        + "WHERE state = 'DONE' AND finished_at < now() - ? * interval '1 millisecond' LIMIT " + PURGE_CHUNK + ")")) {
            s.setLong(1, age.toMillis());
            // In chunks, so a large backlog never holds one long transaction.
            int n;
            do {
                n = s.executeUpdate();
                deleted += n;
            } while (n == PURGE_CHUNK);
        } catch (SQLException e) {
            throw failure("purge completed jobs", e);
        }
        return deleted;
    }

    @Override
    public QueueStats stats(String queue) {
        checkQueue(queue);
        long queued = 0;
        long running = 0;
        long done = 0;
        long dead = 0;
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT CASE WHEN state = 'RUNNING' AND locked_until <= now() "
                        + "THEN 'QUEUED' ELSE state END AS s, count(*) FROM storage.jobs WHERE queue = ? GROUP BY 1")) {
            s.setString(1, queue);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long n = rs.getLong(2);
                    switch (JobState.valueOf(rs.getString(1))) {
                        case QUEUED -> queued += n;
                        case RUNNING -> running += n;
                        case DONE -> done += n;
                        case DEAD -> dead += n;
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("count the jobs of " + queue, e);
        }
        return new QueueStats(queue, queued, running, done, dead);
    }

    private boolean update(String what, String sql, long jobId, String worker) {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, jobId);
            s.setString(2, worker);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static Job toJob(ResultSet rs) throws SQLException {
        return new Job(rs.getLong("id"), rs.getString("queue"), rs.getString("payload"),
                JobState.valueOf(rs.getString("state")), rs.getInt("attempts"), rs.getInt("max_attempts"),
                rs.getObject("run_at", OffsetDateTime.class).toInstant(), rs.getString("last_error"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static void checkQueue(String queue) {
        if (queue == null || queue.isBlank() || queue.length() > MAX_QUEUE_NAME_LENGTH) {
            throw new IllegalArgumentException("Queue name must be 1 to " + MAX_QUEUE_NAME_LENGTH + " characters");
        }
    }

    private static void checkWorker(String worker) {
        if (worker == null || worker.isBlank()) {
            throw new IllegalArgumentException("Worker id is required");
        }
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("Could not " + what + ": " + e.getMessage(), e);
    }
}
