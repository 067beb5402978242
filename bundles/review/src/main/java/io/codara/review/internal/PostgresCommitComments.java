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
import java.util.function.BiFunction;

import io.codara.api.event.Topics;
import io.codara.api.git.Repository;
import io.codara.api.git.RepositoryDirectories;
import io.codara.api.rest.ApiError;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.storage.Database;
import io.codara.api.storage.EventOutbox;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * GitHub's commit comments in the {@code review} schema: on a line of a commit's diff (the new side, placed by
 * {@code line} or GitHub's diff {@code position}) or on the whole commit, with the {@code codara/commit_comment/*}
 * events written to the outbox in the same transaction. A deleted repository takes its comments and their reactions
 * with it. Callers authorise first.
 */
@Component(service = {PostgresCommitComments.class, EventHandler.class},
        property = EventConstants.EVENT_TOPIC + "=" + Topics.GIT_REPOSITORY_DELETED)
public final class PostgresCommitComments implements EventHandler {

    /** The subject type of their reactions. */
    static final String REACTIONS = "commit_comment";

    private static final String COLUMNS = "SELECT id, repository_id, commit_id, user_id, path, position, line, body,"
            + " created_at, updated_at FROM review.commit_comments";

    /** A commit comment; {@code path}, {@code position} and {@code line} are {@code null} on the whole commit. */
    record CommitComment(long id, long repositoryId, String commitId, long userId, String path, Integer position,
            Integer line, String body, Instant createdAt, Instant updatedAt) {
    }

    /** What {@code POST /commits/{sha}/comments} asks for. */
    record NewCommitComment(String body, String path, Integer position, Integer line) {
    }

    /**
     * The payload of a commit comment event for a comment ({@code action} and GitHub's webhook fields), built by the
     * resource that knows the request's addresses.
     */
    interface EventPayload extends BiFunction<String, CommitComment, Map<String, Object>> {
    }

    private final Database database;
    private final EventOutbox outbox;
    private final RepositoryDirectories directories;

    @Activate
    public PostgresCommitComments(@Reference ReviewSchema schema, @Reference Database database,
            @Reference EventOutbox outbox, @Reference RepositoryDirectories directories) {
        this.database = database;
        this.outbox = outbox;
        this.directories = directories;
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty("repository_id") instanceof Number id) {
            repositoryDeleted(id.longValue());
        }
    }

    /** The full SHA of the commit {@code sha} names in {@code repository}; 404 when there is none. */
    String commit(Repository repository, String sha) {
        return CommitDiffs.resolve(directories.gitDirectory(repository.id()), sha).orElseThrow(() -> new ApiException(
                404, "No commit found for SHA: " + sha));
    }

    /**
     * Creates a comment by {@code userId} on commit {@code sha}: on the whole commit without {@code path}, otherwise
     * on a line of the new side of the file's diff, named by {@code line} and/or {@code position} (which must agree).
     */
    CommitComment create(Repository repository, String sha, long userId, NewCommitComment input,
            EventPayload payload) {
        requireBody(input.body());
        Path gitDir = directories.gitDirectory(repository.id());
        String commit = CommitDiffs.resolve(gitDir, sha).orElseThrow(() -> new ApiException(422,
                "Validation Failed", List.of(new ApiError.FieldError("CommitComment", "commit_id", "invalid",
                        "No commit found for SHA: " + sha))));
        String path = input.path() == null || input.path().isEmpty() ? null : input.path();
        Integer position = null;
        Integer line = null;
        if (path == null) {
            if (input.position() != null || input.line() != null) {
                throw invalid("path", "missing_field", "path is required with position or line");
            }
        } else {
            if (input.position() == null && input.line() == null) {
                throw invalid("line", "missing_field", "line or position is required with path");
            }
            ReviewDiff diff = CommitDiffs.files(gitDir, commit).get(path);
            if (diff == null) {
                throw invalid("path", "invalid", "Path could not be resolved: " + path + " is not a file that commit "
                        + commit.substring(0, 7) + " changes");
            }
            if (input.position() != null) {
                ReviewDiff.Line at = diff.at(input.position()).filter(l -> l.kind() == '+' || l.kind() == ' ')
                        .orElseThrow(() -> invalid("position", "invalid", "position " + input.position()
                                + " is not a line of the new side of the diff of " + path));
                if (input.line() != null && input.line() != at.newLine()) {
                    throw invalid("line", "invalid", "line " + input.line() + " is not at position " + input.position()
                            + " of the diff of " + path + " (line " + at.newLine() + " is)");
                }
                position = input.position();
                line = at.newLine();
            } else {
                line = input.line();
                position = diff.anchor("RIGHT", line).map(ReviewDiff.Anchor::position).orElseThrow(() -> invalid(
                        "line", "invalid", "line " + input.line() + " of " + path
                                + " is not a line of the new side of the commit's diff"));
            }
        }
        Integer p = position;
        Integer l = line;
        try {
            return database.inTransaction(c -> {
                long id;
                try (PreparedStatement s = c.prepareStatement("INSERT INTO review.commit_comments (repository_id,"
                        + " commit_id, user_id, path, position, line, body) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                    s.setLong(1, repository.id());
                    s.setString(2, commit);
                    s.setLong(3, userId);
                    s.setString(4, path);
                    s.setObject(5, p);
                    s.setObject(6, l);
                    s.setString(7, input.body());
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                }
                CommitComment created = byId(c, id);
                publish(c, Topics.COMMIT_COMMENT_CREATED, created, payload, Map.of());
                return created;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store a commit comment", e);
        }
    }

    /** The comments of a repository, oldest first. */
    Page<CommitComment> list(long repositoryId, PageRequest page) {
        return page("FROM review.commit_comments WHERE repository_id = ?", page, repositoryId);
    }

    /** The comments of commit {@code commit} (a full SHA), oldest first. */
    Page<CommitComment> list(long repositoryId, String commit, PageRequest page) {
        return page("FROM review.commit_comments WHERE repository_id = ? AND commit_id = ?", page, repositoryId,
                commit);
    }

    /** Comment {@code id} of the repository. */
    Optional<CommitComment> find(long repositoryId, long id) {
        return query(COLUMNS + " WHERE repository_id = ? AND id = ?", repositoryId, id).stream().findFirst();
    }

    /** Changes a comment's body. */
    CommitComment edit(CommitComment comment, String body, EventPayload payload) {
        requireBody(body);
        try {
            return database.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE review.commit_comments SET body = ?, updated_at = now() WHERE id = ?")) {
                    s.setString(1, body);
                    s.setLong(2, comment.id());
                    if (s.executeUpdate() != 1) {
                        throw ApiException.notFound();
                    }
                }
                CommitComment edited = byId(c, comment.id());
                publish(c, Topics.COMMIT_COMMENT_EDITED, edited, payload,
                        Map.of("changes", Map.of("body", Map.of("from", comment.body()))));
                return edited;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not edit a commit comment", e);
        }
    }

    /** Deletes a comment with its reactions. */
    void delete(CommitComment comment, EventPayload payload) {
        try {
            database.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement(
                        "DELETE FROM review.reactions WHERE subject_type = '" + REACTIONS + "' AND subject_id = ?")) {
                    s.setLong(1, comment.id());
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("DELETE FROM review.commit_comments WHERE id = ?")) {
                    s.setLong(1, comment.id());
                    if (s.executeUpdate() != 1) {
                        throw ApiException.notFound();
                    }
                }
                publish(c, Topics.COMMIT_COMMENT_DELETED, comment, payload, Map.of());
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete a commit comment", e);
        }
    }

    /** A repository is gone: its commit comments and their reactions go too. */
    int repositoryDeleted(long repositoryId) {
        try {
            return database.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM review.reactions WHERE subject_type = '"
                        + REACTIONS + "' AND subject_id IN (SELECT id FROM review.commit_comments"
                        + " WHERE repository_id = ?)")) {
                    s.setLong(1, repositoryId);
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement(
                        "DELETE FROM review.commit_comments WHERE repository_id = ?")) {
                    s.setLong(1, repositoryId);
                    return s.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not remove the commit comments of a deleted repository", e);
        }
    }

    private void publish(Connection c, String topic, CommitComment comment, EventPayload payload,
            Map<String, Object> extra) throws SQLException {
        Map<String, Object> event = new java.util.LinkedHashMap<>(
                payload.apply(topic.substring(topic.lastIndexOf('/') + 1), comment));
        event.put("repository_id", comment.repositoryId());
        event.put("commit_id", comment.commitId());
        event.put("comment_id", comment.id());
        event.putAll(extra);
        outbox.publish(c, topic, event);
    }

    private Page<CommitComment> page(String from, PageRequest page, Object... parameters) {
        long total = count("SELECT count(*) " + from, parameters);
        Object[] all = java.util.Arrays.copyOf(parameters, parameters.length + 2);
        all[parameters.length] = page.perPage();
        all[parameters.length + 1] = page.offset();
        List<CommitComment> items = query(COLUMNS + from.substring("FROM review.commit_comments".length())
                + " ORDER BY id LIMIT ? OFFSET ?", all);
        return new Page<>(items, page, total);
    }

    private static CommitComment byId(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(COLUMNS + " WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return comment(rs);
            }
        }
    }

    private List<CommitComment> query(String sql, Object... parameters) {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            List<CommitComment> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(comment(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read commit comments: " + e.getMessage(), e);
        }
    }

    private long count(String sql, Object... parameters) {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count commit comments: " + e.getMessage(), e);
        }
    }

    private static CommitComment comment(ResultSet rs) throws SQLException {
        return new CommitComment(rs.getLong("id"), rs.getLong("repository_id"), rs.getString("commit_id"),
                rs.getLong("user_id"), rs.getString("path"), (Integer) rs.getObject("position"),
                (Integer) rs.getObject("line"), rs.getString("body"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) {
        try {
            Timestamp t = rs.getTimestamp(column);
            return t == null ? null : t.toInstant();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireBody(String body) {
        if (body == null || body.isBlank()) {
            throw invalid("body", "missing_field", "body is required");
        }
        if (body.length() > 65536) {
            throw invalid("body", "invalid", "body is too long (maximum is 65536 characters)");
        }
    }

    static ApiException invalid(String field, String code, String message) {
        return new ApiException(422, "Validation Failed",
                List.of(new ApiError.FieldError("CommitComment", field, code, message)));
    }
}
