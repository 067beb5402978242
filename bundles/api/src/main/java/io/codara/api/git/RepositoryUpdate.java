package io.codara.api.git;

import java.util.List;

/**
 * A partial update of a repository's settings: {@code null} leaves a field as it is.
 *
 * @param name a new name (the old one keeps redirecting)
 * @param description description ({@code ""} clears it)
 * @param homepage homepage ({@code ""} clears it)
 * @param topics the whole list of topics
 * @param visibility who may see it
 * @param defaultBranch an existing branch to make the default
 * @param archived archive or unarchive
 * @param template mark or unmark as a template
 * @param deleteBranchOnMerge delete head branches once their pull request is merged
 * @param allowMergeCommit allow merge commits
 * @param allowSquashMerge allow squash merges
 * @param allowRebaseMerge allow rebase merges
 */
public record RepositoryUpdate(String name, String description, String homepage, List<String> topics,
        Visibility visibility, String defaultBranch, Boolean archived, Boolean template, Boolean deleteBranchOnMerge,
        Boolean allowMergeCommit, Boolean allowSquashMerge, Boolean allowRebaseMerge) {

    /** An update that leaves the merge settings as they are. */
    public RepositoryUpdate(String name, String description, String homepage, List<String> topics,
            Visibility visibility, String defaultBranch, Boolean archived, Boolean template) {
        this(name, description, homepage, topics, visibility, defaultBranch, archived, template, null, null, null,
                null);
    }
}
