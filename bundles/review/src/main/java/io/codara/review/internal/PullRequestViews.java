package io.codara.review.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.codara.api.git.Repository;
import io.codara.api.identity.Account;
import io.codara.api.review.PullRequest;
import io.codara.api.review.PullRequestStats;
import io.codara.api.review.PullRequests;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** What the pull request resources share: a pull request as GitHub shows it alone and in lists. */
@Component(service = PullRequestViews.class)
public final class PullRequestViews {

    private final ReviewAccess access;
    private final PullRequests pulls;
    private final PostgresReviews reviews;

    @Activate
    public PullRequestViews(@Reference ReviewAccess access, @Reference PullRequests pulls,
            @Reference PostgresReviews reviews) {
        this.access = access;
        this.pulls = pulls;
        this.reviews = reviews;
    }

    /** One pull request with its mergeability and size. */
    Map<String, Object> single(ReviewJson json, Repository base, PullRequest pull) {
        Repository head = access.repository(pull.headRepositoryId());
        PullRequestStats stats = pulls.stats(base.id(), pull.number());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("commits", stats.commits());
        counts.put("additions", stats.additions());
        counts.put("deletions", stats.deletions());
        counts.put("changed_files", stats.changedFiles());
        int[] comments = reviews.commentCounts(pull.id());
        counts.put("comments", comments[0]);
        counts.put("review_comments", comments[1]);
        counts.put("reactions", ReviewJson.reactions(json.issueUrl(base, pull.number()) + "/reactions",
                reviews.reactionCounts("issue", java.util.Set.of(pull.id())).getOrDefault(pull.id(), Map.of())));
        return json.pullRequest(pull, base, access.account(base.owner()), head,
                head == null ? null : access.account(head.owner()), access.account(pull.authorId()),
                reviewers(base, pull), counts);
    }

    /** Pull requests of a list, without mergeability and size, as GitHub lists them. */
    List<Map<String, Object>> listed(ReviewJson json, Repository base, List<PullRequest> found) {
        Map<Long, Repository> repositories = new HashMap<>();
        Map<String, Account> owners = new HashMap<>();
        Map<Long, Account> authors = new HashMap<>();
        return found.stream().map(p -> {
            Repository headRepo = repositories.computeIfAbsent(p.headRepositoryId(), access::repository);
            return json.pullRequest(p, base, owners.computeIfAbsent(base.owner(), access::account), headRepo,
                    headRepo == null ? null : owners.computeIfAbsent(headRepo.owner(), access::account),
                    authors.computeIfAbsent(p.authorId(), access::account), reviewers(base, p), null);
        }).toList();
    }

    /** The accounts asked to review {@code pull} that still exist. */
    List<Account> reviewers(Repository base, PullRequest pull) {
        return pulls.requestedReviewers(base.id(), pull.number()).stream().map(access::account)
                .filter(Objects::nonNull).toList();
    }
}
