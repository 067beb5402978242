package io.codara.search.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The distinct lower-cased three-character sequences of a text (none across a line break), which every file
 * containing a literal must contain: the prefilter for phrases, punctuation and regular expressions, verified on
 * the stored content afterwards.
 */
final class Trigrams {

    private Trigrams() {
    }

    /** The distinct trigrams of {@code text}. */
    static Set<String> of(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        Set<String> out = new HashSet<>(Math.min(1 << 16, Math.max(16, lower.length())));
        for (int i = 0; i + 3 <= lower.length(); i++) {
            char a = lower.charAt(i);
            char b = lower.charAt(i + 1);
            char c = lower.charAt(i + 2);
            if (c == '\n' || c == '\r') {
                i += 2;
                continue;
            }
            if (b == '\n' || b == '\r') {
                i++;
                continue;
            }
            if (a == '\n' || a == '\r') {
                continue;
            }
            out.add(new String(new char[] {a, b, c}));
        }
        return out;
    }

    /** The trigrams of {@code literal} in order of appearance, without repeats (empty when it is shorter than 3). */
    static List<String> ofLiteral(String literal) {
        List<String> out = new ArrayList<>();
        String lower = literal.toLowerCase(Locale.ROOT);
        for (int i = 0; i + 3 <= lower.length(); i++) {
            String t = lower.substring(i, i + 3);
            if (t.indexOf('\n') < 0 && t.indexOf('\r') < 0 && !out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    /** A token stream of {@code trigrams}, for an index-only field. */
    static TokenStream stream(Set<String> trigrams) {
        return new TokenStream() {
            private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
            private Iterator<String> next;

            @Override
            public boolean incrementToken() {
                if (next == null) {
                    next = trigrams.iterator();
                }
                if (!next.hasNext()) {
                    return false;
                }
                clearAttributes();
                term.setEmpty().append(next.next());
                return true;
            }

            @Override
            public void reset() {
                next = null;
            }
        };
    }
}
