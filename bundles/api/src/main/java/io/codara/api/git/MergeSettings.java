package io.codara.api.git;

/**
 * How pull requests of a repository may be merged, and what happens to their head branch, as GitHub names it. At
 * least one merge method is allowed.
 *
 * @param allowMergeCommit merge commits allowed
 * @param allowSquashMerge squash merges allowed
 * @param allowRebaseMerge rebase merges allowed
 * @param deleteBranchOnMerge head branches are deleted once their pull request is merged
 */
public record MergeSettings(boolean allowMergeCommit, boolean allowSquashMerge, boolean allowRebaseMerge,
        boolean deleteBranchOnMerge) {

    /** GitHub's defaults: every merge method, branches kept. */
    public static final MergeSettings DEFAULT = new MergeSettings(true, true, true, false);
}
