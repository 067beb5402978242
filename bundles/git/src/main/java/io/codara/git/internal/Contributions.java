package io.codara.git.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

import io.codara.api.event.Topics;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;
import io.codara.api.storage.Database;
import io.codara.api.storage.Job;
import io.codara.api.storage.JobOptions;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.spi.JobHandler;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contribution counts per user per day (the activity heatmap), from pushes: each push's new commits (reachable
 * from what it pushed and from no other ref or earlier value) are credited to the user whose email is the commit's
 * author email, on the author date's day in UTC, and stored one row per repository and commit, so a push event
 * delivered twice, or a commit pushed to a second branch, counts once. Read back per user, only from the
 * repositories the viewer may see.
 */
@Component(service = {Contributions.class, EventHandler.class, JobHandler.class}, configurationPid = Contributions.PID,
        property = {EventConstants.EVENT_TOPIC + "=" + Topics.GIT_PUSH, JobHandler.QUEUE + "=" + Contributions.QUEUE})
@Designate(ocd = ContributionsConfig.class)
public final class Contributions implements EventHandler, JobHandler {

    static final String PID = "io.codara.git.contributions";
    static final String QUEUE = "git.contributions";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(Contributions.class);
    private static final String ZERO = ObjectId.zeroId().name();

    /** Contributions on one day. */
    record Day(LocalDate date, int count) {
    }

    private final Database database;
    private final JobQueue jobs;
    private final GitDirectories directories;
    private final Repositories repositories;
    private final Accounts accounts;
    private final Permissions permissions;
    private final boolean verifiedOnly;
    private final int maxCommits;

    @Activate
    public Contributions(@Reference GitSchema schema, @Reference Database database, @Reference JobQueue jobs,
            @Reference GitDirectories directories, @Reference Repositories repositories, @Reference Accounts accounts,
            @Reference Permissions permissions, ContributionsConfig config) {
        this.database = database;
        this.jobs = jobs;
        this.directories = directories;
        this.repositories = repositories;
        this.accounts = accounts;
        this.permissions = permissions;
        this.verifiedOnly = config.verified_emails_only();
        this.maxCommits = Math.max(1, config.max_commits_per_push());
    }

    /**
     * Queues the push for counting: walking a large push's history is no work for EventAdmin's delivery thread
     * (which would blacklist a handler that takes too long), and a queued job is retried when it fails.
     */
    @Override
    public void handleEvent(Event event) {
        if (!(event.getProperty("repository_id") instanceof Number id)
                || !(event.getProperty("ref_updates") instanceof List<?> updates)) {
            return;
        }
        try {
            jobs.enqueue(QUEUE, JSON.writeValueAsString(Map.of("repository_id", id.longValue(), "ref_updates", updates)),
                    JobOptions.DEFAULT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A push event of repository " + id + " is not JSON", e);
        }
    }

    @Override
    public void handle(Job job) throws Exception {
        JsonNode push = JSON.readTree(job.payload());
        if (!push.path("repository_id").canConvertToLong() || !push.path("ref_updates").isArray()) {
            throw new IllegalArgumentException("not a contributions job: " + job.payload());
        }
        List<?> updates = JSON.convertValue(push.path("ref_updates"), List.class);
        int credited = record(push.path("repository_id").asLong(), updates);
        LOG.debug("Credited {} commits of a push to repository {}", credited, push.path("repository_id").asLong());
    }

    /** Credits the new commits of one push; answers how many rows were new. */
    int record(long repositoryId, List<?> updates) throws IOException, SQLException {
        Optional<Repository> repository = repositories.find(repositoryId);
        if (repository.isEmpty()) {
            return 0;
        }
        Set<String> pushedRefs = new HashSet<>();
        List<ObjectId> starts = new ArrayList<>();
        List<ObjectId> befores = new ArrayList<>();
        for (Object u : updates) {
            if (!(u instanceof Map<?, ?> update) || !(update.get("ref") instanceof String ref)
                    || !(update.get("after") instanceof String after) || !(update.get("before") instanceof String before)) {
                continue;
            }
            pushedRefs.add(ref);
            if (ObjectId.isId(after) && !after.equals(ZERO)) {
                starts.add(ObjectId.fromString(after));
            }
            if (ObjectId.isId(before) && !before.equals(ZERO)) {
                befores.add(ObjectId.fromString(before));
            }
        }
        if (starts.isEmpty()) {
            return 0;
        }
        List<String[]> rows = new ArrayList<>(); // sha, account id, day
        Map<String, Optional<Long>> owners = new HashMap<>();
        try (org.eclipse.jgit.lib.Repository git = directories.open(repositoryId); RevWalk walk = new RevWalk(git)) {
            for (ObjectId start : starts) {
                RevObject o = peel(walk, start);
                if (o instanceof RevCommit c) {
                    walk.markStart(c);
                }
            }
            for (ObjectId before : befores) {
                RevObject o = peel(walk, before);
                if (o instanceof RevCommit c) {
                    walk.markUninteresting(c);
                }
            }
            for (Ref other : git.getRefDatabase().getRefs()) {
                // HEAD is main by another name: a symbolic ref counts as the ref it points at.
                if (other.getObjectId() != null && !pushedRefs.contains(other.getLeaf().getName())) {
                    RevObject o = peel(walk, other.getObjectId());
                    if (o instanceof RevCommit c) {
                        walk.markUninteresting(c);
                    }
                }
            }
            int seen = 0;
            for (RevCommit c = walk.next(); c != null; c = walk.next()) {
                if (++seen > maxCommits) {
                    LOG.info("A push to {} brought more than {} commits; the rest are not counted as contributions",
                            repository.get().fullName(), maxCommits);
                    break;
                }
                String email = c.getAuthorIdent().getEmailAddress();
                if (email == null || email.isBlank()) {
                    continue;
                }
                Optional<Long> owner = owners.computeIfAbsent(email.toLowerCase(Locale.ROOT),
                        e -> accounts.findByEmail(e, verifiedOnly).map(Account::id));
                if (owner.isPresent()) {
                    LocalDate day = c.getAuthorIdent().getWhenAsInstant().atZone(ZoneOffset.UTC).toLocalDate();
                    rows.add(new String[] {c.name(), Long.toString(owner.get()), day.toString()});
                }
            }
        }
        if (rows.isEmpty()) {
            return 0;
        }
        return database.inTransaction(c -> {
            int inserted = 0;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO git.contributions (repository_id, commit_sha,"
                    + " account_id, day) VALUES (?, ?, ?, ?::date) ON CONFLICT DO NOTHING")) {
                for (String[] row : rows) {
                    s.setLong(1, repositoryId);
                    s.setString(2, row[0]);
                    s.setLong(3, Long.parseLong(row[1]));
                    s.setString(4, row[2]);
                    s.addBatch();
                }
                for (int n : s.executeBatch()) {
                    inserted += Math.max(0, n);
                }
            }
            return inserted;
        });
    }

    private static RevObject peel(RevWalk walk, ObjectId id) throws IOException {
        try {
            return Revisions.peel(walk, walk.parseAny(id));
        } catch (org.eclipse.jgit.errors.MissingObjectException gone) {
            return null; // a before that gc removed, or an after a later push replaced: nothing to count from it
        }
    }

    /**
     * {@code login}'s contributions per day from {@code from} to {@code to} (inclusive), only in repositories
     * {@code viewer} may read; days without any are left out.
     */
    List<Day> days(long accountId, LocalDate from, LocalDate to, Principal viewer) {
        Map<Long, Map<LocalDate, Integer>> byRepository = new HashMap<>();
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT repository_id, day, count(*) FROM git.contributions"
                        + " WHERE account_id = ? AND day BETWEEN ? AND ? GROUP BY repository_id, day")) {
            s.setLong(1, accountId);
            s.setObject(2, from);
            s.setObject(3, to);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byRepository.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                            .put(rs.getObject(2, LocalDate.class), rs.getInt(3));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Database failure: " + e.getMessage(), e);
        }
        TreeMap<LocalDate, Integer> total = new TreeMap<>();
        for (Map.Entry<Long, Map<LocalDate, Integer>> e : byRepository.entrySet()) {
            Optional<Repository> repository = repositories.find(e.getKey());
            if (repository.isEmpty() || permissions.decide(viewer, RepositoryAuthority.READ,
                    new ResourceRef("repository", repository.get().fullName())) != Decision.ALLOW) {
                continue;
            }
            e.getValue().forEach((day, count) -> total.merge(day, count, Integer::sum));
        }
        List<Day> out = new ArrayList<>();
        total.forEach((day, count) -> out.add(new Day(day, count)));
        return out;
    }
}
