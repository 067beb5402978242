package io.codara.api.search;

import java.util.List;

/**
 * The dependencies declared on one indexed branch of a repository (all of them, or those matching a search).
 *
 * @param repositoryId the repository's id
 * @param repository the repository's current {@code owner/name}
 * @param branch the branch read
 * @param commit the commit of that branch the index holds
 * @param dependencies the declarations, by manifest path and line
 */
public record RepositoryDependencies(long repositoryId, String repository, String branch, String commit,
        List<DeclaredDependency> dependencies) {

    public RepositoryDependencies {
        dependencies = List.copyOf(dependencies);
    }
}
