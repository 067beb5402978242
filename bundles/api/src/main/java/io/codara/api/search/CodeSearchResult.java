package io.codara.api.search;

import java.util.List;

/**
 * One page of code search results.
 *
 * @param totalCount how many files match in all pages (only files the asker may read are counted)
 * @param incompleteResults whether the search stopped early (time or verification budget) so that some matching
 *        files may be missing
 * @param items the files of this page, best first
 */
public record CodeSearchResult(long totalCount, boolean incompleteResults, List<CodeMatch> items) {

    public CodeSearchResult {
        items = List.copyOf(items);
    }
}
