package io.codara.search.internal;

import org.apache.lucene.analysis.Analyzer;

/** The analyzer of code and paths: {@link IdentifierTokenizer}'s tokens, nothing else. */
final class CodeAnalyzer extends Analyzer {

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        return new TokenStreamComponents(new IdentifierTokenizer());
    }

    @Override
    public int getPositionIncrementGap(String fieldName) {
        return 2;
    }
}
