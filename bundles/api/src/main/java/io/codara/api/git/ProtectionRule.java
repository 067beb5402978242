package io.codara.api.git;

import java.util.List;

/**
 * What a branch protection rule demands, in the terms of GitHub's {@code PUT /repos/{o}/{r}/branches/{b}/protection}.
 * Codara enforces force pushes, deletions, restrictions, linear history and signatures when commits are pushed;
 * required reviews and status checks are stored here for pull requests and CI to enforce.
 *
 * @param requiredStatusChecks status checks that must pass before merging, or {@code null} for none
 * @param enforceAdmins whether the rule binds repository administrators too (otherwise they bypass it)
 * @param requiredPullRequestReviews reviews a pull request needs before merging, or {@code null} for none
 * @param restrictions who may push to matching branches, or {@code null} for everyone with write access
 * @param requiredLinearHistory whether merge commits are refused
 * @param allowForcePushes whether non-fast-forward updates are accepted
 * @param allowDeletions whether matching branches may be deleted
 * @param requiredSignatures whether every pushed commit must carry a signature Codara verifies
 */
public record ProtectionRule(StatusChecks requiredStatusChecks, boolean enforceAdmins,
        PullRequestReviews requiredPullRequestReviews, Restrictions restrictions, boolean requiredLinearHistory,
        boolean allowForcePushes, boolean allowDeletions, boolean requiredSignatures) {

    /** A rule that only forbids force pushes and deletions, GitHub's defaults. */
    public static final ProtectionRule DEFAULT = new ProtectionRule(null, false, null, null, false, false, false, false);

    /** The same rule with {@code requiredSignatures} set. */
    public ProtectionRule withRequiredSignatures(boolean required) {
        return new ProtectionRule(requiredStatusChecks, enforceAdmins, requiredPullRequestReviews, restrictions,
                requiredLinearHistory, allowForcePushes, allowDeletions, required);
    }

    /**
     * Required status checks.
     *
     * @param strict whether a branch must be up to date with its base before merging
     * @param contexts the names of the checks that must pass
     */
    public record StatusChecks(boolean strict, List<String> contexts) {

        public StatusChecks {
            contexts = contexts == null ? List.of() : List.copyOf(contexts);
        }
    }

    /**
     * Required pull request reviews.
     *
     * @param requiredApprovingReviewCount approvals needed, 0 to 6
     * @param dismissStaleReviews whether new commits dismiss earlier approvals
     * @param requireCodeOwnerReviews whether a code owner must approve
     */
    public record PullRequestReviews(int requiredApprovingReviewCount, boolean dismissStaleReviews,
            boolean requireCodeOwnerReviews) {
    }

    /**
     * Who may push to matching branches (besides administrators, unless {@code enforceAdmins}).
     *
     * @param users user logins
     * @param teams team slugs of the owning organisation
     */
    public record Restrictions(List<String> users, List<String> teams) {

        public Restrictions {
            users = users == null ? List.of() : List.copyOf(users);
            teams = teams == null ? List.of() : List.copyOf(teams);
        }
    }
}
