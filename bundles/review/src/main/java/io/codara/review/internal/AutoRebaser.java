package io.codara.review.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.codara.api.audit.Actor;
import io.codara.api.event.Topics;
import io.codara.api.git.BranchUpdate;
import io.codara.api.git.BranchUpdates;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.git.RepositoryDirectories;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.identity.Email;
import io.codara.api.rest.ApiException;
import io.codara.api.review.AutoRebase;
import io.codara.api.review.AutoRebases;
import io.codara.api.review.PullRequest;
import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;
import io.codara.api.storage.Database;
import io.codara.api.storage.JobOptions;
import io.codara.api.storage.JobQueue;

import org.eclipse.jgit.lib.PersonIdent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Codara's auto-rebase: keeps the head branch of a pull request on top of its base. Each attempt runs as a job on
 * {@link #QUEUE} under the pull request's row lock (so attempts of one pull request, and its merges, never overlap
 * across nodes), replays the pull request's commits onto the base's tip with {@link MergeGit#rebaseHead} (authors
 * kept, the enabler as committer) and moves the head branch through {@link BranchUpdates} in the enabler's name,
 * compare-and-set against the head the attempt started from: a push by the author meanwhile wins and is kept. That
 * move is an ordinary push event, so the pull request synchronizes, its mergeability is computed again and CI runs.
 * A head that already contains its base is left as it is, which makes attempts idempotent.
 */
@Component(service = {AutoRebases.class, AutoRebaser.class})
public final class AutoRebaser implements AutoRebases {

    /** The job queue on which auto-rebase attempts run, one job per pull request and base push. */
    static final String QUEUE = "review.auto_rebase";

    private static final Logger LOG = LoggerFactory.getLogger(AutoRebaser.class);
    private static final JobOptions ATTEMPT = new JobOptions(java.time.Duration.ZERO, 3,
            java.time.Duration.ofSeconds(10));

    private final Database database;
    private final JobQueue jobs;
    private final Repositories repositories;
    private final RepositoryDirectories directories;
    private final Accounts accounts;
    private final Permissions permissions;
    private final BranchUpdates branches;
    private final PostgresPullRequests pulls;

    @Activate
    public AutoRebaser(@Reference Database database, @Reference JobQueue jobs, @Reference Repositories repositories,
            @Reference RepositoryDirectories directories, @Reference Accounts accounts,
            @Reference Permissions permissions, @Reference BranchUpdates branches,
            @Reference PostgresPullRequests pulls) {
        this.database = database;
        this.jobs = jobs;
        this.repositories = repositories;
        this.directories = directories;
        this.accounts = accounts;
        this.permissions = permissions;
        this.branches = branches;
        this.pulls = pulls;
    }

    // ---- enabling

    @Override
    public Optional<AutoRebase> autoRebase(long repositoryId, int number) {
        PullRequest pull = pulls.find(repositoryId, number).orElseThrow(ApiException::notFound);
        return autoRebaseOf(pull.id());
    }

    Optional<AutoRebase> autoRebaseOf(long pullRequestId) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT auto_rebase_enabled_by, auto_rebase_enabled_at,"
                        + " auto_rebase_state, auto_rebase_message, auto_rebase_at, auto_rebase_base_sha,"
                        + " auto_rebase_head_sha FROM review.pull_requests WHERE id = ?"
                        + " AND auto_rebase_enabled_by IS NOT NULL")) {
            s.setLong(1, pullRequestId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String state = rs.getString(3);
                AutoRebase.Result last = state == null ? null : new AutoRebase.Result(
                        AutoRebase.State.valueOf(state.toUpperCase(java.util.Locale.ROOT)), rs.getString(4),
                        instant(rs.getTimestamp(5)), rs.getString(6), rs.getString(7));
                return Optional.of(new AutoRebase(rs.getLong(1), instant(rs.getTimestamp(2)), last));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a pull request's auto-rebase", e);
        }
    }

    @Override
    public AutoRebase enable(long repositoryId, int number, Actor actor) {
        Repository base = repositories.find(repositoryId).orElseThrow(ApiException::notFound);
        PullRequest pull = pulls.find(repositoryId, number).orElseThrow(ApiException::notFound);
        if (!pull.open()) {
            throw PostgresPullRequests.invalid("state", "invalid", "Pull request is closed");
        }
        Account enabler = accounts.find(actor.login())
                .orElseThrow(() -> new ApiException(401, "Requires authentication"));
        try {
            database.inTransaction(c -> {
                PullRequest locked = lock(c, pull.id());
                try (PreparedStatement s = c.prepareStatement("UPDATE review.pull_requests SET"
                        + " auto_rebase_enabled_by = ?, auto_rebase_enabled_at = COALESCE(CASE WHEN"
                        + " auto_rebase_enabled_by = ? THEN auto_rebase_enabled_at END, now()), updated_at = now()"
                        + " WHERE id = ?")) {
                    s.setLong(1, enabler.id());
                    s.setLong(2, enabler.id());
                    s.setLong(3, pull.id());
                    s.executeUpdate();
                }
                pulls.publish(c, Topics.PULL_REQUEST_AUTO_REBASE_ENABLED, base, locked, actor.login(), Map.of());
                // A head that is behind already is rebased now, not only after the base's next push.
                enqueue(c, pull.id());
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not enable auto-rebase", e);
        }
        return autoRebaseOf(pull.id()).orElseThrow();
    }

    @Override
    public boolean disable(long repositoryId, int number, Actor actor) {
        Repository base = repositories.find(repositoryId).orElseThrow(ApiException::notFound);
        PullRequest pull = pulls.find(repositoryId, number).orElseThrow(ApiException::notFound);
        try {
            return database.inTransaction(c -> {
                PullRequest locked = lock(c, pull.id());
                try (PreparedStatement s = c.prepareStatement("UPDATE review.pull_requests SET"
                        + " auto_rebase_enabled_by = NULL, auto_rebase_enabled_at = NULL, auto_rebase_state = NULL,"
                        + " auto_rebase_message = NULL, auto_rebase_at = NULL, auto_rebase_base_sha = NULL,"
                        + " auto_rebase_head_sha = NULL, updated_at = now()"
                        + " WHERE id = ? AND auto_rebase_enabled_by IS NOT NULL")) {
                    s.setLong(1, pull.id());
                    if (s.executeUpdate() == 0) {
                        return false;
                    }
                }
                pulls.publish(c, Topics.PULL_REQUEST_AUTO_REBASE_DISABLED, base, locked, actor.login(), Map.of());
                return true;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not disable auto-rebase", e);
        }
    }

    /**
     * Whether {@code who} may move the head branch of {@code pull}: write access to the head repository, or, for a
     * fork whose author allows edits by maintainers, write access to the base repository.
     */
    boolean mayPushHead(Principal who, PullRequest pull) {
        Repository head = repositories.find(pull.headRepositoryId()).orElse(null);
        if (head == null || who.anonymous()) {
            return false;
        }
        if (permissions.decide(who, "write", ref(head)) == Decision.ALLOW) {
            return true;
        }
        Repository base = repositories.find(pull.repositoryId()).orElse(null);
        return pull.maintainerCanModify() && base != null
                && permissions.decide(who, "write", ref(base)) == Decision.ALLOW;
    }

    // ---- queueing

    void enqueue(Connection c, long pullRequestId) throws SQLException {
        jobs.enqueue(c, QUEUE, "{\"pull_request_id\":" + pullRequestId + "}", ATTEMPT);
    }

    /**
     * Queues an attempt for each open pull request with auto-rebase whose base is {@code branch} of
     * {@code repositoryId} (it was pushed); answers how many were queued.
     */
    int basePushed(long repositoryId, String branch) {
        try {
            return database.inTransaction(c -> {
                List<Long> ids = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("SELECT id FROM review.pull_requests WHERE"
                        + " repository_id = ? AND base_ref = ? AND state = 'open'"
                        + " AND auto_rebase_enabled_by IS NOT NULL ORDER BY id")) {
                    s.setLong(1, repositoryId);
                    s.setString(2, branch);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                        }
                    }
                }
                for (long id : ids) {
                    enqueue(c, id);
                }
                return ids.size();
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not queue auto-rebase attempts", e);
        }
    }

    // ---- rebasing

    /**
     * One attempt for pull request {@code pullRequestId}; answers what it did, or {@code null} when there was
     * nothing to do (closed, disabled, or the head contains its base already).
     */
    AutoRebase.Result rebase(long pullRequestId) {
        try {
            return database.inTransaction(c -> {
                PullRequest pull;
                try {
                    pull = lock(c, pullRequestId);
                } catch (ApiException gone) {
                    return null;
                }
                Long enablerId = enabler(c, pullRequestId);
                if (!pull.open() || enablerId == null) {
                    return null;
                }
                Account enabler = accounts.find(enablerId).orElse(null);
                if (enabler == null) {
                    return null;
                }
                AutoRebase.Result result = attempt(pull, enabler);
                if (result != null) {
                    record(c, pullRequestId, result);
                    Repository base = repositories.find(pull.repositoryId()).orElse(null);
                    LOG.info("Auto-rebase of {}#{}: {} ({})", base == null ? pull.repositoryId() : base.fullName(),
                            pull.number(), result.state().jsonName(), result.message());
                }
                return result;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not auto-rebase a pull request", e);
        }
    }

    private AutoRebase.Result attempt(PullRequest pull, Account enabler) {
        Path baseDir = directories.gitDirectory(pull.repositoryId());
        Path headDir = directories.gitDirectory(pull.headRepositoryId());
        Optional<String> baseTip = PullRequestGit.branch(baseDir, pull.baseRef());
        Optional<String> headTip = PullRequestGit.branch(headDir, pull.headRef());
        if (baseTip.isEmpty() || headTip.isEmpty()) {
            return result(AutoRebase.State.MISSING_BRANCH, "The " + (baseTip.isEmpty() ? "base branch "
                    + pull.baseRef() : "head branch " + pull.headRef()) + " no longer exists.",
                    baseTip.orElse(null), headTip.orElse(null));
        }
        if (MergeGit.upToDate(baseDir, headDir, baseTip.get(), headTip.get())) {
            return null;
        }
        Principal actor = new Principal(enabler.login(), enabler.siteAdmin(), null);
        if (!mayPushHead(actor, pull)) {
            return result(AutoRebase.State.FORBIDDEN, enabler.login() + " may not push to the head branch "
                    + pull.headRef() + " any more; the branch was left alone.", baseTip.get(), headTip.get());
        }
        String rebased;
        try {
            rebased = MergeGit.rebaseHead(headDir, baseDir, baseTip.get(), headTip.get(), committer(enabler));
        } catch (MergeGit.MergeCommits e) {
            return result(AutoRebase.State.MERGE_COMMITS, e.getMessage() + " The branch was left alone.",
                    baseTip.get(), headTip.get());
        } catch (MergeGit.Conflict e) {
            return result(AutoRebase.State.CONFLICT, e.getMessage() + " The branch was left alone.",
                    baseTip.get(), headTip.get());
        }
        BranchUpdate moved = branches.update(pull.headRepositoryId(), pull.headRef(), headTip.get(), rebased, actor,
                "auto-rebase pull request #" + pull.number() + " onto " + pull.baseRef());
        return switch (moved.status()) {
            case UPDATED -> result(AutoRebase.State.REBASED, "Rebased onto " + pull.baseRef() + " ("
                    + baseTip.get().substring(0, 7) + ").", baseTip.get(), rebased);
            case MOVED -> result(AutoRebase.State.HEAD_MOVED, "The head branch " + pull.headRef() + " moved while"
                    + " it was being rebased; the new commits were kept as pushed.", baseTip.get(), headTip.get());
            case REFUSED -> result(AutoRebase.State.REFUSED, "The head branch's protection refused the rebase: "
                    + moved.message(), baseTip.get(), headTip.get());
        };
    }

    private static AutoRebase.Result result(AutoRebase.State state, String message, String baseSha, String headSha) {
        String shortened = message.length() > 1000 ? message.substring(0, 1000) : message;
        return new AutoRebase.Result(state, shortened, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                baseSha, headSha);
    }

    /** The committer of the rebased commits: the enabler's name (or login) and primary email. */
    PersonIdent committer(Account account) {
        String name = account.name() == null || account.name().isBlank() ? account.login() : account.name();
        List<Email> emails = account.organization() ? List.of() : accounts.emails(account.login());
        String email = emails.stream().filter(Email::primary).findFirst().or(() -> emails.stream().findFirst())
                .map(Email::email).orElse(account.id() + "+" + account.login() + "@users.noreply.codara");
        return new PersonIdent(name, email);
    }

    private static void record(Connection c, long pullRequestId, AutoRebase.Result result) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE review.pull_requests SET auto_rebase_state = ?,"
                + " auto_rebase_message = ?, auto_rebase_at = ?, auto_rebase_base_sha = ?, auto_rebase_head_sha = ?"
                + " WHERE id = ?")) {
            s.setString(1, result.state().jsonName());
            s.setString(2, result.message());
            s.setTimestamp(3, Timestamp.from(result.at()));
            s.setString(4, result.baseSha());
            s.setString(5, result.headSha());
            s.setLong(6, pullRequestId);
            s.executeUpdate();
        }
    }

    private static Long enabler(Connection c, long pullRequestId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT auto_rebase_enabled_by FROM review.pull_requests"
                + " WHERE id = ?")) {
            s.setLong(1, pullRequestId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? (Long) rs.getObject(1) : null;
            }
        }
    }

    private static PullRequest lock(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + PostgresPullRequests.COLUMNS
                + " FROM review.pull_requests WHERE id = ? FOR UPDATE")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw ApiException.notFound();
                }
                return PostgresPullRequests.row(rs);
            }
        }
    }

    private static ResourceRef ref(Repository repository) {
        return new ResourceRef("repository", repository.fullName());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
