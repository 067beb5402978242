package io.codara.api.search;

import java.util.List;

/**
 * One page of the repositories that depend on a package.
 *
 * @param totalCount how many repositories match in all pages (only repositories the asker may read are counted)
 * @param incompleteResults whether more declarations matched the name than one search reads, so that some
 *        repositories may be missing
 * @param items the repositories of this page, by full name, each with its matching declarations
 */
public record DependentsResult(long totalCount, boolean incompleteResults, List<RepositoryDependencies> items) {

    public DependentsResult {
        items = List.copyOf(items);
    }
}
