package io.codara.api.search;

/**
 * A line of a code excerpt.
 *
 * @param line the 1-based line number
 * @param text the line's text, without its line break
 * @param marked whether it is the line the excerpt is about (a stack frame's line)
 */
public record ExcerptLine(int line, String text, boolean marked) {
}
