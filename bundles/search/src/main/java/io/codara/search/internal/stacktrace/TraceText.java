package io.codara.search.internal.stacktrace;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns pasted text into the lines the trace readers look at: split at any line ending, without ANSI colour codes,
 * without the log prefixes (timestamps, levels, bracketed thread or pod names, container stream tags) that log
 * shippers put before every line, and with the trailing blanks removed. Leading whitespace after a prefix is kept,
 * because Python and Go traces are read by their indentation.
 */
final class TraceText {

    /**
     * Lines longer than this are no trace lines (a frame with a log prefix is far shorter); they become
     * {@link #NOT_A_TRACE_LINE}, which keeps every reader's work per line bounded on hostile input.
     */
    static final int MAX_LINE = 4096;

    /** A non-blank line that no reader recognises. */
    static final String NOT_A_TRACE_LINE = "\u0000";

    private static final String MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";

    /**
     * One prefix element, anchored at the start of what is left of the line. Every alternative is a sequence of
     * bounded or possessive parts, so trying it costs at most the length of the prefix.
     */
    private static final Pattern PREFIX_ELEMENT = Pattern.compile(
            // ISO-like timestamp, optionally bracketed: 2024-03-05 10:15:30.123, 2024-03-05T10:15:30.123456789Z
            "\\[?\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?\\]?"
                    // time of day: 10:15:30,123
                    + "|\\[?\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?\\]?"
                    // syslog: Mar  5 10:15:30
                    + "|" + MONTH + " {1,2}\\d{1,2} \\d{2}:\\d{2}:\\d{2}"
                    // glog: E0305 10:15:30.123456   12345 server.go:42]
                    + "|[IWEF]\\d{4} \\d{2}:\\d{2}:\\d{2}\\.\\d{1,9} +\\d{1,9} [\\w.-]{1,200}:\\d{1,9}\\]"
                    // level, optionally bracketed or followed by a colon
                    + "|\\[?(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|FATAL|CRITICAL|SEVERE)\\]?:?(?=\\s)"
                    // container runtime (CRI) stream tag: stdout F
                    + "|(?:stdout|stderr) [FP](?=\\s)"
                    // docker compose service: web-1  |
                    + "|[\\w.-]{1,64} *\\|(?=\\s|$)"
                    // bracketed thread, logger or pod: [main], [pod/api-7d9f/api] (not Node's "[cause]:")
                    + "|\\[(?!cause\\])[^\\]\\[\\s][^\\]\\[]{0,79}\\](?=\\s|$)");

    /** The levels and months a prefix element may start with. */
    private static final Set<String> WORDS = Set.of("TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "WARNING", "ERROR",
            "ERR", "FATAL", "CRITICAL", "SEVERE", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
            "Oct", "Nov", "Dec");

    private TraceText() {
    }

    /** The normalised lines of {@code text}. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(normalise(text, start, i));
                if (c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < length) {
            lines.add(normalise(text, start, length));
        }
        return lines;
    }

    private static String normalise(String text, int from, int to) {
        if (to - from > MAX_LINE) {
            return NOT_A_TRACE_LINE;
        }
        String line = withoutLogPrefix(withoutAnsi(text, from, to));
        return line.stripTrailing();
    }

    /** Removes ANSI escape sequences (CSI like {@code ESC[31m}, and two-character escapes). */
    static String withoutAnsi(String text, int from, int to) {
        int escape = from;
        while (escape < to && text.charAt(escape) != '\u001B') {
            escape++; // not indexOf, which would search the rest of the text for every line
        }
        if (escape == to) {
            return text.substring(from, to);
        }
        StringBuilder out = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (c != '\u001B') {
                out.append(c);
                i++;
            } else if (i + 1 < to && text.charAt(i + 1) == '[') {
                i += 2;
                while (i < to && (text.charAt(i) < '@' || text.charAt(i) > '~')) {
                    i++; // parameters and intermediates
                }
                i++; // the final byte
            } else {
                i += 2;
            }
        }
        return out.toString();
    }

    /** Whether a prefix element may start at {@code at}: a cheap test that spares most lines the pattern. */
    private static boolean mayStartPrefix(String line, int at) {
        char first = line.charAt(at);
        if (first == '[' || (first >= '0' && first <= '9')) {
            return true;
        }
        if (line.startsWith("stdout ", at) || line.startsWith("stderr ", at)) {
            return true;
        }
        if ("IWEF".indexOf(first) >= 0 && at + 1 < line.length() && Character.isDigit(line.charAt(at + 1))) {
            return true;
        }
        int end = at;
        while (end < line.length() && end - at < 9 && line.charAt(end) >= 'A' && line.charAt(end) <= 'z') {
            end++;
        }
        if (end > at && WORDS.contains(line.substring(at, end))) {
            return true;
        }
        int bar = line.indexOf('|', at);
        return bar > at && bar - at <= 66;
    }

    /** Removes the log prefix elements at the start of {@code line}, each with the single blank that follows it. */
    static String withoutLogPrefix(String line) {
        Matcher matcher = null;
        int at = 0;
        for (int elements = 0; elements < 8 && at < line.length(); elements++) {
            int element = at;
            while (element < line.length() && line.charAt(element) == ' ') {
                element++; // padding between elements (a level padded to five characters)
            }
            if (element == line.length() || !mayStartPrefix(line, element)) {
                break;
            }
            if (matcher == null) {
                matcher = PREFIX_ELEMENT.matcher(line);
            }
            matcher.region(element, line.length());
            if (!matcher.lookingAt()) {
                break;
            }
            at = matcher.end();
            if (at < line.length() && line.charAt(at) == ' ') {
                at++;
            }
        }
        return at == 0 ? line : line.substring(at);
    }
}
