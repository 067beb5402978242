package io.codara.api.search;

import java.util.List;

/**
 * A file that matches a code search.
 *
 * @param repositoryId the repository's id
 * @param repository the repository's current {@code owner/name}
 * @param branch the branch the file was found on
 * @param commit the commit of that branch the index holds
 * @param path the file's path in the repository
 * @param sha the file's blob id
 * @param language the file's language, or {@code null} when unknown
 * @param score relevance: higher is better; definitions and ordinary (not test, vendored or generated) files score
 *        above the others
 * @param lines matching lines, in line order (at most a few per file)
 * @param definitions the symbols this file defines whose names the query asks for
 */
public record CodeMatch(long repositoryId, String repository, String branch, String commit, String path, String sha,
        String language, double score, List<LineMatch> lines, List<Definition> definitions) {

    public CodeMatch {
        lines = List.copyOf(lines);
        definitions = List.copyOf(definitions);
    }

    /** The file's name (the path's last segment). */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
