package io.codara.search.internal;

import io.codara.api.git.Repository;

/**
 * An indexed branch of a repository that a search may read.
 *
 * @param repository the repository
 * @param branch the branch
 * @param commit the commit the index holds for it
 */
record SearchTarget(Repository repository, String branch, String commit) {
}
