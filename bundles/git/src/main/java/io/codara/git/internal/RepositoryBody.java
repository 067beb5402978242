package io.codara.git.internal;

import java.util.List;

import io.codara.api.git.NewRepository;
import io.codara.api.git.RepositoryUpdate;
import io.codara.api.git.Visibility;

/**
 * The JSON body of GitHub's repository create and update calls ({@code POST /user/repos},
 * {@code POST /orgs/{org}/repos}, {@code PATCH /repos/{owner}/{repo}}).
 */
public record RepositoryBody(String name, String description, String homepage, Boolean private_, String visibility,
        Boolean auto_init, String gitignore_template, String license_template, String default_branch,
        Boolean archived, Boolean is_template, List<String> topics, Boolean delete_branch_on_merge,
        Boolean allow_merge_commit, Boolean allow_squash_merge, Boolean allow_rebase_merge) {

    /** Jackson reads {@code private}, a Java keyword, through this. */
    @com.fasterxml.jackson.annotation.JsonCreator
    static RepositoryBody json(@com.fasterxml.jackson.annotation.JsonProperty("name") String name,
            @com.fasterxml.jackson.annotation.JsonProperty("description") String description,
            @com.fasterxml.jackson.annotation.JsonProperty("homepage") String homepage,
            @com.fasterxml.jackson.annotation.JsonProperty("private") Boolean isPrivate,
            @com.fasterxml.jackson.annotation.JsonProperty("visibility") String visibility,
            @com.fasterxml.jackson.annotation.JsonProperty("auto_init") Boolean autoInit,
            @com.fasterxml.jackson.annotation.JsonProperty("gitignore_template") String gitignore,
            @com.fasterxml.jackson.annotation.JsonProperty("license_template") String license,
            @com.fasterxml.jackson.annotation.JsonProperty("default_branch") String defaultBranch,
            @com.fasterxml.jackson.annotation.JsonProperty("archived") Boolean archived,
            @com.fasterxml.jackson.annotation.JsonProperty("is_template") Boolean template,
            @com.fasterxml.jackson.annotation.JsonProperty("topics") List<String> topics,
            @com.fasterxml.jackson.annotation.JsonProperty("delete_branch_on_merge") Boolean deleteBranchOnMerge,
            @com.fasterxml.jackson.annotation.JsonProperty("allow_merge_commit") Boolean allowMergeCommit,
            @com.fasterxml.jackson.annotation.JsonProperty("allow_squash_merge") Boolean allowSquashMerge,
            @com.fasterxml.jackson.annotation.JsonProperty("allow_rebase_merge") Boolean allowRebaseMerge) {
        return new RepositoryBody(name, description, homepage, isPrivate, visibility, autoInit, gitignore, license,
                defaultBranch, archived, template, topics, deleteBranchOnMerge, allowMergeCommit, allowSquashMerge,
                allowRebaseMerge);
    }

    /** The visibility asked for: {@code visibility} wins over GitHub's older {@code private} flag. */
    Visibility chosenVisibility() {
        if (visibility != null) {
            try {
                return Visibility.parse(visibility);
            } catch (IllegalArgumentException e) {
                throw RepositoryNames.invalid("visibility", "invalid", e.getMessage());
            }
        }
        return private_ == null ? null : private_ ? Visibility.PRIVATE : Visibility.PUBLIC;
    }

    NewRepository toNew() {
        return new NewRepository(name, description, homepage, chosenVisibility(), Boolean.TRUE.equals(auto_init),
                gitignore_template, license_template, default_branch);
    }

    RepositoryUpdate toUpdate() {
        return new RepositoryUpdate(name, description, homepage, topics, chosenVisibility(), default_branch, archived,
                is_template, delete_branch_on_merge, allow_merge_commit, allow_squash_merge, allow_rebase_merge);
    }
}
