package io.codara.api.search;

import java.util.List;

/**
 * One page of code search results.
 *
 * @param totalCount how many files match in all pages (only files the asker may read are counted); an estimate
 *        when {@code countEstimated}
 * @param incompleteResults whether the search stopped early (time or verification budget) so that some matching
 *        files may be missing
 * @param items the files of this page, best first
 * @param countEstimated whether {@code totalCount} was extrapolated from a sample of the candidate files rather than
 *        counted on every one of them; the items are exact either way
 */
public record CodeSearchResult(long totalCount, boolean incompleteResults, List<CodeMatch> items,
        boolean countEstimated) {

    public CodeSearchResult {
        items = List.copyOf(items);
    }

    /** A result whose count is exact. */
    public CodeSearchResult(long totalCount, boolean incompleteResults, List<CodeMatch> items) {
        this(totalCount, incompleteResults, items, false);
    }
}
