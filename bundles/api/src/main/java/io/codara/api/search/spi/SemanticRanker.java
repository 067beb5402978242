package io.codara.api.search.spi;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Ranks files for a natural-language question about code. Codara uses the registered ranker of highest
 * {@code service.ranking}; its built-in one expands the question's words (stems, programming synonyms, identifier
 * parts) and weighs identifiers, comments and paths. A ranker on learnt embeddings replaces it by registering with a
 * higher ranking; callers do not change.
 */
@ConsumerType
public interface SemanticRanker {

    /**
     * The files that best answer {@code question}, best first, at most {@code limit}, chosen from
     * {@code candidates} (never from elsewhere: they are what the asker may read).
     */
    List<RankedFile> rank(String question, SemanticCandidates candidates, int limit);
}
