package io.codara.search.internal.dependencies;

import java.util.function.Function;

/** Maven's and NuGet's interval notation: {@code [1.0,2.0)}, {@code (,1.0],[1.2,)}, {@code [1.5]}. */
final class IntervalNotation {

    private IntervalNotation() {
    }

    static boolean looksLikeInterval(String text) {
        String t = text.trim();
        return t.startsWith("[") || t.startsWith("(");
    }

    static <V extends Comparable<V>> VersionSet<V> parse(String text, Function<String, V> versions) {
        VersionSet<V> result = VersionSet.none();
        String rest = text.trim();
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("empty range");
        }
        while (!rest.isEmpty()) {
            char open = rest.charAt(0);
            if (open != '[' && open != '(') {
                throw new IllegalArgumentException("a range starts with [ or (: " + text);
            }
            int close = indexOfClose(rest);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed range: " + text);
            }
            String inner = rest.substring(1, close).trim();
            boolean lowerInclusive = open == '[';
            boolean upperInclusive = rest.charAt(close) == ']';
            int comma = inner.indexOf(',');
            if (comma < 0) {
                if (!lowerInclusive || !upperInclusive || inner.isEmpty()) {
                    throw new IllegalArgumentException("a single version needs [v]: " + text);
                }
                result = result.union(VersionSet.exactly(versions.apply(inner)));
            } else {
                String lo = inner.substring(0, comma).trim();
                String hi = inner.substring(comma + 1).trim();
                if (hi.contains(",")) {
                    throw new IllegalArgumentException("too many bounds: " + text);
                }
                result = result.union(VersionSet.between(lo.isEmpty() ? null : versions.apply(lo), lowerInclusive,
                        hi.isEmpty() ? null : versions.apply(hi), upperInclusive));
            }
            rest = rest.substring(close + 1).trim();
            if (rest.startsWith(",")) {
                rest = rest.substring(1).trim();
            } else if (!rest.isEmpty()) {
                throw new IllegalArgumentException("ranges are separated by commas: " + text);
            }
        }
        return result;
    }

    private static int indexOfClose(String text) {
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ']' || c == ')') {
                return i;
            }
        }
        return -1;
    }
}
