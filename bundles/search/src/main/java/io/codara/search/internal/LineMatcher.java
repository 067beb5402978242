package io.codara.search.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;

import io.codara.api.search.LineMatch;
import io.codara.api.search.TextRange;

/**
 * Finds where a query's clauses match in a file's content: the exact check behind the index's prefilter (case,
 * punctuation, regular expressions), and the lines and highlights shown in results. Regular expressions run with
 * a deadline, so a catastrophic pattern costs a bounded time.
 */
final class LineMatcher {

    /** Matches collected per clause and file: enough for the lines shown, bounded for huge files. */
    static final int MAX_MATCHES = 200;
    /** Lines shown per file. */
    static final int MAX_LINES = 10;
    /** Longer lines (minified code) are cut around their first match. */
    static final int MAX_LINE_CHARS = 500;

    /** Thrown when verification runs past its deadline. */
    static final class Timeout extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Timeout() {
            super("the search ran out of time", null, false, false);
        }
    }

    /** Each UTF-16 unit's case fold as java.util.regex folds it under CASE_INSENSITIVE | UNICODE_CASE. */
    private static final char[] FOLD = new char[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            FOLD[c] = Character.toLowerCase(Character.toUpperCase((char) c));
        }
    }

    private final CodeQuery query;
    private final long deadlineNanos;
    /** Per literal of the query: the characters a case-insensitive match may start with. */
    private final Map<String, char[]> literalStarts = new ConcurrentHashMap<>(); // shared by verifying threads

    LineMatcher(CodeQuery query, long deadlineNanos) {
        this.query = query;
        this.deadlineNanos = deadlineNanos;
    }

    /** Whether {@code text} matches every positive clause and no negated one (case and punctuation included). */
    boolean matches(String text) {
        for (CodeQuery.Clause c : query.clauses) {
            boolean found = !ranges(c, text, 1).isEmpty();
            if (found == c.negated()) {
                return false;
            }
        }
        return true;
    }

    /** The matching lines of {@code text}, in order, at most {@link #MAX_LINES}. */
    List<LineMatch> lines(String text) {
        List<int[]> all = new ArrayList<>();
        for (CodeQuery.Clause c : query.clauses) {
            if (!c.negated()) {
                all.addAll(ranges(c, text, MAX_MATCHES));
            }
        }
        if (all.isEmpty()) {
            return List.of();
        }
        int[] lineStarts = lineStarts(text);
        TreeMap<Integer, List<int[]>> byLine = new TreeMap<>();
        for (int[] r : all) {
            int line = lineOf(lineStarts, r[0]);
            int lineEnd = lineEnd(text, lineStarts, line);
            int lineStart = lineStarts[line];
            byLine.computeIfAbsent(line, k -> new ArrayList<>())
                    .add(new int[] {r[0] - lineStart, Math.min(r[1], lineEnd) - lineStart});
        }
        List<LineMatch> out = new ArrayList<>();
        for (var e : byLine.entrySet()) {
            if (out.size() == MAX_LINES) {
                break;
            }
            int line = e.getKey();
            String lineText = text.substring(lineStarts[line], lineEnd(text, lineStarts, line));
            List<int[]> ranges = merge(e.getValue());
            int shift = 0;
            if (lineText.length() > MAX_LINE_CHARS) {
                shift = Math.max(0, Math.min(ranges.get(0)[0] - 100, lineText.length() - MAX_LINE_CHARS));
                lineText = lineText.substring(shift, shift + MAX_LINE_CHARS);
            }
            List<TextRange> highlights = new ArrayList<>();
            for (int[] r : ranges) {
                int start = r[0] - shift;
                int end = Math.min(r[1] - shift, lineText.length());
                if (start >= 0 && start < end) {
                    highlights.add(new TextRange(start, end));
                }
            }
            out.add(new LineMatch(line + 1, lineText, highlights));
        }
        return out;
    }

    /** Where clause {@code c} matches in {@code text}: [start, end) pairs, at most {@code limit}. */
    List<int[]> ranges(CodeQuery.Clause c, String text, int limit) {
        return c.kind() == CodeQuery.Kind.TERM ? termRanges(c.text(), text, limit) : patternRanges(c, text, limit);
    }

    /**
     * Identifier matches, as the index finds them: a single-part term is a whole identifier or one of its parts, a
     * term of several parts is a run of parts within one identifier, a decorated term ({@code __init__}) is a whole
     * identifier. Under {@code case:yes} the matched text must also equal the term exactly.
     */
    private List<int[]> termRanges(String term, String text, int limit) {
        String[] wanted = Identifiers.parts(term);
        boolean decorated = wanted.length != 1 ? wanted.length == 0
                : !wanted[0].equals(term.toLowerCase(Locale.ROOT));
        List<int[]> out = new ArrayList<>();
        Identifiers.scan(text, 0, text.length(), (s, start, end, bounds, parts) -> {
            if (out.size() >= limit) {
                return;
            }
            if (decorated || wanted.length == 1 && end - start == term.length() && regionEquals(s, start, term, false)) {
                if (end - start == term.length() && regionEquals(s, start, term, query.caseSensitive)) {
                    out.add(new int[] {start, end});
                }
                return;
            }
            for (int p = 0; p + wanted.length <= parts; p++) {
                boolean same = true;
                for (int w = 0; w < wanted.length && same; w++) {
                    int from = bounds[2 * (p + w)];
                    same = bounds[2 * (p + w) + 1] - from == wanted[w].length() && regionEquals(s, from, wanted[w], false);
                }
                if (same) {
                    int from = bounds[2 * p];
                    int to = bounds[2 * (p + wanted.length - 1) + 1];
                    if (!query.caseSensitive || to - from == term.length() && regionEquals(s, from, term, true)) {
                        out.add(new int[] {from, to});
                    }
                }
            }
        });
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    private static boolean regionEquals(CharSequence s, int from, String expected, boolean caseSensitive) {
        return s.toString().regionMatches(!caseSensitive, from, expected, 0, expected.length());
    }

    private List<int[]> patternRanges(CodeQuery.Clause c, String text, int limit) {
        if (c.kind() == CodeQuery.Kind.LITERAL && !hasSurrogates(c.text())) {
            return literalRanges(c.text(), text, limit);
        }
        Matcher m = c.pattern().matcher(new DeadlineText(text, deadlineNanos));
        List<int[]> out = new ArrayList<>();
        while (out.size() < limit && m.find()) {
            if (m.end() > m.start()) {
                out.add(new int[] {m.start(), m.end()});
            } else if (m.end() >= text.length()) {
                break;
            }
        }
        return out;
    }

    /**
     * Where {@code literal} occurs, found as its quoted pattern finds it (successive, non-overlapping; under
     * case-insensitivity a character matches when it or its fold equals the literal's fold) but without
     * java.util.regex, which tries every position in turn: {@link String#indexOf}, a JVM intrinsic, finds the
     * positions where the literal's first character (in any case) occurs, and only those are compared. Verifying a
     * common literal over thousands of files is most of a query's time, and this is several times faster.
     */
    private List<int[]> literalRanges(String literal, String text, int limit) {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new Timeout();
        }
        List<int[]> out = new ArrayList<>();
        int n = literal.length();
        if (query.caseSensitive) {
            for (int at = text.indexOf(literal); at >= 0 && out.size() < limit; at = text.indexOf(literal, at + n)) {
                out.add(new int[] {at, at + n});
            }
            return out;
        }
        char[] fold = new char[n];
        for (int j = 0; j < n; j++) {
            fold[j] = FOLD[literal.charAt(j)];
        }
        char[] starts = literalStarts.computeIfAbsent(literal, l -> startsOf(fold[0]));
        int[] next = new int[starts.length];
        for (int k = 0; k < starts.length; k++) {
            next[k] = text.indexOf(starts[k]);
        }
        int last = text.length() - n;
        while (out.size() < limit) {
            int at = -1;
            for (int k = 0; k < starts.length; k++) {
                if (next[k] >= 0 && (at < 0 || next[k] < at)) {
                    at = next[k];
                }
            }
            if (at < 0 || at > last) {
                break;
            }
            int j = 1;
            while (j < n && (text.charAt(at + j) == fold[j] || FOLD[text.charAt(at + j)] == fold[j])) {
                j++;
            }
            int from = j == n ? at + n : at + 1;
            if (j == n) {
                out.add(new int[] {at, at + n});
            }
            for (int k = 0; k < starts.length; k++) {
                if (next[k] >= 0 && next[k] < from) {
                    next[k] = text.indexOf(starts[k], from);
                }
            }
        }
        return out;
    }

    /** The characters that match {@code folded} case-insensitively: itself and those whose fold it is. */
    private static char[] startsOf(char folded) {
        StringBuilder starts = new StringBuilder();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (c == folded || FOLD[c] == folded) {
                starts.append((char) c);
            }
        }
        return starts.toString().toCharArray();
    }

    private static boolean hasSurrogates(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static List<int[]> merge(List<int[]> ranges) {
        ranges.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
        List<int[]> out = new ArrayList<>();
        for (int[] r : ranges) {
            if (!out.isEmpty() && r[0] <= out.get(out.size() - 1)[1]) {
                int[] last = out.get(out.size() - 1);
                last[1] = Math.max(last[1], r[1]);
            } else {
                out.add(new int[] {r[0], r[1]});
            }
        }
        return out;
    }

    static int[] lineStarts(String text) {
        int[] starts = new int[64];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, n);
    }

    private static int lineOf(int[] starts, int offset) {
        int i = Arrays.binarySearch(starts, offset);
        return i >= 0 ? i : -i - 2;
    }

    private static int lineEnd(String text, int[] starts, int line) {
        int end = line + 1 < starts.length ? starts[line + 1] - 1 : text.length();
        if (end > starts[line] && end <= text.length() && end - 1 >= 0 && text.charAt(end - 1) == '\r') {
            end--;
        }
        return end;
    }

    /** The text a regular expression runs over, which stops it when the deadline has passed. */
    private static final class DeadlineText implements CharSequence {
        private final String text;
        private final long deadline;
        private int reads;

        DeadlineText(String text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0xfff) == 0 && System.nanoTime() - deadline > 0) {
                throw new Timeout();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.substring(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
