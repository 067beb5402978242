package io.codara.search.internal.stacktrace;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Go panic or goroutine dump: each {@code goroutine N [state]:} block is a trace (the first carries the
 * {@code panic:} or {@code fatal error:} line before it), each frame a function line followed by an indented
 * {@code /path/file.go:42 +0x1d} line; {@code created by} frames included.
 */
final class GoTraces {

    private static final Pattern GOROUTINE = Pattern.compile("goroutine \\d++[^\\[]*+\\[[^\\]]*+\\]:");
    private static final Pattern RECOVERED = Pattern.compile(" \\[recovered[^\\]]*+\\]$");
    private static final Pattern CREATED_IN = Pattern.compile(" in goroutine \\d++$");

    private GoTraces() {
    }

    static boolean isGoroutineHeader(String line) {
        return line.startsWith("goroutine ") && GOROUTINE.matcher(line.strip()).matches();
    }

    /** Reads the goroutines from the header at {@code first}; returns the index of the first line after them. */
    static int read(TraceLines lines, int floor, int first) {
        PartialTrace current = goroutine(lines.get(first));
        readPanicBefore(lines, floor, first, current);
        lines.traces.add(current);
        int index = first + 1;
        while (index < lines.size()) {
            String line = lines.get(index);
            if (line.isBlank()) {
                int next = lines.skipBlanks(index, 3);
                if (next < lines.size() && isGoroutineHeader(lines.get(next))) {
                    index = next;
                    continue;
                }
                break;
            }
            if (isGoroutineHeader(line)) {
                current = goroutine(line);
                lines.traces.add(current);
                index++;
                continue;
            }
            if (line.strip().equals("...additional frames elided...")) {
                index++;
                continue;
            }
            StackFrame frame = index + 1 < lines.size() ? frame(line, lines.get(index + 1)) : null;
            if (frame == null) {
                break;
            }
            current.frames.add(frame);
            lines.markFrame(index);
            lines.markFrame(index + 1);
            index += 2;
        }
        return index;
    }

    private static PartialTrace goroutine(String header) {
        PartialTrace trace = new PartialTrace("go");
        trace.message = header.strip().substring(0, header.strip().length() - 1);
        return trace;
    }

    /** The panic's (or fatal error's) line shortly before the first goroutine; the first when panics nest. */
    private static void readPanicBefore(TraceLines lines, int floor, int first, PartialTrace trace) {
        for (int index = first - 1; index >= floor && index >= first - 12; index--) {
            String text = lines.get(index).strip();
            for (String kind : new String[] {"panic", "fatal error"}) {
                if (text.startsWith(kind + ": ")) {
                    trace.exception = kind;
                    trace.message = RECOVERED.matcher(text.substring(kind.length() + 2)).replaceFirst("");
                }
            }
        }
    }

    /** The frame a function line and its file line make, else {@code null}. */
    static StackFrame frame(String functionLine, String fileLine) {
        if (fileLine.isEmpty() || !Character.isWhitespace(fileLine.charAt(0))) {
            return null;
        }
        String location = fileLine.strip();
        int extra = location.indexOf(" +0x");
        if (extra < 0) {
            extra = location.indexOf(" fp=");
        }
        if (extra >= 0) {
            location = location.substring(0, extra);
        }
        int colon = location.lastIndexOf(':');
        if (colon <= 0 || !FrameLines.isDigits(location, colon + 1, location.length())) {
            return null;
        }
        String function = function(functionLine.strip());
        if (function == null) {
            return null;
        }
        String file = location.substring(0, colon);
        String goPackage = goPackage(function);
        boolean library = goPackage == null || LibraryCode.go(goPackage, file);
        return new StackFrame("go", function, file, FrameLines.lineNumber(location.substring(colon + 1)), goPackage,
                library);
    }

    /** The function of a function line: without its arguments, or after {@code created by}. */
    private static String function(String text) {
        String name;
        if (text.startsWith("created by ")) {
            Matcher in = CREATED_IN.matcher(text);
            name = in.find() ? text.substring(11, in.start()) : text.substring(11);
        } else {
            if (!text.endsWith(")")) {
                return null;
            }
            int open = FrameLines.matchingOpen(text, text.length() - 1);
            if (open <= 0) {
                return null;
            }
            name = text.substring(0, open);
        }
        return name.isEmpty() || name.indexOf(' ') >= 0 || name.indexOf('\t') >= 0 ? null : name;
    }

    /** The package path of a function ({@code github.com/acme/app/server} of {@code ...server.(*S).Run}). */
    static String goPackage(String function) {
        int slash = function.lastIndexOf('/');
        int dot = function.indexOf('.', slash + 1);
        if (dot <= 0) {
            return null;
        }
        return function.substring(0, dot).replace("%2e", ".");
    }
}
