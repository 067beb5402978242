package io.codara.review.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.codara.api.event.Topics;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.git.RepositoryDirectories;
import io.codara.api.rest.ApiError;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.review.ChangedFile;
import io.codara.api.review.PullRequest;
import io.codara.api.storage.Database;
import io.codara.api.storage.EventOutbox;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Reviews, review comments (on diff lines of a pull request, in threads that can be resolved), conversation
 * comments and reactions, in the {@code review} schema. Pending reviews and their comments are seen only by their
 * author ({@code viewer} ids below; 0 for anonymous). Callers authorise first; what a viewer may not see is a 404.
 */
@Component(service = PostgresReviews.class)
public final class PostgresReviews {

    /** GitHub's reaction contents. */
    static final List<String> CONTENTS = List.of("+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes");

    static final String PENDING = "PENDING";
    static final String APPROVED = "APPROVED";
    static final String CHANGES_REQUESTED = "CHANGES_REQUESTED";
    static final String COMMENTED = "COMMENTED";
    static final String DISMISSED = "DISMISSED";

    private static final String REVIEW_COLUMNS = "r.id, r.pull_request_id, r.user_id, r.state, r.commit_id, r.body,"
            + " r.submitted_at, p.number";
    private static final String COMMENT_COLUMNS = "c.id, c.pull_request_id, c.review_id, c.user_id, c.in_reply_to_id,"
            + " c.path, c.side, c.start_side, c.line, c.start_line, c.original_line, c.original_start_line, c.position,"
            + " c.original_position, c.commit_id, c.original_commit_id, c.diff_hunk, c.body, c.resolved_by,"
            + " c.resolved_at, c.created_at, c.updated_at, p.number, r.state AS review_state";
    private static final String COMMENT_FROM = " FROM review.review_comments c"
            + " JOIN review.pull_requests p ON p.id = c.pull_request_id JOIN review.reviews r ON r.id = c.review_id";

    /** A review. */
    record Review(long id, long pullRequestId, long userId, String state, String commitId, String body,
            Instant submittedAt, int number) {
    }

    /** A review comment; {@code line} is {@code null} once outdated. */
    record Comment(long id, long pullRequestId, long reviewId, long userId, Long inReplyToId, String path, String side,
            String startSide, Integer line, Integer startLine, int originalLine, Integer originalStartLine,
            Integer position, int originalPosition, String commitId, String originalCommitId, String diffHunk,
            String body, Long resolvedBy, Instant resolvedAt, Instant createdAt, Instant updatedAt, int number,
            String reviewState) {

        /** The id of the thread's first comment. */
        long threadId() {
            return inReplyToId == null ? id : inReplyToId;
        }
    }

    /** A comment on a line or range of the diff, as a review or a single comment asks for it. */
    record NewComment(String path, Integer line, String side, Integer startLine, String startSide, String body) {
    }

    /** A conversation comment. */
    record IssueComment(long id, long pullRequestId, long userId, String body, Instant createdAt, Instant updatedAt,
            int number) {
    }

    /** A reaction; {@code subjectType} is {@code issue}, {@code review_comment} or {@code issue_comment}. */
    record Reaction(long id, String subjectType, long subjectId, long userId, String content, Instant createdAt) {
    }

    private final Database database;
    private final EventOutbox outbox;
    private final PostgresPullRequests pulls;
    private final Repositories repositories;
    private final RepositoryDirectories directories;

    @Activate
    public PostgresReviews(@Reference ReviewSchema schema, @Reference Database database, @Reference EventOutbox outbox,
            @Reference PostgresPullRequests pulls, @Reference Repositories repositories,
            @Reference RepositoryDirectories directories) {
        this.database = database;
        this.outbox = outbox;
        this.pulls = pulls;
        this.repositories = repositories;
        this.directories = directories;
    }

    // ---- reviews

    /** GitHub's review event: APPROVE, REQUEST_CHANGES or COMMENT; {@code null} (or empty) leaves it pending. */
    static String state(String event, boolean required) {
        if (event == null || event.isEmpty()) {
            if (required) {
                throw invalid("event", "missing_field", "event is required: APPROVE, REQUEST_CHANGES or COMMENT");
            }
            return PENDING;
        }
        return switch (event) {
            case "APPROVE" -> APPROVED;
            case "REQUEST_CHANGES" -> CHANGES_REQUESTED;
            case "COMMENT" -> COMMENTED;
            default -> throw invalid("event", "invalid", "event must be APPROVE, REQUEST_CHANGES or COMMENT");
        };
    }

    private static void checkSubmission(PullRequest pull, long userId, String state, String body, boolean comments) {
        if (pull.authorId() == userId && APPROVED.equals(state)) {
            throw new ApiException(422, "Unprocessable Entity", List.of(new ApiError.FieldError("PullRequestReview",
                    "event", "custom", "Can not approve your own pull request")));
        }
        if (pull.authorId() == userId && CHANGES_REQUESTED.equals(state)) {
            throw new ApiException(422, "Unprocessable Entity", List.of(new ApiError.FieldError("PullRequestReview",
                    "event", "custom", "Can not request changes on your own pull request")));
        }
        boolean blank = body == null || body.isBlank();
        if (CHANGES_REQUESTED.equals(state) && blank) {
            throw invalid("body", "missing_field", "Review body is required when requesting changes");
        }
        if (COMMENTED.equals(state) && blank && !comments) {
            throw invalid("body", "missing_field", "Review body or comments are required to comment");
        }
    }

    /**
     * Creates a review by {@code userId}: pending without {@code event}, submitted otherwise, with its comments on
     * lines of the current diff ({@code commitId}, when given, must be the head).
     */
    Review createReview(Repository base, PullRequest pull, long userId, String login, String event, String body,
            String commitId, List<NewComment> comments) {
        String state = state(event, false);
        checkSubmission(pull, userId, state, body, !comments.isEmpty());
        checkCommit(pull, commitId);
        Diffs diffs = diffs(pull);
        List<Placed> placed = new ArrayList<>();
        for (NewComment comment : comments) {
            placed.add(place(diffs, comment));
        }
        try {
            return database.inTransaction(c -> {
                if (PENDING.equals(state) && pendingOf(c, pull.id(), userId).isPresent()) {
                    throw new ApiException(422, "Unprocessable Entity", List.of(new ApiError.FieldError(
                            "PullRequestReview", "user_id", "custom",
                            "User can only have one pending review per pull request")));
                }
                Review review = insertReview(c, pull, userId, state, body);
                List<Comment> created = new ArrayList<>();
                for (Placed p : placed) {
                    created.add(insertComment(c, pull, review.id(), userId, null, p));
                }
                if (!PENDING.equals(state)) {
                    publishReview(c, Topics.PULL_REQUEST_REVIEW_SUBMITTED, base, pull, review, login, Map.of());
                    for (Comment comment : created) {
                        publishComment(c, Topics.PULL_REQUEST_REVIEW_COMMENT_CREATED, base, pull, comment, login,
                                Map.of());
                    }
                }
                return review;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store a review", e);
        }
    }

    /** The reviews of a pull request that {@code viewer} may see, oldest first. */
    Page<Review> reviews(PullRequest pull, long viewer, PageRequest page) {
        List<Review> all = query("SELECT " + REVIEW_COLUMNS + " FROM review.reviews r JOIN review.pull_requests p"
                + " ON p.id = r.pull_request_id WHERE r.pull_request_id = ? AND (r.state <> 'PENDING' OR r.user_id = ?)"
                + " ORDER BY r.id", PostgresReviews::review, pull.id(), viewer);
        return slice(all, page);
    }

    /** Review {@code id} of a pull request, if {@code viewer} may see it. */
    Optional<Review> review(PullRequest pull, long id, long viewer) {
        return query("SELECT " + REVIEW_COLUMNS + " FROM review.reviews r JOIN review.pull_requests p"
                + " ON p.id = r.pull_request_id WHERE r.pull_request_id = ? AND r.id = ?"
                + " AND (r.state <> 'PENDING' OR r.user_id = ?)", PostgresReviews::review, pull.id(), id, viewer)
                .stream().findFirst();
    }

    /** Changes the body of one's own review. */
    Review updateReview(PullRequest pull, long id, long userId, String body) {
        Review review = review(pull, id, userId).orElseThrow(ApiException::notFound);
        if (review.userId() != userId) {
            throw new ApiException(403, "Forbidden: only the author may change a review");
        }
        if (body == null || body.isBlank()) {
            throw invalid("body", "missing_field", "body is required");
        }
        execute("UPDATE review.reviews SET body = ?, updated_at = now() WHERE id = ?", body, id);
        return review(pull, id, userId).orElseThrow();
    }

    /** Deletes one's own pending review with its comments; 422 for a submitted one. */
    Review deletePending(PullRequest pull, long id, long userId) {
        Review review = review(pull, id, userId).orElseThrow(ApiException::notFound);
        if (review.userId() != userId) {
            throw new ApiException(403, "Forbidden: only the author may delete a review");
        }
        if (!PENDING.equals(review.state())) {
            throw new ApiException(422, "Unprocessable Entity", List.of(new ApiError.FieldError("PullRequestReview",
                    "state", "custom", "Can not delete a non-pending pull request review")));
        }
        execute("DELETE FROM review.reactions WHERE subject_type = 'review_comment' AND subject_id IN"
                + " (SELECT id FROM review.review_comments WHERE review_id = ?)", id);
        execute("DELETE FROM review.reviews WHERE id = ? AND state = 'PENDING'", id);
        return review;
    }

    /** Submits one's own pending review with {@code event}. */
    Review submit(Repository base, PullRequest pull, long id, long userId, String login, String event, String body) {
        Review review = review(pull, id, userId).orElseThrow(ApiException::notFound);
        if (review.userId() != userId) {
            throw new ApiException(403, "Forbidden: only the author may submit a review");
        }
        if (!PENDING.equals(review.state())) {
            throw new ApiException(422, "Unprocessable Entity", List.of(new ApiError.FieldError("PullRequestReview",
                    "state", "custom", "Can not submit a non-pending pull request review")));
        }
        String state = state(event, true);
        String newBody = body == null ? review.body() : body;
        List<Comment> comments = query("SELECT " + COMMENT_COLUMNS + COMMENT_FROM + " WHERE c.review_id = ?"
                + " ORDER BY c.id", PostgresReviews::comment, id);
        checkSubmission(pull, userId, state, newBody, !comments.isEmpty());
        try {
            return database.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("UPDATE review.reviews SET state = ?, body = ?,"
                        + " submitted_at = now(), updated_at = now() WHERE id = ? AND state = 'PENDING'")) {
                    s.setString(1, state);
                    s.setString(2, newBody);
                    s.setLong(3, id);
                    if (s.executeUpdate() != 1) {
                        throw new ApiException(409, "The review was submitted meanwhile");
                    }
                }
                Review submitted = reviewById(c, id);
                publishReview(c, Topics.PULL_REQUEST_REVIEW_SUBMITTED, base, pull, submitted, login, Map.of());
                for (Comment comment : comments) {
                    publishComment(c, Topics.PULL_REQUEST_REVIEW_COMMENT_CREATED, base, pull, comment, login,
                            Map.of());
                }
                return submitted;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not submit a review", e);
        }
    }

    /** Dismisses an approving or change-requesting review (the caller checked write access). */
    Review dismiss(Repository base, PullRequest pull, long id, long viewer, String login, String message) {
        Review review = review(pull, id, viewer).orElseThrow(ApiException::notFound);
        if (message == null || message.isBlank()) {
            throw invalid("message", "missing_field", "message is required");
        }
        if (!APPROVED.equals(review.state()) && !CHANGES_REQUESTED.equals(review.state())) {
            throw new ApiException(422, "Unprocessable Entity", List.of(new ApiError.FieldError("PullRequestReview",
                    "state", "custom", "Can not dismiss a " + review.state().toLowerCase(java.util.Locale.ROOT)
                            + " pull request review")));
        }
        try {
            return database.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("UPDATE review.reviews SET state = 'DISMISSED',"
                        + " updated_at = now() WHERE id = ?")) {
                    s.setLong(1, id);
                    s.executeUpdate();
                }
                Review dismissed = reviewById(c, id);
                publishReview(c, Topics.PULL_REQUEST_REVIEW_DISMISSED, base, pull, dismissed, login,
                        Map.of("message", message));
                return dismissed;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not dismiss a review", e);
        }
    }

    /** The comments of review {@code id}. */
    Page<Comment> reviewComments(PullRequest pull, long id, long viewer, PageRequest page) {
        review(pull, id, viewer).orElseThrow(ApiException::notFound);
        return slice(query("SELECT " + COMMENT_COLUMNS + COMMENT_FROM + " WHERE c.review_id = ? ORDER BY c.id",
                PostgresReviews::comment, id), page);
    }

    // ---- review comments

    /** A single comment on the diff, in a review of its own (submitted as COMMENTED), as GitHub does. */
    Comment comment(Repository base, PullRequest pull, long userId, String login, String commitId, NewComment input) {
        checkCommit(pull, commitId);
        Placed placed = place(diffs(pull), input);
        return inOwnReview(base, pull, userId, login, null, placed);
    }

    /** A reply to comment {@code parentId} (to the first comment of its thread), in a review of its own. */
    Comment reply(Repository base, PullRequest pull, long parentId, long userId, String login, String body) {
        Comment parent = comment(base.id(), parentId, userId).filter(c -> c.pullRequestId() == pull.id())
                .orElseThrow(ApiException::notFound);
        Comment root = parent.inReplyToId() == null ? parent
                : comment(base.id(), parent.inReplyToId(), userId).orElseThrow(ApiException::notFound);
        requireBody(body);
        Placed placed = new Placed(root.path(), root.side(), root.startSide(), root.line(), root.startLine(),
                root.originalLine(), root.originalStartLine(), root.position(), root.originalPosition(),
                root.commitId(), root.originalCommitId(), root.diffHunk(), body);
        return inOwnReview(base, pull, userId, login, root.id(), placed);
    }

    private Comment inOwnReview(Repository base, PullRequest pull, long userId, String login, Long inReplyTo,
            Placed placed) {
        try {
            return database.inTransaction(c -> {
                Review review = insertReview(c, pull, userId, COMMENTED, null);
                Comment created = insertComment(c, pull, review.id(), userId, inReplyTo, placed);
                publishComment(c, Topics.PULL_REQUEST_REVIEW_COMMENT_CREATED, base, pull, created, login, Map.of());
                return created;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store a review comment", e);
        }
    }

    /** The review comments of a pull request that {@code viewer} may see, oldest first. */
    Page<Comment> comments(PullRequest pull, long viewer, PageRequest page) {
        return slice(query("SELECT " + COMMENT_COLUMNS + COMMENT_FROM + " WHERE c.pull_request_id = ?"
                + " AND (r.state <> 'PENDING' OR r.user_id = ?) ORDER BY c.id", PostgresReviews::comment, pull.id(),
                viewer), page);
    }

    /** The review comments of all pull requests of a repository that {@code viewer} may see, oldest first. */
    Page<Comment> repositoryComments(long repositoryId, long viewer, PageRequest page) {
        return slice(query("SELECT " + COMMENT_COLUMNS + COMMENT_FROM + " WHERE p.repository_id = ?"
                + " AND (r.state <> 'PENDING' OR r.user_id = ?) ORDER BY c.id", PostgresReviews::comment, repositoryId,
                viewer), page);
    }

    /** Review comment {@code id} of a pull request of repository {@code repositoryId}, if {@code viewer} may see it. */
    Optional<Comment> comment(long repositoryId, long id, long viewer) {
        return query("SELECT " + COMMENT_COLUMNS + COMMENT_FROM + " WHERE p.repository_id = ? AND c.id = ?"
                + " AND (r.state <> 'PENDING' OR r.user_id = ?)", PostgresReviews::comment, repositoryId, id, viewer)
                .stream().findFirst();
    }

    Comment editComment(Repository base, PullRequest pull, Comment comment, String body, String login) {
        requireBody(body);
        try {
            return database.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE review.review_comments SET body = ?, updated_at = now() WHERE id = ?")) {
                    s.setString(1, body);
                    s.setLong(2, comment.id());
                    s.executeUpdate();
                }
                Comment edited = commentById(c, comment.id());
                if (!PENDING.equals(edited.reviewState())) {
                    publishComment(c, Topics.PULL_REQUEST_REVIEW_COMMENT_EDITED, base, pull, edited, login,
                            Map.of("changes", Map.of("body", Map.of("from", comment.body()))));
                }
                return edited;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not edit a review comment", e);
        }
    }

    void deleteComment(Repository base, PullRequest pull, Comment comment, String login) {
        try {
            database.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM review.reactions WHERE subject_type ="
                        + " 'review_comment' AND subject_id IN (SELECT id FROM review.review_comments WHERE id = ?"
                        + " OR in_reply_to_id = ?)")) {
                    s.setLong(1, comment.id());
                    s.setLong(2, comment.id());
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("DELETE FROM review.review_comments WHERE id = ?")) {
                    s.setLong(1, comment.id());
                    s.executeUpdate();
                }
                if (!PENDING.equals(comment.reviewState())) {
                    publishComment(c, Topics.PULL_REQUEST_REVIEW_COMMENT_DELETED, base, pull, comment, login,
                            Map.of());
                }
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete a review comment", e);
        }
    }

    /** Resolves (or unresolves) the thread of {@code comment}; answers its first comment. */
    Comment resolve(long repositoryId, Comment comment, long userId, boolean resolved) {
        long root = comment.threadId();
        if (resolved) {
            execute("UPDATE review.review_comments SET resolved_by = ?, resolved_at = now() WHERE id = ?"
                    + " AND resolved_at IS NULL", userId, root);
        } else {
            execute("UPDATE review.review_comments SET resolved_by = NULL, resolved_at = NULL WHERE id = ?", root);
        }
        return comment(repositoryId, root, userId).orElseThrow(ApiException::notFound);
    }

    /** The first comment of the thread of {@code comment}. */
    Comment root(long repositoryId, Comment comment, long viewer) {
        return comment.inReplyToId() == null ? comment
                : comment(repositoryId, comment.inReplyToId(), viewer).orElseThrow(ApiException::notFound);
    }

    // ---- anchoring after pushes

    /**
     * Moves the comments of {@code pull} made on older heads onto its current head: a commented range whose lines
     * did not change (and that the diff still shows) moves with the lines around it; otherwise the comment is
     * outdated ({@code line} and {@code position} null, the original ones kept). Answers the comments outdated now.
     */
    int follow(PullRequest pull) {
        String head = pull.headSha();
        List<Comment> roots = query("SELECT " + COMMENT_COLUMNS + COMMENT_FROM + " WHERE c.pull_request_id = ?"
                + " AND c.in_reply_to_id IS NULL AND c.line IS NOT NULL AND c.commit_id <> ? ORDER BY c.id",
                PostgresReviews::comment, pull.id(), head);
        if (roots.isEmpty()) {
            return 0;
        }
        Path baseDir = directories.gitDirectory(pull.repositoryId());
        Path headDir = directories.gitDirectory(pull.headRepositoryId());
        Map<String, ReviewDiff> diffs = diffs(pull).files();
        int outdated = 0;
        for (Comment c : roots) {
            Integer line = null;
            Integer start = null;
            ReviewDiff.Anchor anchor = null;
            ReviewDiff diff = diffs.get(c.path());
            if (diff != null) {
                int from = c.startLine() == null ? c.line() : c.startLine();
                Optional<int[]> moved;
                if ("RIGHT".equals(c.side())) {
                    Optional<String> before = PullRequestGit.text(baseDir, headDir, c.commitId(), c.path());
                    Optional<String> after = PullRequestGit.text(baseDir, headDir, head, c.path());
                    moved = before.isPresent() && after.isPresent()
                            ? ReviewDiff.follow(before.get(), after.get(), from, c.line()) : Optional.empty();
                } else {
                    moved = Optional.of(new int[] {from, c.line()});
                }
                if (moved.isPresent() && diff.shows(c.side(), moved.get()[1])
                        && (c.startLine() == null || diff.shows(c.startSide(), moved.get()[0]))) {
                    line = moved.get()[1];
                    start = c.startLine() == null ? null : moved.get()[0];
                    anchor = diff.anchor(c.side(), line).orElseThrow();
                }
            }
            if (line == null) {
                execute("UPDATE review.review_comments SET line = NULL, start_line = NULL, position = NULL"
                        + " WHERE (id = ? OR in_reply_to_id = ?) AND commit_id = ?", c.id(), c.id(), c.commitId());
                outdated++;
            } else {
                execute("UPDATE review.review_comments SET line = ?, start_line = ?, position = ?, commit_id = ?"
                        + " WHERE (id = ? OR in_reply_to_id = ?) AND commit_id = ?", line, start, anchor.position(),
                        head, c.id(), c.id(), c.commitId());
            }
        }
        return outdated;
    }

    // ---- suggestions

    /** The head file of a comment's suggestion applied: the commented lines replaced; 409 when they changed. */
    Map<String, String> applied(PullRequest pull, Comment comment) {
        String suggestion = ReviewDiff.suggestion(comment.body())
                .orElseThrow(() -> new ApiException(422, "This comment has no suggested change"));
        if (!pull.open()) {
            throw new ApiException(422, "Suggestions can only be applied to an open pull request");
        }
        if (!"RIGHT".equals(comment.side()) || comment.startSide() != null && !"RIGHT".equals(comment.startSide())) {
            throw new ApiException(422, "Only a suggestion on the new side of the diff can be applied");
        }
        if (comment.line() == null || !comment.commitId().equals(pull.headSha())) {
            throw new ApiException(409, "The suggestion is outdated: the commented lines changed since it was made");
        }
        String text = PullRequestGit.text(directories.gitDirectory(pull.repositoryId()),
                directories.gitDirectory(pull.headRepositoryId()), pull.headSha(), comment.path())
                .orElseThrow(() -> new ApiException(409, comment.path() + " no longer exists on the head"));
        int start = comment.startLine() == null ? comment.line() : comment.startLine();
        try {
            return Map.of(comment.path(), ReviewDiff.replace(text, start, comment.line(), suggestion));
        } catch (IllegalArgumentException e) {
            throw new ApiException(409, "The suggestion no longer fits " + comment.path() + ": " + e.getMessage());
        }
    }

    // ---- conversation comments

    IssueComment createIssueComment(PullRequest pull, long userId, String body) {
        requireBody(body);
        long id = query("INSERT INTO review.issue_comments (pull_request_id, user_id, body) VALUES (?, ?, ?)"
                + " RETURNING id", rs -> rs.getLong(1), pull.id(), userId, body).get(0);
        execute("UPDATE review.pull_requests SET updated_at = now() WHERE id = ?", pull.id());
        return query(ISSUE_SELECT + " WHERE i.id = ?", PostgresReviews::issueComment, id).get(0);
    }

    private static final String ISSUE_SELECT = "SELECT i.id, i.pull_request_id, i.user_id, i.body, i.created_at,"
            + " i.updated_at, p.number FROM review.issue_comments i JOIN review.pull_requests p"
            + " ON p.id = i.pull_request_id";

    Page<IssueComment> issueComments(PullRequest pull, PageRequest page) {
        return slice(query(ISSUE_SELECT + " WHERE i.pull_request_id = ? ORDER BY i.id", PostgresReviews::issueComment,
                pull.id()), page);
    }

    Optional<IssueComment> issueComment(long repositoryId, long id) {
        return query(ISSUE_SELECT + " WHERE p.repository_id = ? AND i.id = ?", PostgresReviews::issueComment,
                repositoryId, id).stream().findFirst();
    }

    IssueComment editIssueComment(long repositoryId, IssueComment comment, String body) {
        requireBody(body);
        execute("UPDATE review.issue_comments SET body = ?, updated_at = now() WHERE id = ?", body, comment.id());
        return issueComment(repositoryId, comment.id()).orElseThrow();
    }

    void deleteIssueComment(IssueComment comment) {
        execute("DELETE FROM review.reactions WHERE subject_type = 'issue_comment' AND subject_id = ?", comment.id());
        execute("DELETE FROM review.issue_comments WHERE id = ?", comment.id());
    }

    // ---- reactions

    static String content(String content) {
        if (content == null || !CONTENTS.contains(content)) {
            throw new ApiException(422, "Validation Failed", List.of(new ApiError.FieldError("Reaction", "content",
                    "invalid", "content must be one of " + String.join(", ", CONTENTS))));
        }
        return content;
    }

    /** Adds a reaction; answers it and whether it is new (an existing one is answered as it is). */
    Map.Entry<Reaction, Boolean> react(String type, long subjectId, long userId, String content) {
        content(content);
        List<Reaction> added = query("INSERT INTO review.reactions (subject_type, subject_id, user_id, content)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id, subject_type, subject_id, user_id,"
                + " content, created_at", PostgresReviews::reaction, type, subjectId, userId, content);
        if (!added.isEmpty()) {
            return Map.entry(added.get(0), true);
        }
        return Map.entry(query("SELECT id, subject_type, subject_id, user_id, content, created_at FROM review.reactions"
                + " WHERE subject_type = ? AND subject_id = ? AND user_id = ? AND content = ?",
                PostgresReviews::reaction, type, subjectId, userId, content).get(0), false);
    }

    Page<Reaction> reactions(String type, long subjectId, String content, PageRequest page) {
        if (content != null && !content.isEmpty()) {
            content(content);
            return slice(query("SELECT id, subject_type, subject_id, user_id, content, created_at FROM review.reactions"
                    + " WHERE subject_type = ? AND subject_id = ? AND content = ? ORDER BY id",
                    PostgresReviews::reaction, type, subjectId, content), page);
        }
        return slice(query("SELECT id, subject_type, subject_id, user_id, content, created_at FROM review.reactions"
                + " WHERE subject_type = ? AND subject_id = ? ORDER BY id", PostgresReviews::reaction, type, subjectId),
                page);
    }

    /** Deletes one's own reaction {@code id} of a subject; 404 when there is none, 403 for someone else's. */
    void unreact(String type, long subjectId, long id, long userId) {
        Reaction reaction = query("SELECT id, subject_type, subject_id, user_id, content, created_at FROM"
                + " review.reactions WHERE subject_type = ? AND subject_id = ? AND id = ?", PostgresReviews::reaction,
                type, subjectId, id).stream().findFirst().orElseThrow(ApiException::notFound);
        if (reaction.userId() != userId) {
            throw new ApiException(403, "Forbidden: only who reacted may delete a reaction");
        }
        execute("DELETE FROM review.reactions WHERE id = ?", id);
    }

    /** Reaction counts by content of each subject. */
    Map<Long, Map<String, Integer>> reactionCounts(String type, Set<Long> subjectIds) {
        Map<Long, Map<String, Integer>> counts = new HashMap<>();
        if (subjectIds.isEmpty()) {
            return counts;
        }
        query("SELECT subject_id, content, count(*) FROM review.reactions WHERE subject_type = ?"
                + " AND subject_id = ANY (?) GROUP BY subject_id, content", rs -> {
                    counts.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getString(2), rs.getInt(3));
                    return null;
                }, type, subjectIds.toArray(Long[]::new));
        return counts;
    }

    // ---- counts for the pull request JSON

    /** Conversation and review comments (that anyone may see) of a pull request. */
    int[] commentCounts(long pullRequestId) {
        return query("SELECT (SELECT count(*) FROM review.issue_comments WHERE pull_request_id = ?),"
                + " (SELECT count(*) FROM review.review_comments c JOIN review.reviews r ON r.id = c.review_id"
                + " WHERE c.pull_request_id = ? AND r.state <> 'PENDING')",
                rs -> new int[] {rs.getInt(1), rs.getInt(2)}, pullRequestId, pullRequestId).get(0);
    }

    // ---- placing comments on the diff

    /** Where a new comment sits: validated against the head's diff. */
    record Placed(String path, String side, String startSide, Integer line, Integer startLine, int originalLine,
            Integer originalStartLine, Integer position, int originalPosition, String commitId,
            String originalCommitId, String diffHunk, String body) {
    }

    /** The diff of each file a pull request changes, at its head. */
    record Diffs(String head, Map<String, ReviewDiff> files) {
    }

    private Diffs diffs(PullRequest pull) {
        List<ChangedFile> files = PullRequestGit.files(directories.gitDirectory(pull.repositoryId()),
                directories.gitDirectory(pull.headRepositoryId()), pull.baseSha(), pull.headSha());
        Map<String, ReviewDiff> diffs = new LinkedHashMap<>();
        for (ChangedFile file : files) {
            diffs.put(file.filename(), ReviewDiff.of(file.patch()));
        }
        return new Diffs(pull.headSha(), diffs);
    }

    private Placed place(Diffs diffs, NewComment input) {
        if (input.path() == null || input.path().isEmpty()) {
            throw invalid("path", "missing_field", "path is required");
        }
        requireBody(input.body());
        if (input.line() == null) {
            throw invalid("line", "missing_field", "line is required");
        }
        String side = input.side() == null ? "RIGHT" : input.side();
        if (!side.equals("LEFT") && !side.equals("RIGHT")) {
            throw invalid("side", "invalid", "side must be LEFT or RIGHT");
        }
        ReviewDiff diff = diffs.files().get(input.path());
        if (diff == null) {
            throw invalid("path", "invalid", "Path could not be resolved: " + input.path()
                    + " is not a file changed by the pull request");
        }
        ReviewDiff.Anchor anchor = diff.anchor(side, input.line()).orElseThrow(() -> invalid("line", "invalid",
                "Pull request review thread line must be part of the diff: line " + input.line() + " ("
                        + side + ") of " + input.path() + " is not"));
        String startSide = null;
        if (input.startLine() != null) {
            startSide = input.startSide() == null ? side : input.startSide();
            if (!startSide.equals("LEFT") && !startSide.equals("RIGHT")) {
                throw invalid("start_side", "invalid", "start_side must be LEFT or RIGHT");
            }
            if (startSide.equals(side) && input.startLine() >= input.line()) {
                throw invalid("start_line", "invalid", "start_line must precede line");
            }
            if (!diff.shows(startSide, input.startLine())) {
                throw invalid("start_line", "invalid", "Pull request review thread start line must be part of the"
                        + " diff: line " + input.startLine() + " (" + startSide + ") of " + input.path() + " is not");
            }
        } else if (input.startSide() != null) {
            throw invalid("start_side", "invalid", "start_side needs start_line");
        }
        String head = diffs.head();
        return new Placed(input.path(), side, startSide, input.line(), input.startLine(), input.line(),
                input.startLine(), anchor.position(), anchor.position(), head, head, anchor.diffHunk(), input.body());
    }

    private static void checkCommit(PullRequest pull, String commitId) {
        if (commitId != null && !commitId.isEmpty() && !commitId.equals(pull.headSha())) {
            throw invalid("commit_id", "invalid", "commit_id must be the head of the pull request ("
                    + pull.headSha() + ")");
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

    // ---- rows

    private static Optional<Review> pendingOf(Connection c, long pullRequestId, long userId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + REVIEW_COLUMNS + " FROM review.reviews r"
                + " JOIN review.pull_requests p ON p.id = r.pull_request_id WHERE r.pull_request_id = ?"
                + " AND r.user_id = ? AND r.state = 'PENDING'")) {
            s.setLong(1, pullRequestId);
            s.setLong(2, userId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(review(rs)) : Optional.empty();
            }
        }
    }

    private static Review insertReview(Connection c, PullRequest pull, long userId, String state, String body)
            throws SQLException {
        long id;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO review.reviews (pull_request_id, user_id, state,"
                + " commit_id, body, submitted_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
            s.setLong(1, pull.id());
            s.setLong(2, userId);
            s.setString(3, state);
            s.setString(4, pull.headSha());
            s.setString(5, body == null || body.isEmpty() ? null : body);
            s.setTimestamp(6, PENDING.equals(state) ? null : Timestamp.from(Instant.now()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        if (!PENDING.equals(state)) {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE review.pull_requests SET updated_at = now() WHERE id = ?")) {
                s.setLong(1, pull.id());
                s.executeUpdate();
            }
        }
        return reviewById(c, id);
    }

    private static Review reviewById(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + REVIEW_COLUMNS + " FROM review.reviews r"
                + " JOIN review.pull_requests p ON p.id = r.pull_request_id WHERE r.id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return review(rs);
            }
        }
    }

    private static Comment insertComment(Connection c, PullRequest pull, long reviewId, long userId, Long inReplyTo,
            Placed p) throws SQLException {
        long id;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO review.review_comments (pull_request_id, review_id,"
                + " user_id, in_reply_to_id, path, side, start_side, line, start_line, original_line,"
                + " original_start_line, position, original_position, commit_id, original_commit_id, diff_hunk, body)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            bind(s, pull.id(), reviewId, userId, inReplyTo, p.path(), p.side(), p.startSide(), p.line(), p.startLine(),
                    p.originalLine(), p.originalStartLine(), p.position(), p.originalPosition(), p.commitId(),
                    p.originalCommitId(), p.diffHunk(), p.body());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        return commentById(c, id);
    }

    private static Comment commentById(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COMMENT_COLUMNS + COMMENT_FROM + " WHERE c.id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return comment(rs);
            }
        }
    }

    private static Review review(ResultSet rs) throws SQLException {
        return new Review(rs.getLong("id"), rs.getLong("pull_request_id"), rs.getLong("user_id"),
                rs.getString("state"), rs.getString("commit_id"), rs.getString("body"), instant(rs, "submitted_at"),
                rs.getInt("number"));
    }

    private static Comment comment(ResultSet rs) throws SQLException {
        return new Comment(rs.getLong("id"), rs.getLong("pull_request_id"), rs.getLong("review_id"),
                rs.getLong("user_id"), (Long) rs.getObject("in_reply_to_id"), rs.getString("path"),
                rs.getString("side"), rs.getString("start_side"), (Integer) rs.getObject("line"),
                (Integer) rs.getObject("start_line"), rs.getInt("original_line"),
                (Integer) rs.getObject("original_start_line"), (Integer) rs.getObject("position"),
                rs.getInt("original_position"), rs.getString("commit_id"), rs.getString("original_commit_id"),
                rs.getString("diff_hunk"), rs.getString("body"), (Long) rs.getObject("resolved_by"),
                instant(rs, "resolved_at"), instant(rs, "created_at"), instant(rs, "updated_at"),
                rs.getInt("number"), rs.getString("review_state"));
    }

    private static IssueComment issueComment(ResultSet rs) throws SQLException {
        return new IssueComment(rs.getLong("id"), rs.getLong("pull_request_id"), rs.getLong("user_id"),
                rs.getString("body"), instant(rs, "created_at"), instant(rs, "updated_at"), rs.getInt("number"));
    }

    private static Reaction reaction(ResultSet rs) throws SQLException {
        return new Reaction(rs.getLong("id"), rs.getString("subject_type"), rs.getLong("subject_id"),
                rs.getLong("user_id"), rs.getString("content"), instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    // ---- events

    private void publishReview(Connection c, String topic, Repository base, PullRequest pull, Review review,
            String actor, Map<String, Object> extra) throws SQLException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", review.id());
        json.put("user_id", review.userId());
        json.put("body", review.body());
        json.put("commit_id", review.commitId());
        json.put("state", review.state().toLowerCase(java.util.Locale.ROOT));
        json.put("submitted_at", ReviewJson.time(review.submittedAt()));
        Map<String, Object> event = event(base, pull, actor);
        event.put("action", topic.substring(topic.lastIndexOf('/') + 1));
        event.put("review_id", review.id());
        event.put("state", review.state());
        event.put("review", json);
        event.putAll(extra);
        outbox.publish(c, topic, event);
    }

    private void publishComment(Connection c, String topic, Repository base, PullRequest pull, Comment comment,
            String actor, Map<String, Object> extra) throws SQLException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", comment.id());
        json.put("pull_request_review_id", comment.reviewId());
        json.put("user_id", comment.userId());
        json.put("path", comment.path());
        json.put("line", comment.line());
        json.put("side", comment.side());
        json.put("start_line", comment.startLine());
        json.put("original_line", comment.originalLine());
        json.put("commit_id", comment.commitId());
        json.put("in_reply_to_id", comment.inReplyToId());
        json.put("body", comment.body());
        Map<String, Object> event = event(base, pull, actor);
        event.put("action", topic.substring(topic.lastIndexOf('/') + 1));
        event.put("comment_id", comment.id());
        event.put("comment", json);
        event.putAll(extra);
        outbox.publish(c, topic, event);
    }

    private static Map<String, Object> event(Repository base, PullRequest pull, String actor) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("repository_id", base.id());
        event.put("repository", base.fullName());
        event.put("number", pull.number());
        event.put("pull_request_id", pull.id());
        event.put("actor", actor);
        event.put("head_sha", pull.headSha());
        event.put("base_ref", pull.baseRef());
        return event;
    }

    // ---- JDBC

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Row<T> row, Object... parameters) {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, parameters);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read reviews: " + e.getMessage(), e);
        }
    }

    private int execute(String sql, Object... parameters) {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, parameters);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not change reviews: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement s, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object p = parameters[i];
            if (p instanceof Long[] array) {
                s.setArray(i + 1, s.getConnection().createArrayOf("bigint", array));
            } else if (p == null) {
                s.setObject(i + 1, null);
            } else {
                s.setObject(i + 1, p);
            }
        }
    }

    private static <T> Page<T> slice(List<T> all, PageRequest page) {
        int from = (int) Math.min(all.size(), page.offset());
        int to = Math.min(all.size(), from + page.perPage());
        return new Page<>(all.subList(from, to), page, all.size());
    }

    static ApiException invalid(String field, String code, String message) {
        return new ApiException(422, "Validation Failed",
                List.of(new ApiError.FieldError("PullRequestReviewComment", field, code, message)));
    }

    /** For the resources: the repository of a pull request. */
    Optional<Repository> repository(long id) {
        return repositories.find(id);
    }
}
