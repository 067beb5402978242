package io.codara.search.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The trigram query that every file matching a regular expression must match, from the literal text the expression
 * requires: {@code foo(Bar|Baz)\d+} needs {@code foo} and one of {@code bar}, {@code baz}. Analysis is conservative:
 * whatever it does not understand (classes, escapes, optional parts, lookarounds) requires nothing, so the prefilter
 * never drops a file that matches; the regular expression itself then verifies each candidate.
 */
final class RegexPrefilter {

    /**
     * Trigrams kept per literal, evenly spread beyond. A conjunction costs about its rarest term's postings, so more
     * terms cost little, while every trigram left out lets through files that must then be read and checked: keeping
     * 16 of the 19 trigrams of {@code ConcurrentSkipListSet} (every second one) made 120 candidates of 7.
     */
    static final int MAX_TRIGRAMS = 64;

    /** What a part of an expression requires. */
    sealed interface Need {
    }

    /** Nothing known: anything may match. */
    record Anything() implements Need {
    }

    /** This literal text. */
    record Literal(String text) implements Need {
    }

    /** All of these. */
    record All(List<Need> needs) implements Need {
    }

    /** One of these. */
    record OneOf(List<Need> needs) implements Need {
    }

    private static final Need ANYTHING = new Anything();

    private final String p;
    private int i;

    private RegexPrefilter(String pattern) {
        this.p = pattern;
    }

    /** What a valid Java regular expression requires of a text it matches. */
    static Need analyse(String regex) {
        if (regex.contains("(?") && regex.matches("(?s).*\\(\\?[a-zA-Z-]*x.*")) {
            return ANYTHING; // comments mode: whitespace and # mean something else
        }
        RegexPrefilter parser = new RegexPrefilter(regex);
        try {
            Need need = parser.alternation();
            return parser.i == regex.length() ? need : ANYTHING;
        } catch (IndexOutOfBoundsException | NumberFormatException unfollowed) {
            return ANYTHING; // a construct this reading does not follow: require nothing rather than guess
        }
    }

    /** The trigram query for {@code need} over {@code field}, or {@code null} when it requires nothing. */
    static Query query(Need need, String field) {
        if (need instanceof Literal l) {
            List<String> trigrams = Trigrams.ofLiteral(l.text());
            if (trigrams.isEmpty()) {
                return null;
            }
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            int step = Math.max(1, (trigrams.size() + MAX_TRIGRAMS - 1) / MAX_TRIGRAMS);
            for (int t = 0; t < trigrams.size(); t += step) {
                all.add(new TermQuery(new Term(field, trigrams.get(t))), BooleanClause.Occur.FILTER);
            }
            return new ConstantScoreQuery(all.build());
        }
        if (need instanceof All a) {
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            int added = 0;
            for (Need n : a.needs()) {
                Query q = query(n, field);
                if (q != null) {
                    all.add(q, BooleanClause.Occur.FILTER);
                    added++;
                }
            }
            return added == 0 ? null : new ConstantScoreQuery(all.build());
        }
        if (need instanceof OneOf o) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            for (Need n : o.needs()) {
                Query q = query(n, field);
                if (q == null) {
                    return null;
                }
                any.add(q, BooleanClause.Occur.SHOULD);
            }
            return new ConstantScoreQuery(any.setMinimumNumberShouldMatch(1).build());
        }
        return null;
    }

    private Need alternation() {
        List<Need> alternatives = new ArrayList<>();
        alternatives.add(sequence());
        while (i < p.length() && p.charAt(i) == '|') {
            i++;
            alternatives.add(sequence());
        }
        if (alternatives.size() == 1) {
            return alternatives.get(0);
        }
        for (Need n : alternatives) {
            if (n instanceof Anything) {
                return ANYTHING;
            }
        }
        return new OneOf(alternatives);
    }

    private Need sequence() {
        List<Need> needs = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        while (i < p.length() && p.charAt(i) != '|' && p.charAt(i) != ')') {
            Object atom = atom();
            int quantifier = quantifier();
            if (atom instanceof String text) {
                if (quantifier == ONCE) {
                    literal.append(text);
                } else if (quantifier == OPTIONAL) {
                    literal.append(text, 0, text.length() - 1);
                    flush(literal, needs);
                } else {
                    literal.append(text);
                    flush(literal, needs);
                }
            } else if (atom instanceof Literal group && quantifier != OPTIONAL) {
                literal.append(group.text()); // a group of plain text joins its neighbours: ab(cd)ef needs abcdef
                if (quantifier == REPEATED) {
                    flush(literal, needs);
                }
            } else {
                flush(literal, needs);
                if (quantifier != OPTIONAL) {
                    needs.add((Need) atom);
                }
            }
        }
        flush(literal, needs);
        needs.removeIf(n -> n instanceof Anything);
        return needs.isEmpty() ? ANYTHING : needs.size() == 1 ? needs.get(0) : new All(needs);
    }

    private static void flush(StringBuilder literal, List<Need> needs) {
        if (literal.length() > 0) {
            needs.add(new Literal(literal.toString()));
            literal.setLength(0);
        }
    }

    private static final int ONCE = 0;
    private static final int OPTIONAL = 1;
    private static final int REPEATED = 2;

    private int quantifier() {
        if (i >= p.length()) {
            return ONCE;
        }
        char c = p.charAt(i);
        int q;
        if (c == '*' || c == '?') {
            q = OPTIONAL;
            i++;
        } else if (c == '+') {
            q = REPEATED;
            i++;
        } else if (c == '{') {
            int close = p.indexOf('}', i);
            String[] bounds = p.substring(i + 1, close).split(",", -1);
            int min = Integer.parseInt(bounds[0].strip());
            boolean exactlyOne = min == 1 && (bounds.length == 1 || bounds[1].strip().equals("1"));
            q = min == 0 ? OPTIONAL : exactlyOne ? ONCE : REPEATED;
            i = close + 1;
        } else {
            return ONCE;
        }
        if (i < p.length() && (p.charAt(i) == '?' || p.charAt(i) == '+')) {
            i++; // lazy or possessive: the same text either way
        }
        return q;
    }

    /** A literal text (a {@link String}) or what a construct requires (a {@link Need}). */
    private Object atom() {
        char c = p.charAt(i);
        switch (c) {
            case '(' -> {
                return group();
            }
            case '[' -> {
                skipClass();
                return ANYTHING;
            }
            case '.', '^', '$' -> {
                i++;
                return ANYTHING;
            }
            case '\\' -> {
                return escape();
            }
            default -> {
                i++;
                return String.valueOf(c);
            }
        }
    }

    private Object group() {
        i++; // (
        boolean lookaround = false;
        if (i < p.length() && p.charAt(i) == '?') {
            i++;
            char k = p.charAt(i);
            if (k == ':' || k == '>') {
                i++;
            } else if (k == '=' || k == '!') {
                lookaround = true;
                i++;
            } else if (k == '<' && i + 1 < p.length() && (p.charAt(i + 1) == '=' || p.charAt(i + 1) == '!')) {
                lookaround = true;
                i += 2;
            } else if (k == '<') {
                i = p.indexOf('>', i) + 1; // named group
            } else {
                while (i < p.length() && (Character.isLetter(p.charAt(i)) || p.charAt(i) == '-')) {
                    i++; // inline flags: case only changes verification, trigrams are lower-case anyway
                }
                if (p.charAt(i) == ')') {
                    i++;
                    return ANYTHING;
                }
                i++; // ':'
            }
        }
        Need inner = alternation();
        i++; // )
        if (lookaround) {
            return ANYTHING;
        }
        return inner;
    }

    private void skipClass() {
        i++; // [
        if (i < p.length() && p.charAt(i) == '^') {
            i++;
        }
        if (i < p.length() && p.charAt(i) == ']') {
            i++;
        }
        int depth = 1;
        while (i < p.length() && depth > 0) {
            char c = p.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            i++;
        }
    }

    private Object escape() {
        char d = p.charAt(i + 1);
        i += 2;
        switch (d) {
            case 't' -> {
                return "\t";
            }
            case 'n' -> {
                return "\n";
            }
            case 'r' -> {
                return "\r";
            }
            case 'f' -> {
                return "\f";
            }
            case 'a' -> {
                return "\u0007";
            }
            case 'e' -> {
                return "\u001b";
            }
            case 'Q' -> {
                int end = p.indexOf("\\E", i);
                String quoted = end < 0 ? p.substring(i) : p.substring(i, end);
                i = end < 0 ? p.length() : end + 2;
                return quoted.isEmpty() ? ANYTHING : quoted;
            }
            case 'x', 'p', 'P', 'N' -> {
                if (i < p.length() && p.charAt(i) == '{') {
                    i = p.indexOf('}', i) + 1;
                } else {
                    i += d == 'x' ? 2 : 1;
                }
                return ANYTHING;
            }
            case 'u' -> {
                i += 4;
                return ANYTHING;
            }
            case 'c' -> {
                i++;
                return ANYTHING;
            }
            case 'k' -> {
                i = p.indexOf('>', i) + 1;
                return ANYTHING;
            }
            case '0' -> {
                while (i < p.length() && p.charAt(i) >= '0' && p.charAt(i) <= '7') {
                    i++;
                }
                return ANYTHING;
            }
            default -> {
                if (Character.isDigit(d)) {
                    while (i < p.length() && Character.isDigit(p.charAt(i))) {
                        i++; // a back reference
                    }
                    return ANYTHING;
                }
                // \d \w \s \b and friends are classes or anchors; any other escaped character is itself.
                return Character.isLetter(d) ? ANYTHING : String.valueOf(d);
            }
        }
    }
}
