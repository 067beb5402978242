package io.codara.api.search;

import java.util.List;

/**
 * One page of symbol definitions.
 *
 * @param totalCount how many definitions match in all pages (of repositories the asker may read)
 * @param incompleteResults whether the search stopped early so that some definitions may be missing
 * @param items the definitions of this page, best first
 */
public record SymbolSearchResult(long totalCount, boolean incompleteResults, List<SymbolMatch> items) {

    public SymbolSearchResult {
        items = List.copyOf(items);
    }
}
