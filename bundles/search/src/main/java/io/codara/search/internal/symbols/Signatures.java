package io.codara.search.internal.symbols;

import java.util.regex.Pattern;

/** Makes the one-line display signatures of definitions: whitespace collapsed, bodies cut off, length bounded. */
final class Signatures {

    /** Longer signatures (long parameter lists, minified code) are cut here and end with an ellipsis. */
    static final int MAX_LENGTH = 200;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Signatures() {
    }

    /** {@code text} on one line, at most {@link #MAX_LENGTH} characters; {@code null} for blank text. */
    static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        String line = WHITESPACE.matcher(text).replaceAll(" ").strip();
        if (line.isEmpty()) {
            return null;
        }
        return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 1) + "…";
    }

    /**
     * The declaration on a source line, for definitions a tagger found: the line without a body that starts on it
     * ({@code {...}}) and without a trailing {@code :} or {@code ;}, when {@code declaresBody} (types and functions).
     * Fields, constants and enum members keep the whole line, which is what declares them.
     */
    static String fromSourceLine(String sourceLine, boolean declaresBody) {
        String line = sourceLine.strip();
        if (declaresBody) {
            int brace = line.indexOf('{');
            if (brace > 0) {
                line = line.substring(0, brace).stripTrailing();
            }
            while (line.endsWith(":") || line.endsWith(";")) {
                line = line.substring(0, line.length() - 1).stripTrailing();
            }
        }
        return oneLine(line);
    }
}
