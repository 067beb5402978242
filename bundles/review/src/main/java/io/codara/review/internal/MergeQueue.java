package io.codara.review.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.ci.CombinedStatus;
import io.codara.api.ci.CommitState;
import io.codara.api.ci.CommitStatus;
import io.codara.api.ci.CommitStatuses;
import io.codara.api.event.Topics;
import io.codara.api.git.BranchProtections;
import io.codara.api.git.BranchUpdate;
import io.codara.api.git.BranchUpdates;
import io.codara.api.git.ProtectionRule;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.git.RepositoryDirectories;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.PageRequest;
import io.codara.api.review.MergeMethod;
import io.codara.api.review.PullRequest;
import io.codara.api.security.Principal;
import io.codara.api.storage.Database;
import io.codara.api.storage.Job;
import io.codara.api.storage.JobOptions;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.spi.JobHandler;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The merge queue of a protected branch. Pull requests enter when everything but their checks allows the merge
 * (approvals, no conflict with the base); in order, each is merged speculatively onto the base and the entries ahead
 * of it, that commit is pushed to the queue's branch {@code codara-merge-queue/<base>/pr-<n>} (where CI runs the
 * required checks on exactly it), and the base fast-forwards to it once its required checks pass. An entry whose
 * checks fail (or time out, or that conflicts with what is ahead) is ejected with the reason, and the entries behind
 * it are built again without it. So the base only ever moves to commits whose required checks passed on exactly
 * that commit; with a batch size above 1, a green build lands the entries ahead of it with it, in one move.
 * The queue's decisions for one branch are made under a row lock, so several nodes can share the work.
 */
@Component(service = {MergeQueue.class, EventHandler.class, JobHandler.class},
        property = {EventConstants.EVENT_TOPIC + "=" + Topics.CI_STATUS,
            EventConstants.EVENT_TOPIC + "=" + Topics.GIT_PUSH,
            EventConstants.EVENT_TOPIC + "=" + Topics.PULL_REQUEST_SYNCHRONIZE,
            EventConstants.EVENT_TOPIC + "=" + Topics.PULL_REQUEST_CLOSED,
            JobHandler.QUEUE + "=" + MergeQueue.QUEUE})
public final class MergeQueue implements EventHandler, JobHandler {

    /** The job queue on which queues move, one job per branch and change. */
    static final String QUEUE = "review.merge_queue";

    /** Where the speculative commits are pushed for CI. */
    static final String BRANCH_PREFIX = "codara-merge-queue/";

    private static final Logger LOG = LoggerFactory.getLogger(MergeQueue.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENTRY_COLUMNS = "id, repository_id, base_ref, pull_request_id, enqueued_by, state,"
            + " head_sha, built_on_sha, speculative_sha, reason, enqueued_at, built_at, updated_at";

    /** A branch's queue settings. */
    record Settings(long repositoryId, String branch, MergeMethod method, int batchSize, int maxBuilds,
            int checkTimeoutMinutes) {
    }

    /** A pull request's place in a queue, and what became of it. */
    record Entry(long id, long repositoryId, String baseRef, long pullRequestId, long enqueuedBy, String state,
            String headSha, String builtOnSha, String speculativeSha, String reason, Instant enqueuedAt,
            Instant builtAt, Instant updatedAt) {

        boolean active() {
            return "queued".equals(state) || "building".equals(state) || "passed".equals(state);
        }
    }

    private final Database database;
    private final JobQueue jobs;
    private final Repositories repositories;
    private final RepositoryDirectories directories;
    private final Accounts accounts;
    private final BranchProtections protections;
    private final BranchUpdates branches;
    private final PostgresPullRequests pulls;
    private final PullRequestMerger merger;
    private final Clock clock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile CommitStatuses statuses;

    @Activate
    public MergeQueue(@Reference ReviewSchema schema, @Reference Database database, @Reference JobQueue jobs,
            @Reference Repositories repositories, @Reference RepositoryDirectories directories,
            @Reference Accounts accounts, @Reference BranchProtections protections,
            @Reference BranchUpdates branches, @Reference PostgresPullRequests pulls,
            @Reference PullRequestMerger merger) {
        this(database, jobs, repositories, directories, accounts, protections, branches, pulls, merger,
                Clock.systemUTC());
    }

    MergeQueue(Database database, JobQueue jobs, Repositories repositories, RepositoryDirectories directories,
            Accounts accounts, BranchProtections protections, BranchUpdates branches, PostgresPullRequests pulls,
            PullRequestMerger merger, Clock clock) {
        this.database = database;
        this.jobs = jobs;
        this.repositories = repositories;
        this.directories = directories;
        this.accounts = accounts;
        this.protections = protections;
        this.branches = branches;
        this.pulls = pulls;
        this.merger = merger;
        this.clock = clock;
    }

    // ---- settings

    /** The queue settings of {@code branch}, when it has a queue. */
    Optional<Settings> settings(long repositoryId, String branch) {
        try (Connection c = database.dataSource().getConnection()) {
            return settings(c, repositoryId, branch, false);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a merge queue's settings", e);
        }
    }

    /** Creates or changes the queue of {@code branch}. */
    Settings configure(Settings settings) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO review.merge_queues (repository_id, branch,"
                        + " merge_method, batch_size, max_builds, check_timeout_minutes) VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (repository_id, branch) DO UPDATE SET merge_method = EXCLUDED.merge_method,"
                        + " batch_size = EXCLUDED.batch_size, max_builds = EXCLUDED.max_builds,"
                        + " check_timeout_minutes = EXCLUDED.check_timeout_minutes")) {
            s.setLong(1, settings.repositoryId());
            s.setString(2, settings.branch());
            s.setString(3, settings.method().githubName());
            s.setInt(4, settings.batchSize());
            s.setInt(5, settings.maxBuilds());
            s.setInt(6, settings.checkTimeoutMinutes());
            s.executeUpdate();
        } catch (SQLException e) {
            if ("23514".equals(e.getSQLState())) {
                throw PostgresPullRequests.invalid("merge_queue", "invalid", "batch_size must be 1 to 10, max_builds"
                        + " 1 to 20 and check_timeout_minutes 1 to 1440");
            }
            throw new IllegalStateException("Could not store a merge queue's settings", e);
        }
        request(settings.repositoryId(), settings.branch());
        return settings;
    }

    /** Removes the queue of {@code branch}; its entries leave it. False when there was none. */
    boolean remove(long repositoryId, String branch) {
        int removed;
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM review.merge_queues WHERE repository_id = ?"
                        + " AND branch = ?")) {
            s.setLong(1, repositoryId);
            s.setString(2, branch);
            removed = s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not remove a merge queue", e);
        }
        if (removed > 0) {
            request(repositoryId, branch);
        }
        return removed > 0;
    }

    // ---- entries

    /**
     * Puts {@code pull} in its base branch's queue as {@code actor}: 422 when the branch has no queue or the pull
     * request is in it already; 405 with the reasons when something other than its checks keeps it from merging.
     */
    Entry enqueue(Repository base, PullRequest pull, Principal actor) {
        Settings settings = settings(base.id(), pull.baseRef()).orElseThrow(() -> PostgresPullRequests.invalid(
                "base", "invalid", "The base branch " + pull.baseRef() + " has no merge queue"));
        if (!pull.open()) {
            throw new ApiException(405, "Pull Request is not open");
        }
        if (pull.draft()) {
            throw new ApiException(405, "Pull Request is still a draft");
        }
        if (Boolean.FALSE.equals(pull.mergeable())) {
            throw new ApiException(405, "Pull Request has conflicts with the base branch");
        }
        List<String> unmet = merger.evaluate(base, pull, null, settings.method()).requirements().stream()
                // The queue runs the checks itself on what would land, and what is ahead brings it up to date.
                .filter(r -> !r.startsWith("Required status check") && !r.startsWith("Head branch is not up to date"))
                .toList();
        if (!unmet.isEmpty()) {
            throw new ApiException(405, "Pull Request cannot enter the merge queue: " + String.join(" ", unmet));
        }
        Account account = accounts.find(actor.login()).orElseThrow(() -> new ApiException(401,
                "Requires authentication"));
        Entry entry;
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO review.merge_queue_entries (repository_id,"
                        + " base_ref, pull_request_id, enqueued_by, state, head_sha) VALUES (?, ?, ?, ?, 'queued', ?)"
                        + " RETURNING " + ENTRY_COLUMNS)) {
            s.setLong(1, base.id());
            s.setString(2, pull.baseRef());
            s.setLong(3, pull.id());
            s.setLong(4, account.id());
            s.setString(5, pull.headSha());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                entry = entry(rs);
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw PostgresPullRequests.invalid("pull_request", "already_exists",
                        "Pull request #" + pull.number() + " is already in the merge queue");
            }
            throw new IllegalStateException("Could not add a pull request to a merge queue", e);
        }
        request(base.id(), pull.baseRef());
        return entry;
    }

    /** Takes {@code pull} out of its queue; false when it was not in one. */
    boolean dequeue(PullRequest pull, Principal actor) {
        int removed = leave(pull.id(), "removed", "Removed from the queue by " + actor.login());
        if (removed > 0) {
            request(pull.repositoryId(), pull.baseRef());
        }
        return removed > 0;
    }

    /** The active entry of a pull request, if it is in a queue. */
    Optional<Entry> activeEntry(long pullRequestId) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + ENTRY_COLUMNS + " FROM review.merge_queue_entries"
                        + " WHERE pull_request_id = ? ORDER BY id DESC LIMIT 1")) {
            s.setLong(1, pullRequestId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a merge queue entry", e);
        }
    }

    /** The entries of {@code branch}'s queue: the active ones in order, then the last {@code history} that left. */
    List<Entry> entries(long repositoryId, String branch, int history) {
        List<Entry> entries = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection()) {
            entries.addAll(active(c, repositoryId, branch, false));
            try (PreparedStatement s = c.prepareStatement("SELECT " + ENTRY_COLUMNS + " FROM"
                    + " review.merge_queue_entries WHERE repository_id = ? AND base_ref = ? AND state NOT IN"
                    + " ('queued', 'building', 'passed') ORDER BY updated_at DESC, id DESC LIMIT ?")) {
                s.setLong(1, repositoryId);
                s.setString(2, branch);
                s.setInt(3, history);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        entries.add(entry(rs));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list a merge queue", e);
        }
        return entries;
    }

    // ---- what moves a queue

    @Override
    public void handleEvent(Event event) {
        if (!(event.getProperty("repository_id") instanceof Number repository)) {
            return;
        }
        long repositoryId = repository.longValue();
        switch (event.getTopic()) {
            case Topics.CI_STATUS -> {
                if (event.getProperty("sha") instanceof String sha) {
                    for (String branch : building(repositoryId, sha)) {
                        request(repositoryId, branch);
                    }
                }
            }
            case Topics.GIT_PUSH -> {
                if (event.getProperty("ref_updates") instanceof List<?> updates) {
                    for (Object update : updates) {
                        if (update instanceof Map<?, ?> m && m.get("ref") instanceof String ref
                                && ref.startsWith(Constants.R_HEADS)
                                && !ref.startsWith(Constants.R_HEADS + BRANCH_PREFIX)) {
                            String branch = ref.substring(Constants.R_HEADS.length());
                            if (settings(repositoryId, branch).isPresent()) {
                                request(repositoryId, branch);
                            }
                        }
                    }
                }
            }
            case Topics.PULL_REQUEST_SYNCHRONIZE, Topics.PULL_REQUEST_CLOSED -> {
                if (!(event.getProperty("pull_request_id") instanceof Number id)
                        || !(event.getProperty("base_ref") instanceof String baseRef)) {
                    return;
                }
                boolean merged = Boolean.TRUE.equals(event.getProperty("merged"));
                if (merged) {
                    return;  // landed, by the queue or otherwise: the queue notices when it moves next
                }
                String reason = Topics.PULL_REQUEST_CLOSED.equals(event.getTopic())
                        ? "The pull request was closed"
                        : "New commits were pushed to the head branch: the pull request must enter the queue again";
                if (leave(id.longValue(), "removed", reason) > 0) {
                    request(repositoryId, baseRef);
                }
            }
            default -> {
            }
        }
    }

    /** Asks for the queue of {@code branch} to move (a job; moving is idempotent). */
    void request(long repositoryId, String branch) {
        request(repositoryId, branch, Duration.ZERO);
    }

    private void request(long repositoryId, String branch, Duration delay) {
        jobs.enqueue(QUEUE, JSON.createObjectNode().put("repository_id", repositoryId).put("base_ref", branch)
                .toString(), new JobOptions(delay, 5, Duration.ofSeconds(5)));
    }

    @Override
    public void handle(Job job) throws Exception {
        JsonNode payload = JSON.readTree(job.payload());
        if (!payload.path("repository_id").canConvertToLong() || !payload.path("base_ref").isTextual()) {
            throw new IllegalArgumentException("not a merge queue job: " + job.payload());
        }
        process(payload.path("repository_id").asLong(), payload.path("base_ref").asText());
    }

    /** Moves the queue of {@code branch} as far as it can go now. */
    void process(long repositoryId, String branch) {
        // Landing one entry can let the next one land (no required checks, or a green build behind it).
        for (int round = 0; round < 20; round++) {
            Outcome outcome = processOnce(repositoryId, branch);
            for (Runnable after : outcome.afterCommit()) {
                try {
                    after.run();
                } catch (RuntimeException e) {
                    LOG.warn("Merge queue clean-up of {} in repository {} failed", branch, repositoryId, e);
                }
            }
            if (!outcome.again()) {
                return;
            }
        }
    }

    /** What one pass did: whether another pass may do more, and what to do once it committed. */
    private record Outcome(boolean again, List<Runnable> afterCommit) {
    }

    private Outcome processOnce(long repositoryId, String branch) {
        List<Runnable> after = new ArrayList<>();
        try {
            boolean again = database.inTransaction(c -> {
                Optional<Settings> found = settings(c, repositoryId, branch, true);
                Repository base = repositories.find(repositoryId).orElse(null);
                List<Entry> entries = active(c, repositoryId, branch, true);
                if (found.isEmpty() || base == null) {
                    for (Entry entry : entries) {
                        finish(c, entry, "removed", "The merge queue of " + branch + " was removed", after);
                    }
                    return false;
                }
                Settings settings = found.get();
                Path baseDir = directories.gitDirectory(repositoryId);
                Optional<String> tip = PullRequestGit.branch(baseDir, branch);
                if (tip.isEmpty()) {
                    for (Entry entry : entries) {
                        finish(c, entry, "failed", "The base branch " + branch + " no longer exists", after);
                    }
                    return false;
                }
                String baseTip = tip.get();
                List<String> required = protections.effective(repositoryId, branch)
                        .map(p -> p.rule().requiredStatusChecks()).map(ProtectionRule.StatusChecks::contexts)
                        .orElse(List.of());
                Instant now = clock.instant();

                // 1. Builds whose checks decided: passed, or ejected (and what was built on them starts again).
                List<Entry> queue = new ArrayList<>();
                boolean rebuildRest = false;
                for (Entry entry : entries) {
                    if (rebuildRest && !"queued".equals(entry.state())) {
                        entry = reset(c, entry);
                    }
                    if ("building".equals(entry.state())) {
                        String failure = failure(repositoryId, entry, required, settings, now);
                        if (failure != null) {
                            finish(c, entry, "failed", failure, after);
                            rebuildRest = true;
                            continue;
                        }
                        if (passed(repositoryId, entry.speculativeSha(), required)) {
                            entry = setState(c, entry, "passed");
                        }
                    }
                    queue.add(entry);
                }

                // 2. The base moved outside the queue: everything is built again on it.
                if (!queue.isEmpty() && queue.get(0).builtOnSha() != null && !queue.get(0).builtOnSha().equals(baseTip)) {
                    List<Entry> reset = new ArrayList<>();
                    for (Entry entry : queue) {
                        reset.add(reset(c, entry));
                    }
                    queue = reset;
                }

                // 3. Land: the furthest passed build within the batch, with every entry ahead of it.
                int land = -1;
                for (int i = 0; i < Math.min(settings.batchSize(), queue.size()); i++) {
                    Entry entry = queue.get(i);
                    if (!"building".equals(entry.state()) && !"passed".equals(entry.state())) {
                        break;
                    }
                    if ("passed".equals(entry.state())) {
                        land = i;
                    }
                }
                boolean landed = false;
                if (land >= 0) {
                    Entry last = queue.get(land);
                    Account lander = accounts.find(last.enqueuedBy()).orElse(null);
                    Principal actor = principal(lander);
                    BranchUpdate moved = branches.update(repositoryId, branch, baseTip, last.speculativeSha(), actor,
                            "merge queue: land " + numbers(queue.subList(0, land + 1)));
                    if (moved.updated()) {
                        for (Entry entry : queue.subList(0, land + 1)) {
                            land(c, base, entry, baseTip, after);
                        }
                        queue = new ArrayList<>(queue.subList(land + 1, queue.size()));
                        baseTip = last.speculativeSha();
                        landed = true;
                    } else if (moved.status() == BranchUpdate.Status.REFUSED) {
                        for (Entry entry : queue.subList(0, land + 1)) {
                            finish(c, entry, "failed", "The base branch refused the merge: " + moved.message(), after);
                        }
                        return true;
                    } else {
                        return true;  // the base moved meanwhile: the next pass builds on it
                    }
                }

                // 4. Build: each entry on the one ahead of it, up to max_builds at a time.
                String onto = baseTip;
                int builds = 0;
                boolean passedNow = false;
                for (Entry entry : queue) {
                    if (builds >= settings.maxBuilds()) {
                        break;
                    }
                    if (("building".equals(entry.state()) || "passed".equals(entry.state()))
                            && onto.equals(entry.builtOnSha())) {
                        onto = entry.speculativeSha();
                        builds++;
                        continue;
                    }
                    Entry built = build(c, base, settings, entry, onto, required, after);
                    if (built == null) {
                        continue;  // ejected; the next one builds on the same commit
                    }
                    passedNow |= "passed".equals(built.state());
                    onto = built.speculativeSha();
                    builds++;
                }
                return landed || passedNow;
            });
            return new Outcome(again, after);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not move a merge queue", e);
        }
    }

    /** Builds {@code entry} on {@code onto}: null when it had to leave the queue instead. */
    private Entry build(Connection c, Repository base, Settings settings, Entry entry, String onto,
            List<String> required, List<Runnable> after) throws SQLException {
        PullRequest pull = pulls.byId(entry.pullRequestId()).orElse(null);
        if (pull == null || !pull.open()) {
            finish(c, entry, "removed", "The pull request is no longer open", after);
            return null;
        }
        Path baseDir = directories.gitDirectory(base.id());
        Path headDir = directories.gitDirectory(pull.headRepositoryId());
        Optional<String> headTip = PullRequestGit.branch(headDir, pull.headRef());
        if (headTip.isEmpty() || !headTip.get().equals(entry.headSha())) {
            finish(c, entry, "removed", "The head branch changed after the pull request entered the queue", after);
            return null;
        }
        Account enqueuer = accounts.find(entry.enqueuedBy()).orElse(null);
        PersonIdent who = enqueuer == null ? new PersonIdent("Codara merge queue", "merge-queue@codara.local")
                : merger.ident(enqueuer);
        String sha;
        try {
            String message = "Merge pull request #" + pull.number() + " from " + pull.headRef() + "\n\n"
                    + pull.title();
            sha = switch (settings.method()) {
                case MERGE -> MergeGit.mergeCommit(baseDir, headDir, onto, entry.headSha(), who, message);
                case SQUASH -> MergeGit.squash(baseDir, headDir, onto, entry.headSha(), author(pull, who), who,
                        pull.title() + " (#" + pull.number() + ")");
                case REBASE -> MergeGit.rebase(baseDir, headDir, onto, entry.headSha(), who);
            };
        } catch (MergeGit.Conflict e) {
            finish(c, entry, "failed", "It conflicts with the base branch and the pull requests ahead of it in the"
                    + " queue: " + e.getMessage(), after);
            return null;
        }
        String queueBranch = queueBranch(entry.baseRef(), pull.number());
        String old = PullRequestGit.branch(baseDir, queueBranch).orElse(null);
        BranchUpdate pushed = branches.update(base.id(), queueBranch, old, sha, principal(enqueuer),
                "merge queue: build #" + pull.number());
        if (!pushed.updated()) {
            finish(c, entry, "failed", "The queue's branch " + queueBranch + " could not be written: "
                    + pushed.message(), after);
            return null;
        }
        String state = passed(base.id(), sha, required) ? "passed" : "building";
        try (PreparedStatement s = c.prepareStatement("UPDATE review.merge_queue_entries SET state = ?,"
                + " built_on_sha = ?, speculative_sha = ?, built_at = ?, reason = NULL, updated_at = now()"
                + " WHERE id = ? RETURNING " + ENTRY_COLUMNS)) {
            s.setString(1, state);
            s.setString(2, onto);
            s.setString(3, sha);
            s.setTimestamp(4, Timestamp.from(clock.instant()));
            s.setLong(5, entry.id());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                Entry built = entry(rs);
                // CI may post the build's statuses before this transaction commits, when a status event cannot find
                // the entry yet: the queue looks at the statuses once more after the commit.
                after.add(() -> request(base.id(), entry.baseRef()));
                // Wakes the queue when the checks run out of time.
                after.add(() -> request(base.id(), entry.baseRef(),
                        Duration.ofMinutes(settings.checkTimeoutMinutes()).plusSeconds(5)));
                return built;
            }
        }
    }

    private PersonIdent author(PullRequest pull, PersonIdent fallback) {
        return accounts.find(pull.authorId()).map(merger::ident).orElse(fallback);
    }

    /** Why a build failed (a required check failed, or the checks ran out of time), or null. */
    private String failure(long repositoryId, Entry entry, List<String> required, Settings settings, Instant now) {
        Map<String, CommitState> states = contexts(repositoryId, entry.speculativeSha());
        for (String context : required) {
            CommitState state = states.get(context);
            if (state == CommitState.FAILURE || state == CommitState.ERROR) {
                return "Required status check \"" + context + "\" failed on the queue's build "
                        + entry.speculativeSha().substring(0, 7);
            }
        }
        if (entry.builtAt() != null && entry.builtAt().plus(Duration.ofMinutes(settings.checkTimeoutMinutes()))
                .isBefore(now)) {
            return "The required checks did not pass within " + settings.checkTimeoutMinutes() + " minutes";
        }
        return null;
    }

    private boolean passed(long repositoryId, String sha, List<String> required) {
        if (required.isEmpty()) {
            return true;
        }
        Map<String, CommitState> states = contexts(repositoryId, sha);
        return required.stream().allMatch(context -> states.get(context) == CommitState.SUCCESS);
    }

    /** The latest state of each status context on {@code sha}. */
    private Map<String, CommitState> contexts(long repositoryId, String sha) {
        CommitStatuses source = statuses;
        Map<String, CommitState> latest = new HashMap<>();
        if (source == null || sha == null) {
            return latest;
        }
        for (int page = 1; page <= 10; page++) {
            CombinedStatus combined;
            try {
                combined = source.combined(repositoryId, sha, new PageRequest(page, 100));
            } catch (ApiException e) {
                break;
            }
            for (CommitStatus status : combined.statuses()) {
                latest.putIfAbsent(status.context(), status.state());
            }
            if (page * 100L >= combined.totalCount()) {
                break;
            }
        }
        return latest;
    }

    /** Records that {@code entry}'s pull request landed with the base's move from {@code baseTip}. */
    private void land(Connection c, Repository base, Entry entry, String baseTip, List<Runnable> after)
            throws SQLException {
        PullRequest pull = pulls.byId(entry.pullRequestId()).orElse(null);
        Account enqueuer = accounts.find(entry.enqueuedBy()).orElse(null);
        if (pull != null && pull.open() && enqueuer != null) {
            PullRequest landing = new PullRequest(pull.id(), pull.repositoryId(), pull.number(), pull.title(),
                    pull.body(), pull.state(), pull.draft(), pull.merged(), pull.authorId(), pull.headRepositoryId(),
                    pull.headRef(), entry.headSha(), pull.baseRef(), baseTip, pull.mergeable(), pull.mergeableState(),
                    pull.maintainerCanModify(), pull.createdAt(), pull.updatedAt(), pull.closedAt(), pull.mergedAt(),
                    pull.mergeCommitSha(), pull.mergedById());
            merger.recordMerged(c, base, landing, entry.speculativeSha(), enqueuer);
            Principal actor = principal(enqueuer);
            after.add(() -> merger.afterMerge(base, pull, actor));
        }
        finish(c, entry, "merged", null, after);
    }

    /** Ends an entry ({@code merged}, {@code failed} or {@code removed}) and deletes its queue branch afterwards. */
    private void finish(Connection c, Entry entry, String state, String reason, List<Runnable> after)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE review.merge_queue_entries SET state = ?, reason = ?,"
                + " updated_at = now() WHERE id = ?")) {
            s.setString(1, state);
            s.setString(2, reason);
            s.setLong(3, entry.id());
            s.executeUpdate();
        }
        if (entry.speculativeSha() != null) {
            after.add(() -> deleteQueueBranch(entry));
        }
        if (reason != null) {
            LOG.info("Merge queue of {} in repository {}: pull request {} {}: {}", entry.baseRef(),
                    entry.repositoryId(), entry.pullRequestId(), state, reason);
        }
    }

    private void deleteQueueBranch(Entry entry) {
        PullRequest pull = pulls.byId(entry.pullRequestId()).orElse(null);
        if (pull == null) {
            return;
        }
        String queueBranch = queueBranch(entry.baseRef(), pull.number());
        Path dir = directories.gitDirectory(entry.repositoryId());
        PullRequestGit.branch(dir, queueBranch).ifPresent(sha -> branches.update(entry.repositoryId(), queueBranch,
                sha, null, principal(accounts.find(entry.enqueuedBy()).orElse(null)), "merge queue: done"));
    }

    private Entry reset(Connection c, Entry entry) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE review.merge_queue_entries SET state = 'queued',"
                + " built_on_sha = NULL, speculative_sha = NULL, built_at = NULL, updated_at = now() WHERE id = ?"
                + " RETURNING " + ENTRY_COLUMNS)) {
            s.setLong(1, entry.id());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return entry(rs);
            }
        }
    }

    private Entry setState(Connection c, Entry entry, String state) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE review.merge_queue_entries SET state = ?,"
                + " updated_at = now() WHERE id = ? RETURNING " + ENTRY_COLUMNS)) {
            s.setString(1, state);
            s.setLong(2, entry.id());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return entry(rs);
            }
        }
    }

    private int leave(long pullRequestId, String state, String reason) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE review.merge_queue_entries SET state = ?, reason = ?,"
                        + " updated_at = now() WHERE pull_request_id = ? AND state IN ('queued', 'building', 'passed')")) {
            s.setString(1, state);
            s.setString(2, reason);
            s.setLong(3, pullRequestId);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take a pull request out of a merge queue", e);
        }
    }

    /** The branches whose queue builds commit {@code sha}. */
    private List<String> building(long repositoryId, String sha) {
        List<String> found = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT DISTINCT base_ref FROM review.merge_queue_entries"
                        + " WHERE repository_id = ? AND speculative_sha = ? AND state = 'building'")) {
            s.setLong(1, repositoryId);
            s.setString(2, sha);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look up merge queue builds", e);
        }
        return found;
    }

    private static Optional<Settings> settings(Connection c, long repositoryId, String branch, boolean lock)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT merge_method, batch_size, max_builds,"
                + " check_timeout_minutes FROM review.merge_queues WHERE repository_id = ? AND branch = ?"
                + (lock ? " FOR UPDATE" : ""))) {
            s.setLong(1, repositoryId);
            s.setString(2, branch);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Settings(repositoryId, branch, MergeMethod.of(rs.getString(1)).orElseThrow(),
                        rs.getInt(2), rs.getInt(3), rs.getInt(4)));
            }
        }
    }

    private static List<Entry> active(Connection c, long repositoryId, String branch, boolean lock)
            throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + ENTRY_COLUMNS + " FROM review.merge_queue_entries"
                + " WHERE repository_id = ? AND base_ref = ? AND state IN ('queued', 'building', 'passed')"
                + " ORDER BY id" + (lock ? " FOR UPDATE" : ""))) {
            s.setLong(1, repositoryId);
            s.setString(2, branch);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    entries.add(entry(rs));
                }
            }
        }
        return entries;
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getLong("id"), rs.getLong("repository_id"), rs.getString("base_ref"),
                rs.getLong("pull_request_id"), rs.getLong("enqueued_by"), rs.getString("state"),
                rs.getString("head_sha"), rs.getString("built_on_sha"), rs.getString("speculative_sha"),
                rs.getString("reason"), instant(rs, "enqueued_at"), instant(rs, "built_at"), instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static String queueBranch(String baseRef, int number) {
        return BRANCH_PREFIX + baseRef + "/pr-" + number;
    }

    private static Principal principal(Account account) {
        return account == null ? new Principal("codara", false, null)
                : new Principal(account.login(), account.siteAdmin(), null);
    }

    private String numbers(List<Entry> entries) {
        List<String> numbers = new ArrayList<>();
        for (Entry entry : entries) {
            pulls.byId(entry.pullRequestId()).ifPresent(p -> numbers.add("#" + p.number()));
        }
        return String.join(", ", numbers);
    }
}
