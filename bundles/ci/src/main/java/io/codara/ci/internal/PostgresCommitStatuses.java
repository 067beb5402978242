package io.codara.ci.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.codara.api.audit.Actor;
import io.codara.api.ci.CombinedStatus;
import io.codara.api.ci.CommitState;
import io.codara.api.ci.CommitStatus;
import io.codara.api.ci.CommitStatuses;
import io.codara.api.ci.NewCommitStatus;
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
import io.codara.api.storage.Database;
import io.codara.api.storage.EventOutbox;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Commit statuses in {@code ci.statuses}: immutable rows, the newest of each context counts. */
@Component(service = CommitStatuses.class)
public final class PostgresCommitStatuses implements CommitStatuses {

    /** GitHub's limit of statuses per commit and context. */
    static final int MAX_PER_CONTEXT = 1000;

    private static final String COLUMNS =
            "id, repository_id, sha, state, target_url, description, context, creator_id, created_at";

    private final Database database;
    private final EventOutbox outbox;
    private final Repositories repositories;
    private final RepositoryDirectories directories;
    private final Accounts accounts;

    @Activate
    public PostgresCommitStatuses(@Reference CiSchema schema, @Reference Database database,
            @Reference EventOutbox outbox, @Reference Repositories repositories,
            @Reference RepositoryDirectories directories, @Reference Accounts accounts) {
        this.database = database;
        this.outbox = outbox;
        this.repositories = repositories;
        this.directories = directories;
        this.accounts = accounts;
    }

    @Override
    public CommitStatus create(long repositoryId, String sha, NewCommitStatus status, Actor creator) {
        Repository repository = repositories.find(repositoryId).orElseThrow(ApiException::notFound);
        if (!CommitRefs.hasCommit(directories.gitDirectory(repositoryId), sha) && !forkHead(repositoryId, sha)) {
            throw new ApiException(422, "No commit found for SHA: " + sha);
        }
        String commit = sha.toLowerCase(Locale.ROOT);
        String targetUrl = blankToNull(status.targetUrl());
        if (targetUrl != null && !(targetUrl.startsWith("http://") || targetUrl.startsWith("https://"))) {
            throw invalid("target_url", "target_url must be an http or https URL");
        }
        check("target_url", targetUrl, 2048);
        check("description", status.description(), 1024);
        check("context", status.context(), 255);
        Long creatorId = creator == null || Actor.SYSTEM_LOGIN.equals(creator.login()) ? null
                : accounts.find(creator.login()).map(Account::id).orElse(null);
        try {
            return database.inTransaction(c -> {
                try (PreparedStatement count = c.prepareStatement(
                        "SELECT count(*) FROM ci.statuses WHERE repository_id = ? AND sha = ? AND context = ?")) {
                    count.setLong(1, repositoryId);
                    count.setString(2, commit);
                    count.setString(3, status.context());
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) >= MAX_PER_CONTEXT) {
                            throw new ApiException(422, "This SHA and context has reached the maximum number of statuses ("
                                    + MAX_PER_CONTEXT + ").");
                        }
                    }
                }
                CommitStatus created;
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO ci.statuses (repository_id, sha, state,"
                        + " target_url, description, context, creator_id) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS)) {
                    insert.setLong(1, repositoryId);
                    insert.setString(2, commit);
                    insert.setString(3, status.state().githubName());
                    insert.setString(4, targetUrl);
                    insert.setString(5, status.description());
                    insert.setString(6, status.context());
                    insert.setObject(7, creatorId);
                    try (ResultSet rs = insert.executeQuery()) {
                        rs.next();
                        created = row(rs);
                    }
                }
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("repository_id", repositoryId);
                event.put("repository", repository.fullName());
                event.put("sha", commit);
                event.put("context", created.context());
                event.put("state", created.state().githubName());
                event.put("status_id", created.id());
                event.put("actor", creator == null ? Actor.SYSTEM_LOGIN : creator.login());
                outbox.publish(c, Topics.CI_STATUS, event);
                return created;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store a commit status", e);
        }
    }

    /**
     * Whether {@code sha} is the head of a pull request from a fork that ran a workflow in repository
     * {@code repositoryId}: the commit lives in the fork only (GitHub has it under {@code refs/pull/}), and its
     * statuses belong to the base repository, where the pull request's checks read them.
     */
    private boolean forkHead(long repositoryId, String sha) {
        if (!sha.matches("[0-9a-fA-F]{40}")) {
            return false;
        }
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT DISTINCT source_repository_id FROM ci.workflow_runs "
                        + "WHERE repository_id = ? AND head_sha = ? AND source_repository_id IS NOT NULL")) {
            s.setLong(1, repositoryId);
            s.setString(2, sha.toLowerCase(Locale.ROOT));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (CommitRefs.hasCommit(directories.gitDirectory(rs.getLong(1)), sha)) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look for pull request runs of " + sha, e);
        }
    }

    @Override
    public Page<CommitStatus> list(long repositoryId, String sha, PageRequest page) {
        String commit = sha.toLowerCase(Locale.ROOT);
        try (Connection c = database.dataSource().getConnection()) {
            long total;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT count(*) FROM ci.statuses WHERE repository_id = ? AND sha = ?")) {
                s.setLong(1, repositoryId);
                s.setString(2, commit);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<CommitStatus> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM ci.statuses"
                    + " WHERE repository_id = ? AND sha = ? ORDER BY id DESC LIMIT ? OFFSET ?")) {
                s.setLong(1, repositoryId);
                s.setString(2, commit);
                s.setInt(3, page.perPage());
                s.setLong(4, page.offset());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        items.add(row(rs));
                    }
                }
            }
            return new Page<>(items, page, total);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read commit statuses", e);
        }
    }

    @Override
    public CombinedStatus combined(long repositoryId, String sha, PageRequest page) {
        String commit = sha.toLowerCase(Locale.ROOT);
        String latest = "SELECT DISTINCT ON (context) " + COLUMNS + " FROM ci.statuses"
                + " WHERE repository_id = ? AND sha = ? ORDER BY context, id DESC";
        try (Connection c = database.dataSource().getConnection()) {
            Set<CommitState> states = EnumSet.noneOf(CommitState.class);
            long total = 0;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT state, count(*) FROM (" + latest + ") latest GROUP BY state")) {
                s.setLong(1, repositoryId);
                s.setString(2, commit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        states.add(CommitState.of(rs.getString(1)).orElseThrow());
                        total += rs.getLong(2);
                    }
                }
            }
            List<CommitStatus> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT * FROM (" + latest + ") latest ORDER BY id DESC LIMIT ? OFFSET ?")) {
                s.setLong(1, repositoryId);
                s.setString(2, commit);
                s.setInt(3, page.perPage());
                s.setLong(4, page.offset());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        items.add(row(rs));
                    }
                }
            }
            return new CombinedStatus(repositoryId, commit, combine(states), items, total);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read commit statuses", e);
        }
    }

    @Override
    public Optional<String> resolve(long repositoryId, String ref) {
        return CommitRefs.resolve(directories.gitDirectory(repositoryId), ref);
    }

    /** GitHub's rule over the latest state of each context. */
    static CommitState combine(Set<CommitState> latest) {
        if (latest.contains(CommitState.ERROR) || latest.contains(CommitState.FAILURE)) {
            return CommitState.FAILURE;
        }
        if (latest.isEmpty() || latest.contains(CommitState.PENDING)) {
            return CommitState.PENDING;
        }
        return CommitState.SUCCESS;
    }

    private static CommitStatus row(ResultSet rs) throws SQLException {
        Instant created = rs.getTimestamp("created_at").toInstant();
        long creatorId = rs.getLong("creator_id");
        Long creator = rs.wasNull() ? null : creatorId;
        return new CommitStatus(rs.getLong("id"), rs.getLong("repository_id"), rs.getString("sha"),
                CommitState.of(rs.getString("state")).orElseThrow(), rs.getString("target_url"),
                rs.getString("description"), rs.getString("context"), creator, created, created);
    }

    private static void check(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw invalid(field, field + " is too long (maximum is " + max + " characters)");
        }
    }

    private static ApiException invalid(String field, String message) {
        return ApiException.validation(List.of(new ApiError.FieldError("Status", field, "invalid", message)));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
