package io.codara.api.search;

import java.util.List;

/**
 * The answer to a natural-language question about the code.
 *
 * @param ranker which ranker answered (its class name), so a changed ranking can be told apart
 * @param items the files, best first
 */
public record SemanticSearchResult(String ranker, List<SemanticMatch> items) {

    public SemanticSearchResult {
        items = List.copyOf(items);
    }
}
