package io.codara.review.internal;

/**
 * THE SEAM BETWEEN MERGING AND REVIEWS. The approvals a pull request has, as branch protection's "required approving
 * reviews" counts them. Merging ({@link PullRequestMerger}) asks this service; the reviews of
 * {@code review.reviews} are meant to answer it (implement it there as a DS component of this bundle, service
 * {@code PullRequestApprovals}). Until an implementation is registered the merger sees no approvals at all, so a
 * branch that requires approving reviews blocks every merge, which is the truth while Codara has no reviews.
 * Tests implement it in-test.
 */
public interface PullRequestApprovals {

    /**
     * The approvals of pull request {@code pullRequestId} (the {@code review.pull_requests} id): only each reviewer's
     * latest decisive review (APPROVED, CHANGES_REQUESTED or DISMISSED; comments do not count) is considered, and
     * the pull request's author never counts.
     */
    ApprovalState approvals(long pullRequestId);

    /**
     * What the latest decisive reviews say.
     *
     * @param approvals distinct users whose latest decisive review is APPROVED
     * @param approvalsOfHead those of them whose approving review was of {@code headSha} (the pull request's current
     *        head commit), which is what counts when the rule dismisses stale reviews
     * @param changesRequested whether any user's latest decisive review is CHANGES_REQUESTED
     */
    record ApprovalState(int approvals, int approvalsOfHead, boolean changesRequested) {

        /** No reviews at all. */
        public static final ApprovalState NONE = new ApprovalState(0, 0, false);
    }
}
