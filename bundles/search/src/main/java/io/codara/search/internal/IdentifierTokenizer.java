package io.codara.search.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Tokens for code: every identifier whole and, when it has several (or decorated) parts, each camelCase or
 * snake_case part, all lower-cased. The whole identifier and its first part share a position, the parts follow one
 * another, and one empty position separates identifiers, so a phrase of parts matches inside one identifier only
 * ({@code parse date} finds {@code parseDate} and {@code PARSE_DATE}, not {@code parse(date)}).
 */
final class IdentifierTokenizer extends Tokenizer {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);

    /** Tokens of the current input: text, start, end, position increment. */
    private final List<Object[]> tokens = new ArrayList<>();
    private int next;
    private int length;

    @Override
    public boolean incrementToken() throws IOException {
        if (next == 0 && tokens.isEmpty()) {
            load();
        }
        if (next >= tokens.size()) {
            return false;
        }
        clearAttributes();
        Object[] token = tokens.get(next++);
        term.setEmpty().append((String) token[0]);
        offset.setOffset(correctOffset((Integer) token[1]), correctOffset((Integer) token[2]));
        increment.setPositionIncrement((Integer) token[3]);
        return true;
    }

    private void load() throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n = input.read(buffer); n >= 0; n = input.read(buffer)) {
            text.append(buffer, 0, n);
        }
        length = text.length();
        boolean[] first = {true};
        Identifiers.scan(text, 0, text.length(), (s, start, end, bounds, parts) -> {
            String whole = s.subSequence(start, end).toString().toLowerCase(Locale.ROOT);
            tokens.add(new Object[] {whole, start, end, first[0] ? 1 : 2});
            first[0] = false;
            if (parts == 1 && bounds[0] == start && bounds[1] == end) {
                return;
            }
            for (int p = 0; p < parts; p++) {
                String part = s.subSequence(bounds[2 * p], bounds[2 * p + 1]).toString().toLowerCase(Locale.ROOT);
                tokens.add(new Object[] {part, bounds[2 * p], bounds[2 * p + 1], p == 0 ? 0 : 1});
            }
        });
    }

    @Override
    public void end() throws IOException {
        super.end();
        int end = correctOffset(length);
        offset.setOffset(end, end);
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        tokens.clear();
        next = 0;
        length = 0;
    }
}
