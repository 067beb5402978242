package io.codara.api.search;

/**
 * A range of characters (UTF-16 code units) within a line.
 *
 * @param start the first character's offset, from 0
 * @param end the offset just after the last character
 */
public record TextRange(int start, int end) {

    public TextRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("not a range: " + start + ".." + end);
        }
    }
}
