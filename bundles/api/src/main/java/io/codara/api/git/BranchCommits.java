package io.codara.api.git;

import java.util.Map;

import io.codara.api.security.Principal;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Commits made on the server onto a branch of a hosted repository (applying a suggested change, say), as if
 * {@code author} had pushed them: the branch protection rules apply to the ref update, and the push is published as
 * {@link io.codara.api.event.Topics#GIT_PUSH} like any other. Callers authorise write access first.
 */
@ProviderType
public interface BranchCommits {

    /**
     * Commits {@code files} (path to new UTF-8 text; the other files stay as they are) on top of
     * {@code expectedHead}, and moves {@code branch} there. Fails with an {@link io.codara.api.rest.ApiException}: 409
     * when the branch no longer points at {@code expectedHead}, 403 when a protection rule refuses the update, 404
     * when the repository or branch does not exist, 422 when a path is not a file of the commit.
     *
     * @return the new commit's id
     */
    String commitFiles(long repositoryId, String branch, String expectedHead, Map<String, String> files,
            String message, Principal author);
}
