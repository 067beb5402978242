package io.codara.git.internal;

import java.util.regex.Pattern;

/**
 * A branch or tag name pattern as GitHub reads it (Ruby's {@code File.fnmatch} with {@code FNM_PATHNAME}): {@code *}
 * and {@code ?} match within one {@code /}-separated part, {@code [abc]}, {@code [a-z]} and {@code [!a]} match one
 * such character, {@code \} escapes the next one, {@code **}{@code /} matches any number of leading parts. Unlike
 * Ruby, a {@code **} not followed by {@code /} matches across {@code /} too, so that {@code **} protects every
 * branch and {@code release/**} every branch under {@code release/}. A pattern without these characters is an exact
 * name.
 */
final class RefPattern {

    private final String source;
    private final Pattern regex;

    private RefPattern(String source, Pattern regex) {
        this.source = source;
        this.regex = regex;
    }

    static RefPattern compile(String pattern) {
        return new RefPattern(pattern, isExact(pattern) ? null : Pattern.compile(translate(pattern)));
    }

    /** Whether the pattern has no wildcard: it names one branch. */
    static boolean isExact(String pattern) {
        return pattern.chars().noneMatch(c -> c == '*' || c == '?' || c == '[' || c == '\\');
    }

    boolean exact() {
        return regex == null;
    }

    boolean matches(String name) {
        return regex == null ? source.equals(name) : regex.matcher(name).matches();
    }

    String source() {
        return source;
    }

    private static String translate(String pattern) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            char c = pattern.charAt(i);
            if (c == '*') {
                if (i + 1 < n && pattern.charAt(i + 1) == '*') {
                    if (i + 2 < n && pattern.charAt(i + 2) == '/') {
                        out.append("(?:.*/)?");
                        i += 3;
                    } else {
                        out.append(".*");
                        i += 2;
                    }
                } else {
                    out.append("[^/]*");
                    i++;
                }
            } else if (c == '?') {
                out.append("[^/]");
                i++;
            } else if (c == '\\' && i + 1 < n) {
                out.append(Pattern.quote(String.valueOf(pattern.charAt(i + 1))));
                i += 2;
            } else if (c == '[') {
                int end = classEnd(pattern, i);
                if (end < 0) {
                    out.append(Pattern.quote("["));
                    i++;
                } else {
                    out.append(characterClass(pattern.substring(i + 1, end)));
                    i = end + 1;
                }
            } else {
                out.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return out.toString();
    }

    /** The index of the {@code ]} closing the class opened at {@code start}, or -1. */
    private static int classEnd(String pattern, int start) {
        int i = start + 1;
        if (i < pattern.length() && (pattern.charAt(i) == '!' || pattern.charAt(i) == '^')) {
            i++;
        }
        if (i < pattern.length() && pattern.charAt(i) == ']') {
            i++; // a leading ] is a member
        }
        for (; i < pattern.length(); i++) {
            if (pattern.charAt(i) == ']') {
                return i;
            }
        }
        return -1;
    }

    private static String characterClass(String body) {
        StringBuilder out = new StringBuilder("[");
        int i = 0;
        if (!body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^')) {
            out.append('^');
            i = 1;
        }
        int first = i;
        for (; i < body.length(); i++) {
            char c = body.charAt(i);
            boolean range = c == '-' && i > first && i < body.length() - 1;
            if (range || Character.isLetterOrDigit(c)) {
                out.append(c);
            } else {
                out.append('\\').append(c);
            }
        }
        // A class never matches the separator.
        return out.append("&&[^/]]").toString();
    }
}
