package io.codara.api.search;

import java.util.List;

/**
 * The lines of one file where a symbol is used.
 *
 * @param path the file's path
 * @param language the file's language, or {@code null}
 * @param lines the lines, in order, each with the identifier's occurrences highlighted
 */
public record ReferenceFile(String path, String language, List<LineMatch> lines) {

    public ReferenceFile {
        lines = List.copyOf(lines);
    }
}
