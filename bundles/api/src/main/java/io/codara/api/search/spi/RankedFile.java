package io.codara.api.search.spi;

import java.util.List;

import io.codara.api.search.LineMatch;

/**
 * A {@link SemanticRanker}'s verdict on one file.
 *
 * @param file the file
 * @param score relevance, higher is better
 * @param lines the lines that match best, in line order
 * @param matchedTerms the words that made it match
 */
public record RankedFile(CandidateFile file, double score, List<LineMatch> lines, List<String> matchedTerms) {

    public RankedFile {
        lines = List.copyOf(lines);
        matchedTerms = List.copyOf(matchedTerms);
    }
}
