package io.codara.review.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.codara.api.event.Topics;
import io.codara.api.review.PullRequest;
import io.codara.api.storage.Database;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Records when branches are born and end ({@code review.branch_lifecycles}): a push creating a branch starts its
 * life, a merged pull request from it or a push deleting it ends it; and answers how long branches lived.
 */
@Component(service = {BranchLifecycles.class, EventHandler.class},
        property = {EventConstants.EVENT_TOPIC + "=" + Topics.GIT_PUSH,
            EventConstants.EVENT_TOPIC + "=" + Topics.PULL_REQUEST_CLOSED})
public final class BranchLifecycles implements EventHandler {

    /** How many living branches {@link #lifespan} lists. */
    static final int LONGEST_OPEN = 20;

    /** Count, median and 90th percentile of the hours from creation to an end. */
    public record Spans(long count, Double medianHours, Double p90Hours) {
    }

    /** A living branch and when it was created. */
    public record Living(String branch, Instant createdAt) {
    }

    /** The branches that ended in the window, by how, and the longest-lived living ones. */
    public record Lifespan(Spans merged, Spans deleted, List<Living> longestOpen) {
    }

    private final Database database;
    private final PostgresPullRequests pulls;
    private final Clock clock;

    @Activate
    public BranchLifecycles(@Reference ReviewSchema schema, @Reference Database database,
            @Reference PostgresPullRequests pulls) {
        this(database, pulls, Clock.systemUTC());
    }

    BranchLifecycles(Database database, PostgresPullRequests pulls, Clock clock) {
        this.database = database;
        this.pulls = pulls;
        this.clock = clock;
    }

    @Override
    public void handleEvent(Event event) {
        if (!(event.getProperty("repository_id") instanceof Number id)) {
            return;
        }
        if (Topics.PULL_REQUEST_CLOSED.equals(event.getTopic())) {
            if (event.getProperty("pull_request_id") instanceof Number pullId) {
                pulls.byId(pullId.longValue()).filter(PullRequest::merged)
                        .filter(p -> p.headRepositoryId() == p.repositoryId())
                        .ifPresent(p -> end(p.repositoryId(), p.headRef(), "merged", p.number()));
            }
            return;
        }
        if (!(event.getProperty("ref_updates") instanceof List<?> updates)) {
            return;
        }
        String zero = ObjectId.zeroId().name();
        for (Object update : updates) {
            if (update instanceof Map<?, ?> m && m.get("ref") instanceof String ref && ref.startsWith(Constants.R_HEADS)) {
                String branch = ref.substring(Constants.R_HEADS.length());
                if (zero.equals(m.get("before")) && m.get("after") instanceof String after && !zero.equals(after)) {
                    created(id.longValue(), branch);
                } else if (zero.equals(m.get("after"))) {
                    end(id.longValue(), branch, "deleted", null);
                }
            }
        }
    }

    private void created(long repositoryId, String branch) {
        update("INSERT INTO review.branch_lifecycles (repository_id, branch, created_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (repository_id, branch) WHERE ended_at IS NULL DO NOTHING",
                repositoryId, branch, Timestamp.from(clock.instant()));
    }

    private void end(long repositoryId, String branch, String reason, Integer pullNumber) {
        update("UPDATE review.branch_lifecycles SET ended_at = ?, end_reason = ?, pull_number = ?"
                + " WHERE repository_id = ? AND branch = ? AND ended_at IS NULL",
                Timestamp.from(clock.instant()), reason, pullNumber, repositoryId, branch);
    }

    private void update(String sql, Object... parameters) {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record a branch's life", e);
        }
    }

    /** The branches of a repository that ended in the last {@code days} days, and its longest-lived living ones. */
    public Lifespan lifespan(long repositoryId, int days) {
        Instant now = clock.instant();
        Map<String, Spans> spans = new LinkedHashMap<>();
        List<Living> living = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection()) {
            try (PreparedStatement s = c.prepareStatement("SELECT end_reason, count(*) AS n,"
                    + " percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ended_at - created_at) / 3600) AS median,"
                    + " percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM ended_at - created_at) / 3600) AS p90"
                    + " FROM review.branch_lifecycles WHERE repository_id = ? AND ended_at IS NOT NULL AND ended_at >= ?"
                    + " GROUP BY end_reason")) {
                s.setLong(1, repositoryId);
                s.setTimestamp(2, Timestamp.from(now.minus(Duration.ofDays(days))));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        spans.put(rs.getString("end_reason"), new Spans(rs.getLong("n"), rs.getDouble("median"),
                                rs.getDouble("p90")));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT branch, created_at FROM review.branch_lifecycles"
                    + " WHERE repository_id = ? AND ended_at IS NULL ORDER BY created_at, branch LIMIT ?")) {
                s.setLong(1, repositoryId);
                s.setInt(2, LONGEST_OPEN);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        living.add(new Living(rs.getString("branch"), rs.getTimestamp("created_at").toInstant()));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the branches' lifespans", e);
        }
        Spans none = new Spans(0, null, null);
        return new Lifespan(spans.getOrDefault("merged", none), spans.getOrDefault("deleted", none), living);
    }

    Instant now() {
        return clock.instant();
    }
}
