package io.codara.review.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.codara.api.git.Repository;
import io.codara.api.identity.Account;
import io.codara.api.review.AutoMerge;
import io.codara.api.review.AutoRebase;
import io.codara.api.review.AutoRebases;
import io.codara.api.review.MergeStatus;
import io.codara.api.review.PullRequest;
import io.codara.api.review.PullRequestMerges;
import io.codara.api.review.PullRequestStats;
import io.codara.api.review.PullRequests;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** What the pull request resources share: a pull request as GitHub shows it alone and in lists. */
@Component(service = PullRequestViews.class)
public final class PullRequestViews {

    private final ReviewAccess access;
    private final PullRequests pulls;
    private final PostgresReviews reviews;
    private final PullRequestMerges merges;
    private final io.codara.api.review.Labels labels;

    /** Auto-rebase, shown as {@code auto_rebase} while it is there. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile AutoRebases rebases;

    @Activate
    public PullRequestViews(@Reference ReviewAccess access, @Reference PullRequests pulls,
            @Reference PostgresReviews reviews, @Reference PullRequestMerges merges,
            @Reference io.codara.api.review.Labels labels) {
        this.access = access;
        this.pulls = pulls;
        this.reviews = reviews;
        this.merges = merges;
        this.labels = labels;
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
        Map<String, Object> single = json.pullRequest(pull, base, access.account(base.owner()), head,
                head == null ? null : access.account(head.owner()), access.account(pull.authorId()),
                reviewers(base, pull), counts);
        merging(json, base, pull, single);
        if (pull.open()) {
            // GitHub's state from conflicts, protection and statuses; Codara adds what is missing, in words.
            MergeStatus status = merges.status(base.id(), pull.number());
            single.put("mergeable_state", status.mergeableState());
            single.put("merge_requirements", status.requirements());
        } else {
            single.put("merge_requirements", List.of());
        }
        Account mergedBy = pull.mergedById() == null ? null : access.account(pull.mergedById());
        single.put("merged_by", mergedBy == null ? null : json.user(mergedBy));
        return single;
    }

    /** The fields of merging that lists show too: the merge commit and auto-merge. */
    private void merging(ReviewJson json, Repository base, PullRequest pull, Map<String, Object> view) {
        view.put("labels", labels.ofIssue(base.id(), pull.number()).stream().map(l -> json.label(base, l)).toList());
        List<Map<String, Object>> assignees = labels.assignees(base.id(), pull.number()).stream()
                .map(access::account).filter(Objects::nonNull).map(json::user).toList();
        view.put("assignee", assignees.isEmpty() ? null : assignees.get(0));
        view.put("assignees", assignees);
        view.put("merge_commit_sha", pull.mergeCommitSha());
        view.put("auto_merge", pull.open() ? merges.autoMerge(base.id(), pull.number()).map(a -> autoMerge(json, a))
                .orElse(null) : null);
        AutoRebases source = rebases;
        view.put("auto_rebase", pull.open() && source != null ? source.autoRebase(base.id(), pull.number())
                .map(a -> autoRebase(json, a)).orElse(null) : null);
    }

    /** Codara's {@code auto_rebase} object: who enabled it, when, and the last attempt's outcome. */
    Map<String, Object> autoRebase(ReviewJson json, AutoRebase auto) {
        Map<String, Object> view = new LinkedHashMap<>();
        Account enabler = access.account(auto.enabledById());
        view.put("enabled_by", enabler == null ? null : json.user(enabler));
        view.put("enabled_at", ReviewJson.time(auto.enabledAt()));
        AutoRebase.Result last = auto.lastResult();
        if (last == null) {
            view.put("last_result", null);
        } else {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("state", last.state().jsonName());
            result.put("message", last.message());
            result.put("at", ReviewJson.time(last.at()));
            result.put("base_sha", last.baseSha());
            result.put("head_sha", last.headSha());
            view.put("last_result", result);
        }
        return view;
    }

    /** GitHub's {@code auto_merge} object. */
    Map<String, Object> autoMerge(ReviewJson json, AutoMerge auto) {
        Map<String, Object> view = new LinkedHashMap<>();
        Account enabler = access.account(auto.enabledById());
        view.put("enabled_by", enabler == null ? null : json.user(enabler));
        view.put("merge_method", auto.method().githubName());
        view.put("commit_title", auto.commitTitle());
        view.put("commit_message", auto.commitMessage());
        return view;
    }

    /** Pull requests of a list, without mergeability and size, as GitHub lists them. */
    List<Map<String, Object>> listed(ReviewJson json, Repository base, List<PullRequest> found) {
        Map<Long, Repository> repositories = new HashMap<>();
        Map<String, Account> owners = new HashMap<>();
        Map<Long, Account> authors = new HashMap<>();
        return found.stream().map(p -> {
            Repository headRepo = repositories.computeIfAbsent(p.headRepositoryId(), access::repository);
            Map<String, Object> view = json.pullRequest(p, base, owners.computeIfAbsent(base.owner(),
                    access::account), headRepo,
                    headRepo == null ? null : owners.computeIfAbsent(headRepo.owner(), access::account),
                    authors.computeIfAbsent(p.authorId(), access::account), reviewers(base, p), null);
            merging(json, base, p, view);
            return view;
        }).toList();
    }

    /** The accounts asked to review {@code pull} that still exist. */
    List<Account> reviewers(Repository base, PullRequest pull) {
        return pulls.requestedReviewers(base.id(), pull.number()).stream().map(access::account)
                .filter(Objects::nonNull).toList();
    }
}
