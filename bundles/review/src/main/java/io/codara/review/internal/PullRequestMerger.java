package io.codara.review.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.audit.Actor;
import io.codara.api.ci.CommitState;
import io.codara.api.ci.CommitStatus;
import io.codara.api.ci.CombinedStatus;
import io.codara.api.ci.CommitStatuses;
import io.codara.api.event.Topics;
import io.codara.api.git.BranchProtection;
import io.codara.api.git.BranchProtections;
import io.codara.api.git.BranchUpdate;
import io.codara.api.git.BranchUpdates;
import io.codara.api.git.MergeSettings;
import io.codara.api.git.ProtectionRule;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.git.RepositoryDirectories;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.PageRequest;
import io.codara.api.review.AutoMerge;
import io.codara.api.review.MergeMethod;
import io.codara.api.review.MergeRequest;
import io.codara.api.review.MergeResult;
import io.codara.api.review.MergeStatus;
import io.codara.api.review.PullRequest;
import io.codara.api.review.PullRequestMerges;
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
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges pull requests as GitHub does: the repository's allowed methods, the base branch's protection enforced at
 * merge time (approving reviews through {@link PullRequestApprovals}, required status checks on the head commit
 * through {@link CommitStatuses}, strict up-to-date, linear history, signatures, administrators bypassing unless the
 * rule enforces admins), the commits written by {@link MergeGit} and the base moved by the git capability's
 * {@link BranchUpdates} (compare-and-set, protection, push event). The pull request's row lock is held from the
 * check to the record, so two nodes (or a user and auto-merge) never merge one pull request twice. After a merge:
 * stacked pull requests are retargeted to the merged one's base and the head branch is deleted when the repository
 * says so.
 */
@Component(service = {PullRequestMerges.class, PullRequestMerger.class})
public final class PullRequestMerger implements PullRequestMerges {

    /** The job queue on which auto-merge checks run, one job per pull request and trigger. */
    static final String QUEUE = "review.auto_merge";
    static final String MERGED = "Pull Request successfully merged";
    static final String NOT_MERGEABLE = "Pull Request is not mergeable";

    private static final Logger LOG = LoggerFactory.getLogger(PullRequestMerger.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CODEOWNERS = List.of("CODEOWNERS", ".github/CODEOWNERS", "docs/CODEOWNERS");

    private final Database database;
    private final JobQueue jobs;
    private final Repositories repositories;
    private final RepositoryDirectories directories;
    private final Accounts accounts;
    private final Permissions permissions;
    private final BranchProtections protections;
    private final BranchUpdates branches;
    private final PostgresPullRequests pulls;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile CommitStatuses statuses;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile PullRequestApprovals approvals;

    @Activate
    public PullRequestMerger(@Reference Database database, @Reference JobQueue jobs,
            @Reference Repositories repositories, @Reference RepositoryDirectories directories,
            @Reference Accounts accounts, @Reference Permissions permissions,
            @Reference BranchProtections protections, @Reference BranchUpdates branches,
            @Reference PostgresPullRequests pulls) {
        this.database = database;
        this.jobs = jobs;
        this.repositories = repositories;
        this.directories = directories;
        this.accounts = accounts;
        this.permissions = permissions;
        this.protections = protections;
        this.branches = branches;
        this.pulls = pulls;
    }

    // ---- merge

    @Override
    public MergeResult merge(long repositoryId, int number, MergeRequest request, Principal merger) {
        Repository base = repositories.find(repositoryId).orElseThrow(ApiException::notFound);
        PullRequest found = pulls.find(repositoryId, number).orElseThrow(ApiException::notFound);
        MergeMethod method = request.method() == null ? MergeMethod.MERGE : request.method();
        requireAllowed(base.merging(), method);
        if (hasMergeQueue(base.id(), found.baseRef())) {
            throw new ApiException(405, "Changes must be made through the merge queue: add the pull request to the"
                    + " merge queue of " + found.baseRef() + " (PUT .../pulls/" + number + "/merge-queue)");
        }
        Account mergerAccount = accounts.find(merger.login())
                .orElseThrow(() -> new ApiException(401, "Requires authentication"));
        try {
            return database.inTransaction(c -> {
                PullRequest pull = lock(c, found.id());
                if (!pull.open()) {
                    throw new ApiException(405, NOT_MERGEABLE);
                }
                if (pull.draft()) {
                    throw new ApiException(405, "Pull Request is still a draft");
                }
                Path baseDir = directories.gitDirectory(pull.repositoryId());
                Path headDir = directories.gitDirectory(pull.headRepositoryId());
                String headTip = PullRequestGit.branch(headDir, pull.headRef())
                        .orElseThrow(() -> new ApiException(405, NOT_MERGEABLE + ": the head branch "
                                + pull.headRef() + " no longer exists"));
                if (request.sha() != null && !request.sha().equals(headTip)) {
                    throw new ApiException(409, "Head branch was modified. Review and try the merge again.");
                }
                String baseTip = PullRequestGit.branch(baseDir, pull.baseRef())
                        .orElseThrow(() -> new ApiException(405, NOT_MERGEABLE + ": the base branch "
                                + pull.baseRef() + " no longer exists"));
                PullRequest current = withShas(pull, headTip, baseTip);
                List<String> unmet = evaluate(base, current, merger, method).requirements();
                if (!unmet.isEmpty()) {
                    throw new ApiException(405, String.join(" ", unmet));
                }
                String sha = write(base, current, method, request, mergerAccount);
                BranchUpdate moved = branches.update(base.id(), pull.baseRef(), baseTip, sha, merger,
                        "merge pull request #" + pull.number() + " (" + method.githubName() + ")");
                switch (moved.status()) {
                    case MOVED -> throw new ApiException(409,
                            "Base branch was modified. Review and try the merge again.");
                    case REFUSED -> throw new ApiException(405, moved.message());
                    case UPDATED -> {
                    }
                }
                recordMerged(c, base, current, sha, mergerAccount);
                return new MergeResult(sha, true, MERGED);
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not merge a pull request", e);
        } finally {
            afterMerge(base, found, merger);
        }
    }

    /** Whether {@code branch} merges through its merge queue only. */
    private boolean hasMergeQueue(long repositoryId, String branch) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT 1 FROM review.merge_queues WHERE repository_id = ?"
                        + " AND branch = ?")) {
            s.setLong(1, repositoryId);
            s.setString(2, branch);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look for a merge queue", e);
        }
    }

    private static void requireAllowed(MergeSettings settings, MergeMethod method) {
        boolean allowed = switch (method) {
            case MERGE -> settings.allowMergeCommit();
            case SQUASH -> settings.allowSquashMerge();
            case REBASE -> settings.allowRebaseMerge();
        };
        if (!allowed) {
            throw new ApiException(405, switch (method) {
                case MERGE -> "Merge commits are not allowed on this repository.";
                case SQUASH -> "Squash merges are not allowed on this repository.";
                case REBASE -> "Rebase merges are not allowed on this repository.";
            });
        }
    }

    /** Writes the commits of the merge into the base repository; 405 when it conflicts. */
    private String write(Repository base, PullRequest pull, MergeMethod method, MergeRequest request,
            Account merger) {
        Path baseDir = directories.gitDirectory(pull.repositoryId());
        Path headDir = directories.gitDirectory(pull.headRepositoryId());
        PersonIdent committer = ident(merger);
        try {
            return switch (method) {
                case MERGE -> {
                    Repository head = repositories.find(pull.headRepositoryId()).orElse(base);
                    String title = orDefault(request.commitTitle(), "Merge pull request #" + pull.number() + " from "
                            + head.owner() + "/" + pull.headRef());
                    yield MergeGit.mergeCommit(baseDir, headDir, pull.baseSha(), pull.headSha(), committer,
                            message(title, orDefault(request.commitMessage(), pull.title())));
                }
                case SQUASH -> {
                    String title = orDefault(request.commitTitle(), pull.title() + " (#" + pull.number() + ")");
                    String body = request.commitMessage() != null ? request.commitMessage()
                            : squashBody(MergeGit.messages(baseDir, headDir, pull.baseSha(), pull.headSha()));
                    PersonIdent author = accounts.find(pull.authorId()).map(this::ident)
                            .orElse(committer);
                    yield MergeGit.squash(baseDir, headDir, pull.baseSha(), pull.headSha(), author, committer,
                            message(title, body));
                }
                case REBASE -> MergeGit.rebase(baseDir, headDir, pull.baseSha(), pull.headSha(), committer);
            };
        } catch (MergeGit.Conflict e) {
            throw new ApiException(405, e.getMessage());
        }
    }

    /** GitHub's default squash message: a single commit's body, or every commit's message as a bullet. */
    private static String squashBody(List<String> messages) {
        if (messages.size() == 1) {
            String message = messages.get(0);
            int newline = message.indexOf('\n');
            return newline < 0 ? "" : message.substring(newline + 1).strip();
        }
        return String.join("\n\n", messages.stream().map(m -> "* " + m).toList());
    }

    private static String message(String title, String body) {
        return body == null || body.isBlank() ? title : title + "\n\n" + body;
    }

    private static String orDefault(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }

    /**
     * The person an account is in a commit: its name (or login) and its public email, else its primary email, else a
     * no-reply address.
     */
    PersonIdent ident(Account account) {
        String name = account.name() == null || account.name().isBlank() ? account.login() : account.name();
        String email = account.email();
        if (email == null || email.isBlank()) {
            List<io.codara.api.identity.Email> emails = accounts.emails(account.login());
            email = emails.stream().filter(io.codara.api.identity.Email::primary).findFirst()
                    .or(() -> emails.stream().findFirst()).map(io.codara.api.identity.Email::email)
                    .orElse(account.id() + "+" + account.login() + "@users.noreply.codara");
        }
        return new PersonIdent(name, email);
    }

    void recordMerged(Connection c, Repository base, PullRequest pull, String sha, Account merger)
            throws SQLException {
        PullRequest merged;
        try (PreparedStatement s = c.prepareStatement("UPDATE review.pull_requests SET state = 'closed',"
                + " merged = true, merged_at = now(), closed_at = now(), updated_at = now(), merge_commit_sha = ?,"
                + " merged_by_id = ?, head_sha = ?, base_sha = ?, auto_merge_method = NULL,"
                + " auto_merge_enabled_by = NULL, auto_merge_commit_title = NULL, auto_merge_commit_message = NULL,"
                + " auto_merge_enabled_at = NULL WHERE id = ? RETURNING " + PostgresPullRequests.COLUMNS)) {
            s.setString(1, sha);
            s.setLong(2, merger.id());
            s.setString(3, pull.headSha());
            s.setString(4, pull.baseSha());
            s.setLong(5, pull.id());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                merged = PostgresPullRequests.row(rs);
            }
        }
        Map<String, Object> extra = new HashMap<>();
        extra.put("merged", true);
        extra.put("merge_commit_sha", sha);
        extra.put("merged_by", merger.login());
        pulls.publish(c, Topics.PULL_REQUEST_CLOSED, base, merged, merger.login(), extra);
        // Stacked pull requests: those based on the merged head branch now target the merged one's base, as GitHub
        // retargets them when that branch goes.
        if (pull.headRepositoryId() == base.id()) {
            List<Long> stacked = new ArrayList<>();
            // One whose head is the merged one's base would compare a branch with itself: it stays as it is.
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM review.pull_requests WHERE"
                    + " repository_id = ? AND base_ref = ? AND state = 'open' AND id <> ?"
                    + " AND NOT (head_repository_id = repository_id AND head_ref = ?) FOR UPDATE")) {
                s.setLong(1, base.id());
                s.setString(2, pull.headRef());
                s.setLong(3, pull.id());
                s.setString(4, pull.baseRef());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        stacked.add(rs.getLong(1));
                    }
                }
            }
            for (long id : stacked) {
                PullRequest retargeted;
                // The branch has moved already: nothing here may fail the merge's record.
                java.sql.Savepoint before = c.setSavepoint();
                try (PreparedStatement s = c.prepareStatement("UPDATE review.pull_requests SET base_ref = ?,"
                        + " base_sha = ?, mergeable = NULL, mergeable_state = 'unknown', updated_at = now()"
                        + " WHERE id = ? RETURNING " + PostgresPullRequests.COLUMNS)) {
                    s.setString(1, pull.baseRef());
                    s.setString(2, sha);
                    s.setLong(3, id);
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        retargeted = PostgresPullRequests.row(rs);
                    }
                } catch (SQLException e) {
                    if (!"23505".equals(e.getSQLState())) {
                        throw e;
                    }
                    // The same head into the new base is open already: this one stays on its old base.
                    c.rollback(before);
                    LOG.info("Pull request {} of {} not retargeted to {}: another one has its head and that base",
                            id, base.fullName(), pull.baseRef());
                    continue;
                }
                pulls.publish(c, Topics.PULL_REQUEST_EDITED, base, retargeted, merger.login(),
                        Map.of("changes", List.of("base"), "base_from", pull.headRef()));
                pulls.enqueueMergeability(c, retargeted);
            }
        }
    }

    /**
     * After a merge committed: deletes the head branch when the repository deletes merged branches, it is in the
     * same repository, is not the default branch and no other open pull request comes from it. A branch its
     * protection keeps, or that moved meanwhile, stays.
     */
    void afterMerge(Repository base, PullRequest before, Principal merger) {
        PullRequest after = pulls.byId(before.id()).orElse(null);
        if (after == null || !after.merged() || before.merged() || !base.merging().deleteBranchOnMerge()
                || after.headRepositoryId() != base.id() || after.headRef().equals(base.defaultBranch())) {
            return;
        }
        if (pulls.list(base.id(), new io.codara.api.review.PullRequestFilter("open", base.id(), after.headRef(),
                null, "created", false), new PageRequest(1, 1)).total() > 0) {
            return;
        }
        BranchUpdate deleted = branches.update(base.id(), after.headRef(), after.headSha(), null, merger,
                "delete the head branch of merged pull request #" + after.number());
        if (!deleted.updated()) {
            LOG.info("Head branch {} of {}#{} kept after its merge: {}", after.headRef(), base.fullName(),
                    after.number(), deleted.message());
        }
    }

    // ---- requirements

    @Override
    public MergeStatus status(long repositoryId, int number) {
        Repository base = repositories.find(repositoryId).orElseThrow(ApiException::notFound);
        PullRequest pull = pulls.find(repositoryId, number).orElseThrow(ApiException::notFound);
        if (!pull.open()) {
            return new MergeStatus("unknown", List.of());
        }
        if (pull.draft()) {
            return new MergeStatus("draft", List.of("This pull request is still a draft."));
        }
        if (pull.mergeable() == null) {
            return new MergeStatus("unknown", List.of());
        }
        if (!pull.mergeable()) {
            return new MergeStatus("dirty", List.of("This branch has conflicts that must be resolved."));
        }
        return evaluate(base, pull, null, null);
    }

    /**
     * What the base branch's protection still demands of {@code pull} (at its head and base shas) for
     * {@code merger} (or anybody, when {@code null}) merging with {@code method} (or any allowed method).
     */
    MergeStatus evaluate(Repository base, PullRequest pull, Principal merger, MergeMethod method) {
        Optional<BranchProtection> protection = protections.effective(base.id(), pull.baseRef());
        Map<String, CommitState> contexts = contexts(base, pull);
        boolean failing = contexts.values().stream()
                .anyMatch(s -> s == CommitState.FAILURE || s == CommitState.ERROR);
        if (protection.isEmpty()) {
            return new MergeStatus(failing ? "unstable" : "clean", List.of());
        }
        ProtectionRule rule = protection.get().rule();
        if (merger != null && !rule.enforceAdmins() && permissions.decide(merger, "admin",
                new ResourceRef("repository", base.fullName())) == Decision.ALLOW) {
            return new MergeStatus("clean", List.of());
        }
        List<String> blocking = new ArrayList<>();
        ProtectionRule.PullRequestReviews reviews = rule.requiredPullRequestReviews();
        if (reviews != null) {
            PullRequestApprovals source = approvals;
            PullRequestApprovals.ApprovalState state = source == null ? PullRequestApprovals.ApprovalState.NONE
                    : source.approvals(pull.id());
            int counted = reviews.dismissStaleReviews() ? state.approvalsOfHead() : state.approvals();
            int needed = reviews.requiredApprovingReviewCount();
            if (counted < needed) {
                blocking.add("At least " + needed + " approving review" + (needed == 1 ? " is" : "s are")
                        + " required by reviewers with write access.");
            }
            if (state.changesRequested()) {
                blocking.add("Changes were requested by a reviewer.");
            }
            if (reviews.requireCodeOwnerReviews() && MergeGit.hasAny(directories.gitDirectory(base.id()),
                    pull.baseSha(), CODEOWNERS)) {
                blocking.add("Review from a code owner is required, and Codara does not evaluate CODEOWNERS yet.");
            }
        }
        ProtectionRule.StatusChecks checks = rule.requiredStatusChecks();
        boolean behind = false;
        if (checks != null) {
            for (String context : checks.contexts()) {
                CommitState state = contexts.get(context);
                if (state == null) {
                    blocking.add("Required status check \"" + context + "\" is expected.");
                } else if (state == CommitState.PENDING) {
                    blocking.add("Required status check \"" + context + "\" is pending.");
                } else if (state != CommitState.SUCCESS) {
                    blocking.add("Required status check \"" + context + "\" is failing.");
                }
            }
            behind = checks.strict() && !MergeGit.upToDate(directories.gitDirectory(base.id()),
                    directories.gitDirectory(pull.headRepositoryId()), pull.baseSha(), pull.headSha());
        }
        if (rule.requiredLinearHistory() && method == MergeMethod.MERGE) {
            blocking.add("Merge commits are not allowed on this protected branch: it requires a linear history.");
        }
        if (rule.requiredSignatures()) {
            blocking.add("Commits must have verified signatures: Codara cannot sign the commits a merge makes, so"
                    + " merge locally with signed commits and push.");
        }
        List<String> all = new ArrayList<>(blocking);
        if (behind) {
            all.add("Head branch is not up to date with the base branch.");
        }
        String state = !blocking.isEmpty() ? "blocked" : behind ? "behind" : failing ? "unstable" : "clean";
        return new MergeStatus(state, all);
    }

    /**
     * The latest state of each status context on the head commit: statuses posted on the base repository, then,
     * for a fork's pull request, those posted on the fork for contexts the base has none of.
     */
    private Map<String, CommitState> contexts(Repository base, PullRequest pull) {
        CommitStatuses source = statuses;
        Map<String, CommitState> latest = new HashMap<>();
        if (source == null) {
            return latest;
        }
        List<Long> repositoryIds = pull.headRepositoryId() == base.id() ? List.of(base.id())
                : List.of(base.id(), pull.headRepositoryId());
        for (long repositoryId : repositoryIds) {
            for (int page = 1; page <= 10; page++) {
                CombinedStatus combined;
                try {
                    combined = source.combined(repositoryId, pull.headSha(), new PageRequest(page, 100));
                } catch (ApiException e) {
                    break;  // a repository without the commit has no statuses for it
                }
                for (CommitStatus status : combined.statuses()) {
                    latest.putIfAbsent(status.context(), status.state());
                }
                if (page * 100L >= combined.totalCount()) {
                    break;
                }
            }
        }
        return latest;
    }

    private static PullRequest withShas(PullRequest p, String headSha, String baseSha) {
        return new PullRequest(p.id(), p.repositoryId(), p.number(), p.title(), p.body(), p.state(), p.draft(),
                p.merged(), p.authorId(), p.headRepositoryId(), p.headRef(), headSha, p.baseRef(), baseSha,
                p.mergeable(), p.mergeableState(), p.maintainerCanModify(), p.createdAt(), p.updatedAt(),
                p.closedAt(), p.mergedAt(), p.mergeCommitSha(), p.mergedById());
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

    // ---- auto-merge

    @Override
    public Optional<AutoMerge> autoMerge(long repositoryId, int number) {
        PullRequest pull = pulls.find(repositoryId, number).orElseThrow(ApiException::notFound);
        return autoMergeOf(pull.id());
    }

    Optional<AutoMerge> autoMergeOf(long pullRequestId) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT auto_merge_method, auto_merge_enabled_by,"
                        + " auto_merge_commit_title, auto_merge_commit_message, auto_merge_enabled_at"
                        + " FROM review.pull_requests WHERE id = ? AND auto_merge_method IS NOT NULL")) {
            s.setLong(1, pullRequestId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp at = rs.getTimestamp(5);
                return Optional.of(new AutoMerge(MergeMethod.of(rs.getString(1)).orElseThrow(), rs.getLong(2),
                        rs.getString(3), rs.getString(4), at == null ? null : at.toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a pull request's auto-merge", e);
        }
    }

    @Override
    public AutoMerge enableAutoMerge(long repositoryId, int number, MergeRequest request, Actor actor) {
        Repository base = repositories.find(repositoryId).orElseThrow(ApiException::notFound);
        PullRequest pull = pulls.find(repositoryId, number).orElseThrow(ApiException::notFound);
        MergeMethod method = request.method() == null ? MergeMethod.MERGE : request.method();
        if (!pull.open()) {
            throw PostgresPullRequests.invalid("state", "invalid", "Pull request is closed");
        }
        if (pull.draft()) {
            throw PostgresPullRequests.invalid("draft", "invalid", "Pull request is in draft state");
        }
        try {
            requireAllowed(base.merging(), method);
        } catch (ApiException e) {
            throw PostgresPullRequests.invalid("merge_method", "invalid", e.getMessage());
        }
        Account enabler = accounts.find(actor.login())
                .orElseThrow(() -> new ApiException(401, "Requires authentication"));
        try {
            database.inTransaction(c -> {
                PullRequest locked = lock(c, pull.id());
                try (PreparedStatement s = c.prepareStatement("UPDATE review.pull_requests SET auto_merge_method = ?,"
                        + " auto_merge_enabled_by = ?, auto_merge_commit_title = ?, auto_merge_commit_message = ?,"
                        + " auto_merge_enabled_at = now(), updated_at = now() WHERE id = ?")) {
                    s.setString(1, method.githubName());
                    s.setLong(2, enabler.id());
                    s.setString(3, request.commitTitle());
                    s.setString(4, request.commitMessage());
                    s.setLong(5, pull.id());
                    s.executeUpdate();
                }
                pulls.publish(c, Topics.PULL_REQUEST_AUTO_MERGE_ENABLED, base, locked, actor.login(),
                        Map.of("merge_method", method.githubName()));
                enqueue(c, pull.id());
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not enable auto-merge", e);
        }
        return autoMergeOf(pull.id()).orElseThrow();
    }

    @Override
    public boolean disableAutoMerge(long repositoryId, int number, Actor actor) {
        Repository base = repositories.find(repositoryId).orElseThrow(ApiException::notFound);
        PullRequest pull = pulls.find(repositoryId, number).orElseThrow(ApiException::notFound);
        try {
            return database.inTransaction(c -> {
                PullRequest locked = lock(c, pull.id());
                try (PreparedStatement s = c.prepareStatement("UPDATE review.pull_requests SET auto_merge_method ="
                        + " NULL, auto_merge_enabled_by = NULL, auto_merge_commit_title = NULL,"
                        + " auto_merge_commit_message = NULL, auto_merge_enabled_at = NULL, updated_at = now()"
                        + " WHERE id = ? AND auto_merge_method IS NOT NULL")) {
                    s.setLong(1, pull.id());
                    if (s.executeUpdate() == 0) {
                        return false;
                    }
                }
                pulls.publish(c, Topics.PULL_REQUEST_AUTO_MERGE_DISABLED, base, locked, actor.login(), Map.of());
                return true;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not disable auto-merge", e);
        }
    }

    /** Queues an auto-merge check of pull request {@code pullRequestId}. */
    void enqueue(Connection c, long pullRequestId) throws SQLException {
        try {
            jobs.enqueue(c, QUEUE, JSON.writeValueAsString(Map.of("pull_request_id", pullRequestId)),
                    JobOptions.DEFAULT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Queues an auto-merge check of pull request {@code pullRequestId} when it has auto-merge (a review came). */
    void enqueueFor(long pullRequestId) {
        if (autoMergeOf(pullRequestId).isEmpty()) {
            return;
        }
        try {
            database.inTransaction(c -> {
                enqueue(c, pullRequestId);
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not queue an auto-merge check", e);
        }
    }

    /**
     * Queues auto-merge checks of the open pull requests with auto-merge whose head commit is {@code headSha}
     * (a status was posted on it) or, when {@code branch} is set, whose head or base branch is {@code branch} of
     * {@code repositoryId} (it was pushed); answers how many were queued.
     */
    int enqueueFor(long repositoryId, String headSha, String branch) {
        try {
            return database.inTransaction(c -> {
                List<Long> ids = new ArrayList<>();
                String where = branch == null
                        ? "head_sha = ? AND (repository_id = ? OR head_repository_id = ?)"
                        : "((repository_id = ? AND base_ref = ?) OR (head_repository_id = ? AND head_ref = ?))";
                try (PreparedStatement s = c.prepareStatement("SELECT id FROM review.pull_requests WHERE"
                        + " state = 'open' AND auto_merge_method IS NOT NULL AND " + where)) {
                    if (branch == null) {
                        s.setString(1, headSha);
                        s.setLong(2, repositoryId);
                        s.setLong(3, repositoryId);
                    } else {
                        s.setLong(1, repositoryId);
                        s.setString(2, branch);
                        s.setLong(3, repositoryId);
                        s.setString(4, branch);
                    }
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
            throw new IllegalStateException("Could not queue auto-merge checks", e);
        }
    }

    /**
     * The auto-merge check of one pull request: merges it in the name of whoever enabled auto-merge when every
     * requirement is met (administrators do not bypass here: auto-merge waits for the requirements). Answers
     * whether it merged. Running it twice, or on two nodes at once, merges at most once (the row lock, and a merged
     * pull request is no longer open).
     */
    boolean autoMergeIfReady(long pullRequestId) {
        PullRequest pull = pulls.byId(pullRequestId).orElse(null);
        if (pull == null || !pull.open() || pull.draft()) {
            return false;
        }
        Optional<AutoMerge> auto = autoMergeOf(pullRequestId);
        Repository base = repositories.find(pull.repositoryId()).orElse(null);
        if (auto.isEmpty() || base == null) {
            return false;
        }
        Account enabler = accounts.find(auto.get().enabledById()).orElse(null);
        if (enabler == null) {
            return false;
        }
        Path headDir = directories.gitDirectory(pull.headRepositoryId());
        Optional<String> headTip = PullRequestGit.branch(headDir, pull.headRef());
        Optional<String> baseTip = PullRequestGit.branch(directories.gitDirectory(base.id()), pull.baseRef());
        if (headTip.isEmpty() || baseTip.isEmpty()) {
            return false;
        }
        MergeStatus status = evaluate(base, withShas(pull, headTip.get(), baseTip.get()), null, auto.get().method());
        if (!status.requirements().isEmpty()) {
            LOG.debug("Auto-merge of {}#{} waits: {}", base.fullName(), pull.number(), status.requirements());
            return false;
        }
        Principal merger = new Principal(enabler.login(), enabler.siteAdmin(), null);
        if (permissions.decide(merger, "write", new ResourceRef("repository", base.fullName())) != Decision.ALLOW) {
            return false;
        }
        try {
            merge(base.id(), pull.number(), new MergeRequest(auto.get().method(), auto.get().commitTitle(),
                    auto.get().commitMessage(), headTip.get()), merger);
            return true;
        } catch (ApiException e) {
            // Conflicts, a moved branch, a refusal: the next status, review or push tries again.
            LOG.info("Auto-merge of {}#{} not made: {}", base.fullName(), pull.number(), e.getMessage());
            return false;
        }
    }
}
