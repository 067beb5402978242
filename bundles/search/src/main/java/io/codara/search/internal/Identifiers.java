package io.codara.search.internal;

import java.util.Arrays;
import java.util.Locale;

/**
 * Finds identifiers in code and splits them into their camelCase and snake_case parts, the same way for indexing,
 * for queries and for highlighting lines, so that what a query finds is what a line shows.
 */
final class Identifiers {

    /** Longer runs are no identifiers a person types (base64 blobs, hashes): neither indexed nor matched. */
    static final int MAX_LENGTH = 128;

    private Identifiers() {
    }

    /** Receives the identifiers of a text. */
    interface Sink {
        /**
         * One identifier, {@code text[start, end)}, and its parts as {@code bounds[2i], bounds[2i+1]} for
         * {@code i < parts}.
         */
        void identifier(CharSequence text, int start, int end, int[] bounds, int parts);
    }

    static boolean identifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** Whether {@code text} is one identifier (and nothing else). */
    static boolean isIdentifier(String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!identifierChar(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Calls {@code sink} for every identifier of {@code text[from, to)}, in order. */
    static void scan(CharSequence text, int from, int to, Sink sink) {
        int[] bounds = new int[16];
        int i = from;
        while (i < to) {
            if (!identifierChar(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < to && identifierChar(text.charAt(i))) {
                i++;
            }
            if (i - start > MAX_LENGTH) {
                continue;
            }
            bounds = ensure(bounds, i - start);
            int parts = split(text, start, i, bounds);
            sink.identifier(text, start, i, bounds, parts);
        }
    }

    /** The lower-cased parts of one identifier, e.g. {@code [parse, http, date]} for {@code parseHTTPDate}. */
    static String[] parts(String identifier) {
        int[] bounds = new int[2 * identifier.length() + 2];
        int n = split(identifier, 0, identifier.length(), bounds);
        String[] out = new String[n];
        for (int p = 0; p < n; p++) {
            out[p] = identifier.substring(bounds[2 * p], bounds[2 * p + 1]).toLowerCase(Locale.ROOT);
        }
        return out;
    }

    private static int[] ensure(int[] bounds, int length) {
        return bounds.length >= 2 * length + 2 ? bounds : Arrays.copyOf(bounds, 2 * length + 2);
    }

    /**
     * Splits at {@code _} and {@code $}, before an upper-case letter that follows a lower-case letter or digit
     * ({@code parse|Date}, {@code base64|Encode}), and before the last capital of an acronym followed by a
     * lower-case letter ({@code HTTP|Server}).
     */
    private static int split(CharSequence s, int start, int end, int[] bounds) {
        int parts = 0;
        int partStart = -1;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == '_' || c == '$') {
                if (partStart >= 0) {
                    bounds[2 * parts] = partStart;
                    bounds[2 * parts + 1] = i;
                    parts++;
                    partStart = -1;
                }
                continue;
            }
            if (partStart < 0) {
                partStart = i;
                continue;
            }
            char previous = s.charAt(i - 1);
            boolean boundary = Character.isUpperCase(c)
                    && (Character.isLowerCase(previous) || Character.isDigit(previous)
                            || Character.isUpperCase(previous) && i + 1 < end && Character.isLowerCase(s.charAt(i + 1)));
            if (boundary) {
                bounds[2 * parts] = partStart;
                bounds[2 * parts + 1] = i;
                parts++;
                partStart = i;
            }
        }
        if (partStart >= 0) {
            bounds[2 * parts] = partStart;
            bounds[2 * parts + 1] = end;
            parts++;
        }
        return parts;
    }
}
