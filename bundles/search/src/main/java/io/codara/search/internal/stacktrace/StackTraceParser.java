package io.codara.search.internal.stacktrace;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the stack traces in pasted text or a log excerpt: JVM (Java, Kotlin, Scala), Python, JavaScript (Node, V8
 * browsers, Firefox, Safari), Go and .NET, with log prefixes, ANSI colours and any line endings around them.
 *
 * <p>Every exception of a chain (JVM {@code Caused by:}/{@code Suppressed:}, Python's chained tracebacks, .NET inner
 * exceptions, Node's {@code [cause]:}) and every goroutine of a Go dump is its own {@link StackTrace}. Traces come in
 * the order of the text, except that within one chain the root cause comes first, whatever order the runtime prints
 * it in: the root cause's frames are where the fault is, so a searcher that takes frames in order looks there first.
 * Each trace's revisions are the commits the whole text names (full ids first), then the versions of the
 * application jars in its own frames, then the versions the text names.
 *
 * <p>Time is linear in the length of the text: lines longer than {@value TraceText#MAX_LINE} characters are skipped,
 * and no pattern can backtrack over more than its line.
 */
public final class StackTraceParser {

    /** The stack traces in {@code text}, empty when there are none (never an exception for odd input). */
    public List<StackTrace> parse(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        TraceLines lines = new TraceLines(TraceText.lines(text));
        int floor = 0;
        int index = 0;
        while (index < lines.size()) {
            int next = readAt(lines, floor, index);
            if (next > index) {
                floor = next;
                index = next;
            } else {
                index++;
            }
        }
        Revisions revisions = Revisions.in(lines);
        List<StackTrace> traces = new ArrayList<>(lines.traces.size());
        for (PartialTrace trace : lines.traces) {
            traces.add(trace.toStackTrace(revisions.commits(), revisions.versions()));
        }
        return traces;
    }

    /** Reads the trace that starts at {@code index}, if one does; returns the line after it, or {@code index}. */
    private static int readAt(TraceLines lines, int floor, int index) {
        String line = lines.get(index);
        if (line.contains(PythonTraces.START)) {
            return PythonTraces.read(lines, index);
        }
        if (GoTraces.isGoroutineHeader(line)) {
            return GoTraces.read(lines, floor, index);
        }
        FrameLines.Parsed frame = FrameLines.atFrame(line);
        if (frame == null) {
            frame = FrameLines.firefox(line);
        }
        if (frame == null) {
            return index;
        }
        return switch (frame.frame().language()) {
            case "java" -> JvmTraces.read(lines, floor, index);
            case "dotnet" -> DotNetTraces.read(lines, floor, index);
            default -> JavaScriptTraces.read(lines, floor, index);
        };
    }
}
