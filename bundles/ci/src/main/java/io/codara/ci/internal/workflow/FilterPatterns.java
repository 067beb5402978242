package io.codara.ci.internal.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An ordered list of GitHub filter patterns (for branches, tags and paths): {@code *} matches any characters but
 * {@code /}, {@code **} any characters, {@code ?} zero or one of the preceding character, {@code +} one or more of
 * it, {@code [a-z0-9]} one listed character, {@code \} escapes; a pattern starting with {@code !} excludes what an
 * earlier pattern included. The last pattern that matches a name decides.
 *
 * @param patterns the patterns as written
 */
public record FilterPatterns(List<String> patterns, List<Pattern> compiled) {

    public FilterPatterns {
        patterns = List.copyOf(patterns);
        compiled = List.copyOf(compiled);
    }

    /**
     * Compiles patterns.
     *
     * @throws IllegalArgumentException naming the first bad pattern (empty, or a bad {@code []} class)
     */
    public static FilterPatterns of(List<String> patterns) {
        List<Pattern> compiled = new ArrayList<>(patterns.size());
        for (String pattern : patterns) {
            compiled.add(compile(pattern.startsWith("!") ? pattern.substring(1) : pattern));
        }
        return new FilterPatterns(patterns, compiled);
    }

    /** Whether the last pattern matching {@code name} is a positive one. */
    public boolean matches(String name) {
        boolean included = false;
        for (int i = 0; i < patterns.size(); i++) {
            boolean negative = patterns.get(i).startsWith("!");
            if (included == negative && compiled.get(i).matcher(name).matches()) {
                included = !negative;
            }
        }
        return included;
    }

    /** Whether every pattern is negative (GitHub requires at least one positive pattern in a list). */
    public boolean onlyNegative() {
        return !patterns.isEmpty() && patterns.stream().allMatch(p -> p.startsWith("!"));
    }

    /** One glob as a regular expression over the whole name. */
    static Pattern compile(String glob) {
        if (glob.isEmpty()) {
            throw new IllegalArgumentException("empty pattern");
        }
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        i++;
                        // "**/" also matches nothing, so "**/a" matches "a" at the top.
                        if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                            i++;
                            regex.append("(?:.*/)?");
                        } else {
                            regex.append(".*");
                        }
                    } else {
                        regex.append("[^/]*");
                    }
                }
                case '?', '+' -> {
                    if (regex.length() == 0) {
                        throw new IllegalArgumentException("'" + c + "' must follow a character in " + glob);
                    }
                    regex.append(c);
                }
                case '[' -> {
                    int close = glob.indexOf(']', i + 1);
                    if (close < 0 || close == i + 1) {
                        throw new IllegalArgumentException("unclosed or empty '[' in " + glob);
                    }
                    String body = glob.substring(i + 1, close);
                    if (!body.matches("([A-Za-z0-9]-[A-Za-z0-9]|[A-Za-z0-9._/-])+")) {
                        throw new IllegalArgumentException("a '[...]' class may hold letters, digits and ranges"
                                + " only: " + glob);
                    }
                    regex.append('[').append(body.replace("\\", "\\\\")).append(']');
                    i = close;
                }
                case '\\' -> {
                    if (i + 1 >= glob.length()) {
                        throw new IllegalArgumentException("trailing '\\' in " + glob);
                    }
                    regex.append(literal(glob.charAt(++i)));
                }
                default -> regex.append(literal(c));
            }
            i++;
        }
        try {
            return Pattern.compile(regex.toString());
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid pattern " + glob + ": " + e.getDescription(), e);
        }
    }

    /** One character matched literally (escaped one by one so that a following {@code ?} or {@code +} binds to it). */
    private static String literal(char c) {
        return "\\.[]{}()<>*+-=!?^$|&".indexOf(c) >= 0 ? "\\" + c : String.valueOf(c);
    }
}
