package io.codara.review.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.audit.Actor;
import io.codara.api.event.Topics;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.git.RepositoryDirectories;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.ApiError;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.review.ChangedFile;
import io.codara.api.review.NewPullRequest;
import io.codara.api.review.PullRequest;
import io.codara.api.review.PullRequestCommit;
import io.codara.api.review.PullRequestFilter;
import io.codara.api.review.PullRequestStats;
import io.codara.api.review.PullRequestUpdate;
import io.codara.api.review.PullRequests;
import io.codara.api.storage.Database;
import io.codara.api.storage.EventOutbox;
import io.codara.api.storage.JobOptions;
import io.codara.api.storage.JobQueue;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Pull requests in {@code review.pull_requests}, compared in git through {@link PullRequestGit}. */
@Component(service = {PullRequests.class, PostgresPullRequests.class})
public final class PostgresPullRequests implements PullRequests {

    /** The job queue on which mergeability is computed, one job per pull request and change. */
    static final String QUEUE = "review.mergeability";

    static final String COLUMNS = "id, repository_id, number, title, body, state, draft, merged, author_id,"
            + " head_repository_id, head_ref, head_sha, base_ref, base_sha, mergeable, mergeable_state,"
            + " maintainer_can_modify, created_at, updated_at, closed_at, merged_at, merge_commit_sha, merged_by_id";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;
    private final EventOutbox outbox;
    private final JobQueue jobs;
    private final Repositories repositories;
    private final RepositoryDirectories directories;
    private final Accounts accounts;

    @Activate
    public PostgresPullRequests(@Reference ReviewSchema schema, @Reference Database database,
            @Reference EventOutbox outbox, @Reference JobQueue jobs, @Reference Repositories repositories,
            @Reference RepositoryDirectories directories, @Reference Accounts accounts) {
        this.database = database;
        this.outbox = outbox;
        this.jobs = jobs;
        this.repositories = repositories;
        this.directories = directories;
        this.accounts = accounts;
    }

    @Override
    public PullRequest open(long repositoryId, NewPullRequest input, Actor author) {
        Repository base = repositories.find(repositoryId).orElseThrow(ApiException::notFound);
        Repository head = repositories.find(input.headRepositoryId())
                .orElseThrow(() -> invalid("head", "invalid", "head repository does not exist"));
        String title = input.title() == null ? null : input.title().strip();
        if (title == null || title.isEmpty()) {
            throw invalid("title", "missing_field", "title is required");
        }
        if (title.length() > 256) {
            throw invalid("title", "invalid", "title is too long (maximum is 256 characters)");
        }
        if (input.baseRef() == null || input.baseRef().isBlank()) {
            throw invalid("base", "missing_field", "base is required");
        }
        if (input.headRef() == null || input.headRef().isBlank()) {
            throw invalid("head", "missing_field", "head is required");
        }
        if (head.id() == base.id() && input.headRef().equals(input.baseRef())) {
            throw invalid("base", "invalid", "head and base must be different branches");
        }
        Path baseDir = directories.gitDirectory(base.id());
        Path headDir = directories.gitDirectory(head.id());
        String baseSha = PullRequestGit.branch(baseDir, input.baseRef())
                .orElseThrow(() -> invalid("base", "invalid", "base branch " + input.baseRef() + " does not exist"));
        String headSha = PullRequestGit.branch(headDir, input.headRef())
                .orElseThrow(() -> invalid("head", "invalid", "head branch " + input.headRef() + " does not exist"));
        if (PullRequestGit.commits(baseDir, headDir, baseSha, headSha, 1).isEmpty()) {
            throw new ApiException(422, "Validation Failed", List.of(new ApiError.FieldError("PullRequest", null,
                    "custom", "No commits between " + input.baseRef() + " and " + input.headRef())));
        }
        long authorId = accounts.find(author.login()).map(Account::id)
                .orElseThrow(() -> new ApiException(401, "Requires authentication"));
        try {
            return database.inTransaction(c -> {
                String label = head.owner() + ":" + input.headRef();
                try (PreparedStatement exists = c.prepareStatement("SELECT number FROM review.pull_requests WHERE"
                        + " repository_id = ? AND head_repository_id = ? AND head_ref = ? AND base_ref = ?"
                        + " AND state = 'open'")) {
                    exists.setLong(1, base.id());
                    exists.setLong(2, head.id());
                    exists.setString(3, input.headRef());
                    exists.setString(4, input.baseRef());
                    try (ResultSet rs = exists.executeQuery()) {
                        if (rs.next()) {
                            throw new ApiException(422, "Validation Failed", List.of(new ApiError.FieldError(
                                    "PullRequest", null, "custom", "A pull request already exists for " + label + ".")));
                        }
                    }
                }
                int number;
                try (PreparedStatement next = c.prepareStatement("INSERT INTO review.numbers (repository_id,"
                        + " last_number) VALUES (?, 1) ON CONFLICT (repository_id) DO UPDATE SET last_number ="
                        + " review.numbers.last_number + 1 RETURNING last_number")) {
                    next.setLong(1, base.id());
                    try (ResultSet rs = next.executeQuery()) {
                        rs.next();
                        number = rs.getInt(1);
                    }
                }
                PullRequest created;
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO review.pull_requests (repository_id,"
                        + " number, title, body, state, draft, author_id, head_repository_id, head_ref, head_sha,"
                        + " base_ref, base_sha, maintainer_can_modify) VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?,"
                        + " ?) RETURNING " + COLUMNS)) {
                    insert.setLong(1, base.id());
                    insert.setInt(2, number);
                    insert.setString(3, title);
                    insert.setString(4, blankToNull(input.body()));
                    insert.setBoolean(5, input.draft());
                    insert.setLong(6, authorId);
                    insert.setLong(7, head.id());
                    insert.setString(8, input.headRef());
                    insert.setString(9, headSha);
                    insert.setString(10, input.baseRef());
                    insert.setString(11, baseSha);
                    insert.setBoolean(12, input.maintainerCanModify());
                    try (ResultSet rs = insert.executeQuery()) {
                        rs.next();
                        created = row(rs);
                    }
                }
                publish(c, Topics.PULL_REQUEST_OPENED, base, created, author.login(), Map.of());
                enqueueMergeability(c, created);
                return created;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store a pull request", e);
        }
    }

    @Override
    public Optional<PullRequest> find(long repositoryId, int number) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                        + " FROM review.pull_requests WHERE repository_id = ? AND number = ?")) {
            s.setLong(1, repositoryId);
            s.setInt(2, number);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a pull request", e);
        }
    }

    @Override
    public Page<PullRequest> list(long repositoryId, PullRequestFilter filter, PageRequest page) {
        StringBuilder where = new StringBuilder(" WHERE repository_id = ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(repositoryId);
        String state = filter.state() == null ? "open" : filter.state();
        switch (state) {
            case "open", "closed" -> {
                where.append(" AND state = ?");
                parameters.add(state);
            }
            case "all" -> {
            }
            default -> throw invalid("state", "invalid", "state must be open, closed or all");
        }
        if (filter.headRepositoryId() != null) {
            where.append(" AND head_repository_id = ?");
            parameters.add(filter.headRepositoryId());
        }
        if (filter.headRef() != null) {
            where.append(" AND head_ref = ?");
            parameters.add(filter.headRef());
        }
        if (filter.baseRef() != null) {
            where.append(" AND base_ref = ?");
            parameters.add(filter.baseRef());
        }
        for (String label : filter.labels()) {
            where.append(" AND EXISTS (SELECT 1 FROM review.issue_labels il JOIN review.labels l ON l.id = il.label_id"
                    + " WHERE il.repository_id = pull_requests.repository_id AND il.number = pull_requests.number"
                    + " AND lower(l.name) = lower(?))");
            parameters.add(label);
        }
        String column = switch (filter.sort() == null ? "created" : filter.sort()) {
            case "created", "popularity", "long-running" -> "created_at";
            case "updated" -> "updated_at";
            default -> throw invalid("sort", "invalid", "sort must be created, updated, popularity or long-running");
        };
        String direction = filter.ascending() ? "ASC" : "DESC";
        try (Connection c = database.dataSource().getConnection()) {
            long total;
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM review.pull_requests" + where)) {
                bind(s, parameters);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<PullRequest> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM review.pull_requests" + where
                    + " ORDER BY " + column + " " + direction + ", number " + direction + " LIMIT ? OFFSET ?")) {
                int i = bind(s, parameters);
                s.setInt(i++, page.perPage());
                s.setLong(i, page.offset());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        items.add(row(rs));
                    }
                }
            }
            return new Page<>(items, page, total);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list pull requests", e);
        }
    }

    @Override
    public PullRequest update(long repositoryId, int number, PullRequestUpdate update, Actor actor) {
        Repository base = repositories.find(repositoryId).orElseThrow(ApiException::notFound);
        PullRequest current = find(repositoryId, number).orElseThrow(ApiException::notFound);
        String title = current.title();
        if (update.title() != null) {
            title = update.title().strip();
            if (title.isEmpty()) {
                throw invalid("title", "missing_field", "title cannot be blank");
            }
            if (title.length() > 256) {
                throw invalid("title", "invalid", "title is too long (maximum is 256 characters)");
            }
        }
        String body = update.body() == null ? current.body() : blankToNull(update.body());
        String state = current.state();
        if (update.state() != null) {
            if (!PullRequest.OPEN.equals(update.state()) && !PullRequest.CLOSED.equals(update.state())) {
                throw invalid("state", "invalid", "state must be open or closed");
            }
            if (current.merged() && PullRequest.OPEN.equals(update.state())) {
                throw new ApiException(422, "Validation Failed", List.of(new ApiError.FieldError("PullRequest",
                        "state", "custom", "A merged pull request cannot be reopened")));
            }
            state = update.state();
        }
        String baseRef = current.baseRef();
        String baseSha = current.baseSha();
        if (update.baseRef() != null && !update.baseRef().equals(current.baseRef())) {
            if (!current.open()) {
                throw new ApiException(422, "Validation Failed", List.of(new ApiError.FieldError("PullRequest",
                        "base", "custom", "Cannot change the base branch of a closed pull request.")));
            }
            baseRef = update.baseRef();
            String newBase = baseRef;
            baseSha = PullRequestGit.branch(directories.gitDirectory(base.id()), baseRef)
                    .orElseThrow(() -> invalid("base", "invalid", "base branch " + newBase + " does not exist"));
            if (current.headRepositoryId() == base.id() && baseRef.equals(current.headRef())) {
                throw invalid("base", "invalid", "head and base must be different branches");
            }
        }
        boolean maintainer = update.maintainerCanModify() == null ? current.maintainerCanModify()
                : update.maintainerCanModify();
        boolean reopening = !current.open() && PullRequest.OPEN.equals(state);
        String headSha = current.headSha();
        if (reopening) {
            // The head may have moved or gone while the pull request was closed.
            headSha = PullRequestGit.branch(directories.gitDirectory(current.headRepositoryId()), current.headRef())
                    .orElseThrow(() -> new ApiException(422, "Validation Failed", List.of(new ApiError.FieldError(
                            "PullRequest", "state", "custom", "The head branch " + current.headRef()
                                    + " no longer exists."))));
        }
        List<String> edited = new ArrayList<>();
        if (!title.equals(current.title())) {
            edited.add("title");
        }
        if (!java.util.Objects.equals(body, current.body())) {
            edited.add("body");
        }
        if (!baseRef.equals(current.baseRef())) {
            edited.add("base");
        }
        boolean recompute = reopening || !baseRef.equals(current.baseRef());
        String finalTitle = title;
        String finalState = state;
        String finalBaseRef = baseRef;
        String finalBaseSha = baseSha;
        String finalHeadSha = headSha;
        try {
            return database.inTransaction(c -> {
                PullRequest updated;
                try (PreparedStatement s = c.prepareStatement("UPDATE review.pull_requests SET title = ?, body = ?,"
                        + " state = ?, base_ref = ?, base_sha = ?, head_sha = ?, maintainer_can_modify = ?,"
                        + " mergeable = CASE WHEN ? THEN NULL ELSE mergeable END,"
                        + " mergeable_state = CASE WHEN ? THEN 'unknown' ELSE mergeable_state END,"
                        + " closed_at = CASE WHEN ? = 'closed' AND state = 'open' THEN now()"
                        + " WHEN ? = 'open' THEN NULL ELSE closed_at END, updated_at = now()"
                        + " WHERE id = ? RETURNING " + COLUMNS)) {
                    s.setString(1, finalTitle);
                    s.setString(2, body);
                    s.setString(3, finalState);
                    s.setString(4, finalBaseRef);
                    s.setString(5, finalBaseSha);
                    s.setString(6, finalHeadSha);
                    s.setBoolean(7, maintainer);
                    s.setBoolean(8, recompute);
                    s.setBoolean(9, recompute);
                    s.setString(10, finalState);
                    s.setString(11, finalState);
                    s.setLong(12, current.id());
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        updated = row(rs);
                    }
                }
                if (!edited.isEmpty()) {
                    publish(c, Topics.PULL_REQUEST_EDITED, base, updated, actor.login(), Map.of("changes", edited));
                }
                if (current.open() && !updated.open()) {
                    publish(c, Topics.PULL_REQUEST_CLOSED, base, updated, actor.login(), Map.of());
                } else if (reopening) {
                    publish(c, Topics.PULL_REQUEST_REOPENED, base, updated, actor.login(), Map.of());
                }
                if (recompute) {
                    enqueueMergeability(c, updated);
                }
                return updated;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not update a pull request", e);
        }
    }

    @Override
    public Page<PullRequestCommit> commits(long repositoryId, int number, PageRequest page) {
        PullRequest pull = find(repositoryId, number).orElseThrow(ApiException::notFound);
        List<PullRequestCommit> all = PullRequestGit.commits(directories.gitDirectory(pull.repositoryId()),
                directories.gitDirectory(pull.headRepositoryId()), pull.baseSha(), pull.headSha(),
                PullRequestGit.MAX_COMMITS);
        return slice(all, page);
    }

    @Override
    public Page<ChangedFile> files(long repositoryId, int number, PageRequest page) {
        PullRequest pull = find(repositoryId, number).orElseThrow(ApiException::notFound);
        List<ChangedFile> all = PullRequestGit.files(directories.gitDirectory(pull.repositoryId()),
                directories.gitDirectory(pull.headRepositoryId()), pull.baseSha(), pull.headSha());
        return slice(all, page);
    }

    @Override
    public List<Long> requestedReviewers(long repositoryId, int number) {
        PullRequest pull = find(repositoryId, number).orElseThrow(ApiException::notFound);
        try (Connection c = database.dataSource().getConnection()) {
            return reviewers(c, pull.id());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read review requests", e);
        }
    }

    @Override
    public List<Long> requestReviewers(long repositoryId, int number, List<Long> accountIds, Actor actor) {
        Repository base = repositories.find(repositoryId).orElseThrow(ApiException::notFound);
        PullRequest pull = find(repositoryId, number).orElseThrow(ApiException::notFound);
        if (!pull.open()) {
            throw new ApiException(422, "Validation Failed", List.of(new ApiError.FieldError("PullRequest",
                    "reviewers", "custom", "Reviews may only be requested on an open pull request.")));
        }
        if (accountIds.contains(pull.authorId())) {
            throw new ApiException(422, "Validation Failed", List.of(new ApiError.FieldError("PullRequest",
                    "reviewers", "custom", "Review cannot be requested from pull request author.")));
        }
        try {
            return database.inTransaction(c -> {
                List<Long> added = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("INSERT INTO review.requested_reviewers"
                        + " (pull_request_id, account_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                    for (long id : accountIds) {
                        s.setLong(1, pull.id());
                        s.setLong(2, id);
                        if (s.executeUpdate() > 0) {
                            added.add(id);
                        }
                    }
                }
                if (!added.isEmpty()) {
                    touch(c, pull.id());
                    publish(c, Topics.PULL_REQUEST_REVIEW_REQUESTED, base, pull, actor.login(),
                            Map.of("reviewers", added));
                }
                return reviewers(c, pull.id());
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not request reviews", e);
        }
    }

    @Override
    public List<Long> removeReviewers(long repositoryId, int number, List<Long> accountIds, Actor actor) {
        Repository base = repositories.find(repositoryId).orElseThrow(ApiException::notFound);
        PullRequest pull = find(repositoryId, number).orElseThrow(ApiException::notFound);
        try {
            return database.inTransaction(c -> {
                List<Long> removed = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("DELETE FROM review.requested_reviewers"
                        + " WHERE pull_request_id = ? AND account_id = ?")) {
                    for (long id : accountIds) {
                        s.setLong(1, pull.id());
                        s.setLong(2, id);
                        if (s.executeUpdate() > 0) {
                            removed.add(id);
                        }
                    }
                }
                if (!removed.isEmpty()) {
                    touch(c, pull.id());
                    publish(c, Topics.PULL_REQUEST_REVIEW_REQUEST_REMOVED, base, pull, actor.login(),
                            Map.of("reviewers", removed));
                }
                return reviewers(c, pull.id());
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not withdraw review requests", e);
        }
    }

    private static List<Long> reviewers(Connection c, long pullRequestId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT account_id FROM review.requested_reviewers"
                + " WHERE pull_request_id = ? ORDER BY requested_at, account_id")) {
            s.setLong(1, pullRequestId);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    private static void touch(Connection c, long pullRequestId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE review.pull_requests SET updated_at = now() WHERE id = ?")) {
            s.setLong(1, pullRequestId);
            s.executeUpdate();
        }
    }

    @Override
    public PullRequestStats stats(long repositoryId, int number) {
        PullRequest pull = find(repositoryId, number).orElseThrow(ApiException::notFound);
        Path baseDir = directories.gitDirectory(pull.repositoryId());
        Path headDir = directories.gitDirectory(pull.headRepositoryId());
        List<ChangedFile> files = PullRequestGit.files(baseDir, headDir, pull.baseSha(), pull.headSha());
        int commits = PullRequestGit.commits(baseDir, headDir, pull.baseSha(), pull.headSha(),
                PullRequestGit.MAX_COMMITS).size();
        return new PullRequestStats(commits, files.stream().mapToInt(ChangedFile::additions).sum(),
                files.stream().mapToInt(ChangedFile::deletions).sum(), files.size());
    }

    /**
     * A repository is gone: its own pull requests go with it, and open pull requests from it into other
     * repositories are closed (their head no longer exists).
     */
    int repositoryDeleted(long repositoryId) {
        try {
            return database.inTransaction(c -> {
                int changed;
                try (PreparedStatement s = c.prepareStatement(
                        "DELETE FROM review.pull_requests WHERE repository_id = ?")) {
                    s.setLong(1, repositoryId);
                    changed = s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE review.pull_requests SET state = 'closed',"
                        + " closed_at = now(), updated_at = now() WHERE head_repository_id = ? AND state = 'open'")) {
                    s.setLong(1, repositoryId);
                    changed += s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("DELETE FROM review.numbers WHERE repository_id = ?")) {
                    s.setLong(1, repositoryId);
                    s.executeUpdate();
                }
                // Reactions name their subjects without a foreign key: those of what went with the repository go too.
                try (PreparedStatement s = c.prepareStatement("DELETE FROM review.reactions r WHERE"
                        + " (r.subject_type = 'issue' AND NOT EXISTS (SELECT 1 FROM review.pull_requests p"
                        + " WHERE p.id = r.subject_id)) OR (r.subject_type = 'review_comment' AND NOT EXISTS"
                        + " (SELECT 1 FROM review.review_comments x WHERE x.id = r.subject_id))"
                        + " OR (r.subject_type = 'issue_comment' AND NOT EXISTS (SELECT 1 FROM review.issue_comments x"
                        + " WHERE x.id = r.subject_id))")) {
                    s.executeUpdate();
                }
                return changed;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not remove the pull requests of a deleted repository", e);
        }
    }

    /**
     * After a push: open pull requests whose head is {@code branch} of {@code repositoryId} take the new head (and
     * publish synchronize); those whose base it is take the new base; both are queued for a mergeability check.
     */
    int pushed(long repositoryId, String branch, String after, String actor) {
        try {
            return database.inTransaction(c -> {
                int changed = 0;
                List<PullRequest> heads = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM review.pull_requests"
                        + " WHERE state = 'open' AND head_repository_id = ? AND head_ref = ? AND head_sha <> ?"
                        + " FOR UPDATE")) {
                    s.setLong(1, repositoryId);
                    s.setString(2, branch);
                    s.setString(3, after);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            heads.add(row(rs));
                        }
                    }
                }
                for (PullRequest before : heads) {
                    PullRequest updated = set(c, before.id(), "head_sha", after);
                    Repository base = repositories.find(before.repositoryId()).orElse(null);
                    if (base != null) {
                        publish(c, Topics.PULL_REQUEST_SYNCHRONIZE, base, updated, actor,
                                Map.of("before", before.headSha(), "after", after));
                    }
                    enqueueMergeability(c, updated);
                    changed++;
                }
                List<Long> bases = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("SELECT id FROM review.pull_requests WHERE"
                        + " state = 'open' AND repository_id = ? AND base_ref = ? AND base_sha <> ? FOR UPDATE")) {
                    s.setLong(1, repositoryId);
                    s.setString(2, branch);
                    s.setString(3, after);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            bases.add(rs.getLong(1));
                        }
                    }
                }
                for (long id : bases) {
                    enqueueMergeability(c, set(c, id, "base_sha", after));
                    changed++;
                }
                return changed;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not follow a push in pull requests", e);
        }
    }

    /**
     * Computes the mergeability of pull request {@code id} as of its current head and base; a result for shas that
     * moved meanwhile is dropped (the newer job decides).
     */
    void computeMergeability(long id) {
        PullRequest pull = byId(id).orElse(null);
        if (pull == null || !pull.open()) {
            return;
        }
        boolean clean = PullRequestGit.mergeable(directories.gitDirectory(pull.repositoryId()),
                directories.gitDirectory(pull.headRepositoryId()), pull.baseSha(), pull.headSha());
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE review.pull_requests SET mergeable = ?,"
                        + " mergeable_state = ? WHERE id = ? AND head_sha = ? AND base_sha = ?")) {
            s.setBoolean(1, clean);
            s.setString(2, clean ? "clean" : "dirty");
            s.setLong(3, id);
            s.setString(4, pull.headSha());
            s.setString(5, pull.baseSha());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the mergeability of a pull request", e);
        }
    }

    Optional<PullRequest> byId(long id) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                        + " FROM review.pull_requests WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a pull request", e);
        }
    }

    private static PullRequest set(Connection c, long id, String column, String sha) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE review.pull_requests SET " + column + " = ?,"
                + " mergeable = NULL, mergeable_state = 'unknown', updated_at = now() WHERE id = ? RETURNING "
                + COLUMNS)) {
            s.setString(1, sha);
            s.setLong(2, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return row(rs);
            }
        }
    }

    void enqueueMergeability(Connection c, PullRequest pull) throws SQLException {
        try {
            jobs.enqueue(c, QUEUE, JSON.writeValueAsString(Map.of("pull_request_id", pull.id())),
                    JobOptions.DEFAULT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void publish(Connection c, String topic, Repository base, PullRequest pull, String actor,
            Map<String, Object> extra) throws SQLException {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("repository_id", base.id());
        event.put("repository", base.fullName());
        event.put("number", pull.number());
        event.put("pull_request_id", pull.id());
        event.put("actor", actor);
        event.put("head_sha", pull.headSha());
        event.put("base_ref", pull.baseRef());
        event.putAll(extra);
        outbox.publish(c, topic, event);
    }

    private static <T> Page<T> slice(List<T> all, PageRequest page) {
        int from = (int) Math.min(all.size(), page.offset());
        int to = Math.min(all.size(), from + page.perPage());
        return new Page<>(all.subList(from, to), page, all.size());
    }

    private static int bind(PreparedStatement s, List<Object> parameters) throws SQLException {
        int i = 1;
        for (Object p : parameters) {
            s.setObject(i++, p);
        }
        return i;
    }

    static PullRequest row(ResultSet rs) throws SQLException {
        return new PullRequest(rs.getLong("id"), rs.getLong("repository_id"), rs.getInt("number"),
                rs.getString("title"), rs.getString("body"), rs.getString("state"), rs.getBoolean("draft"),
                rs.getBoolean("merged"), rs.getLong("author_id"), rs.getLong("head_repository_id"),
                rs.getString("head_ref"), rs.getString("head_sha"), rs.getString("base_ref"), rs.getString("base_sha"),
                (Boolean) rs.getObject("mergeable"), rs.getString("mergeable_state"),
                rs.getBoolean("maintainer_can_modify"), instant(rs, "created_at"), instant(rs, "updated_at"),
                instant(rs, "closed_at"), instant(rs, "merged_at"), rs.getString("merge_commit_sha"),
                (Long) rs.getObject("merged_by_id"));
    }

    private static java.time.Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static ApiException invalid(String field, String code, String message) {
        return new ApiException(422, "Validation Failed",
                List.of(new ApiError.FieldError("PullRequest", field, code, message)));
    }
}
