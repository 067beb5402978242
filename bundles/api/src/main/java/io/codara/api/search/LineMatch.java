package io.codara.api.search;

import java.util.List;

/**
 * A line of a file that matches a query.
 *
 * @param line the 1-based line number
 * @param text the line's text, without its line terminator
 * @param highlights the matching ranges within {@code text}, in order, not overlapping
 */
public record LineMatch(int line, String text, List<TextRange> highlights) {

    public LineMatch {
        highlights = List.copyOf(highlights);
    }
}
