package io.codara.search.internal.stacktrace;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line that names an exception before its frames ({@code java.lang.IllegalStateException: boom},
 * {@code TypeError: x is not a function}, {@code Caused by: ...}, {@code Unhandled exception. System.X: ...}).
 *
 * @param type the exception's type as printed (without a Node error code or a .NET error number)
 * @param message the message on the header line, or {@code null}
 */
record ExceptionHeader(String type, String message) {

    /** What runtimes and loggers print before the type; stripped in this order, each at most once. */
    private static final List<String> LEAD_INS = List.of("Caused by:", "Suppressed:", "Wrapped by:", "[cause]:",
            "Unhandled exception.", "Unhandled Exception:", "Uncaught (in promise)", "Uncaught", "Exception:");

    private static final Pattern THREAD = Pattern.compile("Exception in thread \"[^\"]*+\"\\s++");

    /**
     * A type (qualified with dots; .NET nested types with {@code +}; generic arity with a backtick), then an optional
     * Node code ({@code [ERR_X]}) or .NET number ({@code (111)}), then {@code :} and the message, or the end.
     */
    private static final Pattern HEADER = Pattern.compile(
            "([\\p{L}_$][\\p{L}\\p{N}_$`]*+(?:[.+][\\p{L}_$][\\p{L}\\p{N}_$`]*+)*+)"
                    + "(?: ?\\[[^\\]\\s]{1,80}\\]| \\((?:-?\\d{1,10}|0x[0-9A-Fa-f]{1,16})\\))?(?::(?: (.*))?)?");

    private static final Pattern TYPE_LIKE = Pattern.compile(
            ".*(?:Exception|Error|Throwable|Exit|Interrupt|Warning|Failure|Fault|Rejection|Iteration)");

    /** The header {@code line} is, else {@code null}. */
    static ExceptionHeader parse(String line) {
        String text = line.strip();
        Matcher thread = THREAD.matcher(text);
        if (thread.lookingAt()) {
            text = text.substring(thread.end());
        }
        for (String leadIn : LEAD_INS) {
            if (text.startsWith(leadIn)) {
                text = text.substring(leadIn.length()).stripLeading();
            }
        }
        Matcher m = HEADER.matcher(text);
        if (m.matches()) {
            String type = m.group(1);
            boolean colon = text.indexOf(':', m.end(1)) >= 0;
            if (colon || type.indexOf('.') > 0 || TYPE_LIKE.matcher(type).matches()) {
                return new ExceptionHeader(type, emptyToNull(m.group(2)));
            }
        }
        return null;
    }

    /**
     * The header in a line with something unknown before it (a log prefix this parser does not know): the first
     * blank-separated word that is a qualified type ending like an exception, followed by a colon or the end.
     */
    static ExceptionHeader find(String line) {
        ExceptionHeader header = parse(line);
        if (header != null) {
            return header;
        }
        int from = 0;
        String text = line.strip();
        while (from < text.length()) {
            int end = text.indexOf(' ', from);
            if (end < 0) {
                end = text.length();
            }
            String word = text.substring(from, end);
            boolean colon = word.endsWith(":");
            String type = colon ? word.substring(0, word.length() - 1) : word;
            if ((colon || end == text.length()) && type.indexOf('.') > 0 && HEADER.matcher(type).matches()
                    && TYPE_LIKE.matcher(type).matches()) {
                return new ExceptionHeader(type, colon ? emptyToNull(text.substring(end).strip()) : null);
            }
            from = end + 1;
        }
        return null;
    }

    /** Whether the type is qualified or named like an exception, so not any word before a colon. */
    boolean plausible() {
        return type.indexOf('.') > 0 || TYPE_LIKE.matcher(type).matches();
    }

    private static String emptyToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
