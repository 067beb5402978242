package io.codara.api.search.spi;

import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The files one natural-language search may look at (already narrowed to what the asker may read), as Codara's index
 * finds them for a {@link SemanticRanker}.
 */
@ProviderType
public interface SemanticCandidates {

    /**
     * Files that contain a word of at least one group as an identifier or a camelCase/snake_case part of one, in a
     * comment or in their path (case-insensitive), those matching more groups first, at most {@code limit}.
     *
     * @param groups each a set of alternative words for one idea of the question (e.g. {@code date, dates, time})
     */
    List<CandidateFile> matching(List<Set<String>> groups, int limit);
}
