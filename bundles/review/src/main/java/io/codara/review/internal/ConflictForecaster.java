package io.codara.review.internal;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.event.Topics;
import io.codara.api.git.RepositoryDirectories;
import io.codara.api.storage.Database;
import io.codara.api.storage.Job;
import io.codara.api.storage.JobOptions;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.spi.JobHandler;

import org.eclipse.jgit.lib.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the conflict forecast of each base branch current: a pull request opened, reopened, closed, edited or pushed
 * to, or a push to a base branch, asks for the forecast of that base branch again; the job queue computes it (one
 * queued job per base branch however many ask meanwhile) with {@link ConflictForecast} and stores the pairs.
 */
@Component(service = {ConflictForecaster.class, EventHandler.class, JobHandler.class},
        property = {EventConstants.EVENT_TOPIC + "=" + Topics.GIT_PUSH,
            EventConstants.EVENT_TOPIC + "=" + Topics.PULL_REQUEST_OPENED,
            EventConstants.EVENT_TOPIC + "=" + Topics.PULL_REQUEST_REOPENED,
            EventConstants.EVENT_TOPIC + "=" + Topics.PULL_REQUEST_CLOSED,
            EventConstants.EVENT_TOPIC + "=" + Topics.PULL_REQUEST_EDITED,
            EventConstants.EVENT_TOPIC + "=" + Topics.PULL_REQUEST_SYNCHRONIZE,
            JobHandler.QUEUE + "=" + ConflictForecaster.QUEUE})
public final class ConflictForecaster implements EventHandler, JobHandler {

    /** The job queue on which forecasts are computed, one job per base branch at a time. */
    static final String QUEUE = "review.forecast";

    /** A moment for a burst of pushes and events to gather into one computation. */
    static final Duration GATHER = Duration.ofMillis(500);

    /** A queued forecast that has not started after this long is asked for again. */
    static final Duration STALE_REQUEST = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(ConflictForecaster.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the forecast of a base branch says about one pull request. */
    record Forecast(Instant computedAt, boolean pending, List<Conflict> conflicts) {
    }

    /** Another open pull request this one would conflict with, and where. */
    record Conflict(long pullRequestId, List<String> paths) {
    }

    /** The state of a base branch's forecast, for the REST answer and the benchmark. */
    record State(Instant requestedAt, Instant computedAt, boolean queued, Integer durationMs, Integer pulls,
            Integer pairsMerged, Integer pairsDisjoint, Integer pairsApart, Integer pairsUnknown) {

        /** Whether a newer forecast is on its way (or none was computed yet). */
        boolean pending() {
            return queued || computedAt == null || requestedAt.isAfter(computedAt);
        }
    }

    private final Database database;
    private final JobQueue jobs;
    private final RepositoryDirectories directories;
    private final Clock clock;

    @Activate
    public ConflictForecaster(@Reference ReviewSchema schema, @Reference Database database, @Reference JobQueue jobs,
            @Reference RepositoryDirectories directories) {
        this(database, jobs, directories, Clock.systemUTC());
    }

    ConflictForecaster(Database database, JobQueue jobs, RepositoryDirectories directories, Clock clock) {
        this.database = database;
        this.jobs = jobs;
        this.directories = directories;
        this.clock = clock;
    }

    @Override
    public void handleEvent(Event event) {
        if (!(event.getProperty("repository_id") instanceof Number repository)) {
            return;
        }
        if (Topics.GIT_PUSH.equals(event.getTopic())) {
            if (event.getProperty("ref_updates") instanceof List<?> updates) {
                for (Object update : updates) {
                    if (update instanceof Map<?, ?> m && m.get("ref") instanceof String ref
                            && ref.startsWith(Constants.R_HEADS)) {
                        String branch = ref.substring(Constants.R_HEADS.length());
                        if (hasOpenPullsOnto(repository.longValue(), branch)) {
                            request(repository.longValue(), branch);
                        }
                    }
                }
            }
            return;
        }
        if (event.getProperty("base_ref") instanceof String baseRef) {
            request(repository.longValue(), baseRef);
        }
        // A base changed by an edit leaves the old base's forecast with one pull request less.
        if (event.getProperty("changes") instanceof Map<?, ?> changes && changes.get("base") instanceof Map<?, ?> base
                && base.get("ref") instanceof Map<?, ?> ref && ref.get("from") instanceof String from) {
            request(repository.longValue(), from);
        }
    }

    /** Asks for the forecast of {@code baseRef}: a job unless one is queued already. */
    void request(long repositoryId, String baseRef) {
        try {
            database.inTransaction(c -> {
                boolean enqueue = true;
                try (PreparedStatement s = c.prepareStatement("SELECT queued, requested_at FROM review.forecasts"
                        + " WHERE repository_id = ? AND base_ref = ? FOR UPDATE")) {
                    s.setLong(1, repositoryId);
                    s.setString(2, baseRef);
                    try (ResultSet rs = s.executeQuery()) {
                        // A job queued long ago and never started (its attempts failed) is replaced.
                        enqueue = !rs.next() || !rs.getBoolean(1)
                                || rs.getTimestamp(2).toInstant().isBefore(clock.instant().minus(STALE_REQUEST));
                    }
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO review.forecasts (repository_id, base_ref,"
                        + " queued, requested_at) VALUES (?, ?, true, ?) ON CONFLICT (repository_id, base_ref)"
                        + " DO UPDATE SET queued = true, requested_at = EXCLUDED.requested_at")) {
                    s.setLong(1, repositoryId);
                    s.setString(2, baseRef);
                    s.setTimestamp(3, Timestamp.from(clock.instant()));
                    s.executeUpdate();
                }
                if (enqueue) {
                    jobs.enqueue(c, QUEUE, JSON.createObjectNode().put("repository_id", repositoryId)
                            .put("base_ref", baseRef).toString(), new JobOptions(GATHER, 3, Duration.ofSeconds(5)));
                }
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not ask for a conflict forecast", e);
        }
    }

    @Override
    public void handle(Job job) throws Exception {
        JsonNode payload = JSON.readTree(job.payload());
        if (!payload.path("repository_id").canConvertToLong() || !payload.path("base_ref").isTextual()) {
            throw new IllegalArgumentException("not a forecast job: " + job.payload());
        }
        compute(payload.path("repository_id").asLong(), payload.path("base_ref").asText());
    }

    /** Computes and stores the forecast of the open pull requests onto {@code baseRef} of {@code repositoryId}. */
    void compute(long repositoryId, String baseRef) {
        // Whole milliseconds: PostgreSQL keeps microseconds (rounded), and the stored value is compared with it later.
        Instant started = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO review.forecasts (repository_id, base_ref,"
                        + " queued, requested_at, started_at) VALUES (?, ?, false, ?, ?) ON CONFLICT (repository_id,"
                        + " base_ref) DO UPDATE SET queued = false, started_at = EXCLUDED.started_at")) {
            // From here on a new request queues a new job: what changes during this computation is not missed.
            s.setLong(1, repositoryId);
            s.setString(2, baseRef);
            s.setTimestamp(3, Timestamp.from(started));
            s.setTimestamp(4, Timestamp.from(started));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not start a conflict forecast", e);
        }
        Path baseDir = directories.gitDirectory(repositoryId);
        Optional<String> baseSha = PullRequestGit.branch(baseDir, baseRef);
        List<ConflictForecast.Candidate> candidates = new ArrayList<>();
        if (baseSha.isPresent()) {
            for (OpenPull pull : openPulls(repositoryId, baseRef)) {
                Path headDir = directories.gitDirectory(pull.headRepositoryId());
                // The branches as they are now, whatever the rows say: a push may be ahead of its event.
                Optional<String> headSha = PullRequestGit.branch(headDir, pull.headRef());
                headSha.ifPresent(sha -> candidates.add(new ConflictForecast.Candidate(pull.id(), headDir, sha,
                        baseSha.get())));
            }
        }
        ConflictForecast.Result result = candidates.size() < 2
                ? new ConflictForecast.Result(List.of(), 0, 0, 0, 0)
                : ConflictForecast.compute(baseDir, candidates);
        Map<Long, String> heads = new HashMap<>();
        candidates.forEach(candidate -> heads.put(candidate.id(), candidate.headSha()));
        store(repositoryId, baseRef, started, result, heads, candidates.size());
        LOG.debug("Conflict forecast of {} in repository {}: {} pull requests, {} pairs merged, {} conflicts in {} ms",
                baseRef, repositoryId, candidates.size(), result.pairsMerged(), result.conflicts().size(),
                Duration.between(started, clock.instant()).toMillis());
    }

    /** An open pull request as the forecast needs it. */
    private record OpenPull(long id, long headRepositoryId, String headRef) {
    }

    private List<OpenPull> openPulls(long repositoryId, String baseRef) {
        List<OpenPull> pulls = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id, head_repository_id, head_ref FROM"
                        + " review.pull_requests WHERE repository_id = ? AND base_ref = ? AND state = 'open'"
                        + " ORDER BY number")) {
            s.setLong(1, repositoryId);
            s.setString(2, baseRef);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    pulls.add(new OpenPull(rs.getLong(1), rs.getLong(2), rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list the open pull requests of a base branch", e);
        }
        return pulls;
    }

    private void store(long repositoryId, String baseRef, Instant started, ConflictForecast.Result result,
            Map<Long, String> heads, int pulls) {
        try {
            database.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT started_at FROM review.forecasts"
                        + " WHERE repository_id = ? AND base_ref = ? FOR UPDATE")) {
                    s.setLong(1, repositoryId);
                    s.setString(2, baseRef);
                    try (ResultSet rs = s.executeQuery()) {
                        // A computation that started later (on another node) owns the row now.
                        if (rs.next() && rs.getTimestamp(1) != null && rs.getTimestamp(1).toInstant().isAfter(started)) {
                            return null;
                        }
                    }
                }
                try (PreparedStatement s = c.prepareStatement("DELETE FROM review.forecast_conflicts"
                        + " WHERE repository_id = ? AND base_ref = ?")) {
                    s.setLong(1, repositoryId);
                    s.setString(2, baseRef);
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO review.forecast_conflicts (repository_id,"
                        + " base_ref, pull_request_id, other_pull_request_id, paths, head_sha, other_head_sha)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                    for (ConflictForecast.Conflict conflict : result.conflicts()) {
                        Array paths = c.createArrayOf("text", conflict.paths().toArray());
                        for (long[] pair : new long[][] {{conflict.first(), conflict.second()},
                            {conflict.second(), conflict.first()}}) {
                            s.setLong(1, repositoryId);
                            s.setString(2, baseRef);
                            s.setLong(3, pair[0]);
                            s.setLong(4, pair[1]);
                            s.setArray(5, paths);
                            s.setString(6, heads.get(pair[0]));
                            s.setString(7, heads.get(pair[1]));
                            s.addBatch();
                        }
                    }
                    s.executeBatch();
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE review.forecasts SET computed_at = ?,"
                        + " duration_ms = ?, pulls = ?, pairs_merged = ?, pairs_disjoint = ?, pairs_apart = ?,"
                        + " pairs_unknown = ? WHERE repository_id = ? AND base_ref = ?")) {
                    Instant now = clock.instant();
                    s.setTimestamp(1, Timestamp.from(now));
                    s.setInt(2, (int) Duration.between(started, now).toMillis());
                    s.setInt(3, pulls);
                    s.setInt(4, result.pairsMerged());
                    s.setInt(5, result.pairsSharingNoPath());
                    s.setInt(6, result.pairsWithEditsApart());
                    s.setInt(7, result.pairsUnknown());
                    s.setLong(8, repositoryId);
                    s.setString(9, baseRef);
                    s.executeUpdate();
                }
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store a conflict forecast", e);
        }
    }

    /** The forecast for one open pull request: the others it would conflict with (open ones, on the same base). */
    Forecast forecast(long pullRequestId, long repositoryId, String baseRef) {
        Optional<State> state = state(repositoryId, baseRef);
        List<Conflict> conflicts = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT f.other_pull_request_id, f.paths FROM"
                        + " review.forecast_conflicts f JOIN review.pull_requests o ON o.id = f.other_pull_request_id"
                        + " WHERE f.pull_request_id = ? AND f.repository_id = ? AND f.base_ref = ? AND o.state = 'open'"
                        + " AND o.base_ref = f.base_ref ORDER BY o.number")) {
            s.setLong(1, pullRequestId);
            s.setLong(2, repositoryId);
            s.setString(3, baseRef);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    conflicts.add(new Conflict(rs.getLong(1), Arrays.asList((String[]) rs.getArray(2).getArray())));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a conflict forecast", e);
        }
        return new Forecast(state.map(State::computedAt).orElse(null), state.map(State::pending).orElse(true),
                conflicts);
    }

    /** Every pair of open pull requests onto {@code baseRef} that would conflict, each once. */
    List<ConflictForecast.Conflict> pairs(long repositoryId, String baseRef) {
        List<ConflictForecast.Conflict> pairs = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT f.pull_request_id, f.other_pull_request_id, f.paths"
                        + " FROM review.forecast_conflicts f JOIN review.pull_requests p ON p.id = f.pull_request_id"
                        + " JOIN review.pull_requests o ON o.id = f.other_pull_request_id"
                        + " WHERE f.repository_id = ? AND f.base_ref = ? AND p.number < o.number"
                        + " AND p.state = 'open' AND o.state = 'open' AND p.base_ref = f.base_ref"
                        + " AND o.base_ref = f.base_ref ORDER BY p.number, o.number")) {
            s.setLong(1, repositoryId);
            s.setString(2, baseRef);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    pairs.add(new ConflictForecast.Conflict(rs.getLong(1), rs.getLong(2),
                            Arrays.asList((String[]) rs.getArray(3).getArray())));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the conflicts of a base branch", e);
        }
        return pairs;
    }

    /** The state of the forecast of {@code baseRef}, if one was ever asked for. */
    Optional<State> state(long repositoryId, String baseRef) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT requested_at, computed_at, queued, duration_ms,"
                        + " pulls, pairs_merged, pairs_disjoint, pairs_apart, pairs_unknown FROM review.forecasts"
                        + " WHERE repository_id = ? AND base_ref = ?")) {
            s.setLong(1, repositoryId);
            s.setString(2, baseRef);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp computed = rs.getTimestamp(2);
                return Optional.of(new State(rs.getTimestamp(1).toInstant(),
                        computed == null ? null : computed.toInstant(), rs.getBoolean(3),
                        (Integer) rs.getObject(4), (Integer) rs.getObject(5), (Integer) rs.getObject(6),
                        (Integer) rs.getObject(7), (Integer) rs.getObject(8), (Integer) rs.getObject(9)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the state of a conflict forecast", e);
        }
    }

    private boolean hasOpenPullsOnto(long repositoryId, String branch) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT 1 FROM review.pull_requests WHERE repository_id = ?"
                        + " AND base_ref = ? AND state = 'open' LIMIT 1")) {
            s.setLong(1, repositoryId);
            s.setString(2, branch);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look for pull requests onto a branch", e);
        }
    }
}
