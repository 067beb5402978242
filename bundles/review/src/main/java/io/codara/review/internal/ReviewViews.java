package io.codara.review.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import io.codara.api.auth.Scopes;
import io.codara.api.git.Repository;
import io.codara.api.identity.Account;
import io.codara.api.rest.ApiException;
import io.codara.api.review.PullRequest;
import io.codara.api.review.PullRequests;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What the review resources share: the pull request of a request, who is asking, and reviews, comments and
 * reactions in GitHub's shapes (users, author association and reaction rollups looked up once per answer).
 */
@Component(service = ReviewViews.class)
public final class ReviewViews {

    private final ReviewAccess access;
    private final PullRequests pulls;
    private final PostgresReviews reviews;

    @Activate
    public ReviewViews(@Reference ReviewAccess access, @Reference PullRequests pulls,
            @Reference PostgresReviews reviews) {
        this.access = access;
        this.pulls = pulls;
        this.reviews = reviews;
    }

    /** Pull request {@code number} of {@code base}; 404 when there is none. */
    PullRequest pull(Repository base, int number) {
        return pulls.find(base.id(), number).orElseThrow(ApiException::notFound);
    }

    /** The caller's account id, or 0 for anonymous callers (who see no pending reviews). */
    long viewer(HttpServletRequest request) {
        var principal = ReviewAccess.principal(request);
        if (principal.anonymous()) {
            return 0;
        }
        Account account = access.account(principal.login());
        return account == null ? 0 : account.id();
    }

    /**
     * The caller's account id, for what writes reviews, comments and reactions; 401 for anonymous callers, 403 for a
     * token without {@code repo:write} (as GitHub asks a token for pull request write access to comment).
     */
    long caller(HttpServletRequest request) {
        String login = ReviewAccess.actor(request).login();
        ReviewAccess.requireWriteScope(request);
        Account account = access.account(login);
        if (account == null) {
            throw new ApiException(401, "Requires authentication");
        }
        return account.id();
    }

    /** One answer's lookups. */
    final class Renderer {
        private final ReviewJson json;
        private final Repository base;
        private final Map<Long, Account> accounts = new HashMap<>();
        private final Map<Long, String> associations = new HashMap<>();

        Renderer(ReviewJson json, Repository base) {
            this.json = json;
            this.base = base;
        }

        private Account account(Long id) {
            return id == null ? null : accounts.computeIfAbsent(id, access::account);
        }

        private String association(long userId) {
            return associations.computeIfAbsent(userId, id -> {
                Account account = account(id);
                if (account == null) {
                    return "NONE";
                }
                if (account.login().equalsIgnoreCase(base.owner())) {
                    return "OWNER";
                }
                return access.collaborator(base, account) ? "COLLABORATOR" : "CONTRIBUTOR";
            });
        }

        Map<String, Object> review(PostgresReviews.Review review) {
            return json.review(base, review, account(review.userId()), association(review.userId()));
        }

        List<Map<String, Object>> reviews(List<PostgresReviews.Review> found) {
            return found.stream().map(this::review).toList();
        }

        List<Map<String, Object>> comments(List<PostgresReviews.Comment> found) {
            Set<Long> ids = found.stream().map(PostgresReviews.Comment::id).collect(Collectors.toSet());
            Map<Long, Map<String, Integer>> counts = reviews.reactionCounts("review_comment", ids);
            return found.stream().map(c -> json.reviewComment(base, c, account(c.userId()), association(c.userId()),
                    counts.getOrDefault(c.id(), Map.of()), account(c.resolvedBy()))).toList();
        }

        Map<String, Object> comment(PostgresReviews.Comment comment) {
            return comments(List.of(comment)).get(0);
        }

        List<Map<String, Object>> issueComments(List<PostgresReviews.IssueComment> found) {
            Set<Long> ids = found.stream().map(PostgresReviews.IssueComment::id).collect(Collectors.toSet());
            Map<Long, Map<String, Integer>> counts = reviews.reactionCounts("issue_comment", ids);
            return found.stream().map(c -> json.issueComment(base, c, account(c.userId()), association(c.userId()),
                    counts.getOrDefault(c.id(), Map.of()))).toList();
        }

        Map<String, Object> issueComment(PostgresReviews.IssueComment comment) {
            return issueComments(List.of(comment)).get(0);
        }

        List<Map<String, Object>> commitComments(List<PostgresCommitComments.CommitComment> found) {
            Set<Long> ids = found.stream().map(PostgresCommitComments.CommitComment::id).collect(Collectors.toSet());
            Map<Long, Map<String, Integer>> counts = reviews.reactionCounts(PostgresCommitComments.REACTIONS, ids);
            return found.stream().map(c -> json.commitComment(base, c, account(c.userId()), association(c.userId()),
                    counts.getOrDefault(c.id(), Map.of()))).toList();
        }

        Map<String, Object> commitComment(PostgresCommitComments.CommitComment comment) {
            return commitComments(List.of(comment)).get(0);
        }

        /**
         * GitHub's {@code commit_comment} webhook payload of {@code comment}, done by {@code sender}: {@code action},
         * {@code comment}, {@code repository} and {@code sender} (and the actor's login for Codara's consumers).
         */
        Map<String, Object> commitCommentEvent(String action, PostgresCommitComments.CommitComment comment,
                long sender) {
            Map<String, Object> event = new java.util.LinkedHashMap<>();
            event.put("action", action);
            event.put("comment", commitComment(comment));
            event.put("repository", json.repository(base, access.account(base.owner())));
            event.put("repository_full_name", base.fullName());
            Account who = account(sender);
            event.put("sender", who == null ? null : json.user(who));
            event.put("actor", who == null ? null : who.login());
            return event;
        }

        List<Map<String, Object>> reactions(List<PostgresReviews.Reaction> found) {
            return found.stream().map(r -> json.reaction(r, account(r.userId()))).toList();
        }
    }

    Renderer renderer(ReviewJson json, Repository base) {
        return new Renderer(json, base);
    }
}
