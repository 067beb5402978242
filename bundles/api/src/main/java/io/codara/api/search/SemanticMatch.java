package io.codara.api.search;

import java.util.List;

/**
 * A file that answers a natural-language question about the code.
 *
 * @param repositoryId the repository's id
 * @param repository the repository's current {@code owner/name}
 * @param branch the branch
 * @param commit the commit of that branch the index holds
 * @param path the file's path
 * @param language the file's language, or {@code null}
 * @param score the ranker's relevance, higher is better (comparable within one answer only)
 * @param lines the lines that match best, in line order
 * @param matchedTerms why it matched: the words (query words or related ones) found in the file
 */
public record SemanticMatch(long repositoryId, String repository, String branch, String commit, String path,
        String language, double score, List<LineMatch> lines, List<String> matchedTerms) {

    public SemanticMatch {
        lines = List.copyOf(lines);
        matchedTerms = List.copyOf(matchedTerms);
    }
}
