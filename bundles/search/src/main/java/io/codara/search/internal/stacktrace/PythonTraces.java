package io.codara.search.internal.stacktrace;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Python traceback: the {@code File "...", line N, in f} frames (each followed by its source line and
 * perhaps carets), the exception line, and the chain Python prints root cause first ("During handling of the above
 * exception..." and "The above exception was the direct cause..."), each exception its own trace. Django's
 * copy-and-paste view ends with {@code Exception Type:} and {@code Exception Value:} lines instead.
 */
final class PythonTraces {

    static final String START = "Traceback (most recent call last):";

    private static final Pattern EXCEPTION = Pattern.compile("([A-Za-z_][\\w.]*+)(?:: ?(.*))?");

    private PythonTraces() {
    }

    /** Reads the traceback that starts at {@code first}; returns the index of the first line after it. */
    static int read(TraceLines lines, int first) {
        int index = first;
        while (true) {
            int column = lines.get(index).indexOf(START);
            PartialTrace trace = new PartialTrace("python");
            lines.traces.add(trace);
            index = readOne(lines, index + 1, column, trace);
            int marker = lines.skipBlanks(index, 3);
            if (marker >= lines.size() || !isChainMarker(lines.get(marker))) {
                return index;
            }
            int next = lines.skipBlanks(marker + 1, 3);
            if (next >= lines.size() || !lines.get(next).contains(START)) {
                return index;
            }
            index = next;
        }
    }

    private static boolean isChainMarker(String line) {
        return line.contains("During handling of the above exception, another exception occurred:")
                || line.contains("The above exception was the direct cause of the following exception:");
    }

    private static int readOne(TraceLines lines, int from, int column, PartialTrace trace) {
        int index = from;
        while (index < lines.size()) {
            String line = lines.get(index);
            StackFrame frame = FrameLines.python(line);
            if (frame != null) {
                trace.frames.add(frame);
                lines.markFrame(index);
                index++;
            } else if (line.isBlank()) {
                int next = lines.skipBlanks(index, 3);
                if (next < lines.size() && lines.get(next).strip().startsWith("Exception Type:")) {
                    return readDjangoSummary(lines, next, trace);
                }
                if (next < lines.size() && isInside(lines.get(next), column) && !trace.frames.isEmpty()) {
                    index = next;
                } else {
                    return index;
                }
            } else if (isInside(line, column)) {
                lines.markFrame(index); // a source line, carets or "[Previous line repeated ...]"
                index++;
            } else {
                readException(line.substring(Math.min(column, line.length())), trace);
                return index + 1;
            }
        }
        return index;
    }

    /** Whether {@code line} is indented past the traceback's own column: a frame's or a source line. */
    private static boolean isInside(String line, int column) {
        return line.length() > column && Character.isWhitespace(line.charAt(column));
    }

    private static void readException(String text, PartialTrace trace) {
        Matcher m = EXCEPTION.matcher(text.strip());
        ExceptionHeader header = m.matches() ? new ExceptionHeader(m.group(1), blankToNull(m.group(2)))
                : ExceptionHeader.find(text);
        if (header != null) {
            trace.exception = header.type();
            trace.message = header.message();
        }
    }

    private static int readDjangoSummary(TraceLines lines, int typeLine, PartialTrace trace) {
        String type = lines.get(typeLine).strip().substring("Exception Type:".length()).strip();
        int at = type.indexOf(" at ");
        trace.exception = at < 0 ? type : type.substring(0, at);
        int index = typeLine + 1;
        if (index < lines.size() && lines.get(index).strip().startsWith("Exception Value:")) {
            trace.message = blankToNull(lines.get(index).strip().substring("Exception Value:".length()));
            index++;
        }
        return index;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
