package io.codara.search.internal.stacktrace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads a JavaScript error: V8's {@code at} frames (Node, Chrome, Edge) or Firefox's and Safari's
 * {@code name@url:line:column} frames, with Node's {@code [cause]:} chain (printed outermost first, returned root cause
 * first). Node's property block after the frames ({@code {code: 'ECONNREFUSED'}}) ends the trace.
 */
final class JavaScriptTraces {

    private JavaScriptTraces() {
    }

    /** Reads the trace whose first frame is at {@code first}; returns the index of the first line after it. */
    static int read(TraceLines lines, int floor, int first) {
        List<PartialTrace> chain = new ArrayList<>();
        PartialTrace current = new PartialTrace("javascript");
        lines.readHeaderBefore(floor, first, current);
        chain.add(current);
        int index = first;
        for (; index < lines.size(); index++) {
            FrameLines.Parsed parsed = frame(lines.get(index));
            if (parsed != null) {
                current.add(parsed);
                lines.markFrame(index);
                continue;
            }
            String text = lines.get(index).strip();
            if (text.startsWith("[cause]:")) {
                current = new PartialTrace("javascript", ExceptionHeader.parse(text));
                chain.add(current);
                continue;
            }
            if (text.startsWith("... ") && text.endsWith(" lines matching cause stack trace ...")) {
                continue;
            }
            break;
        }
        Collections.reverse(chain);
        lines.traces.addAll(chain);
        return index;
    }

    private static FrameLines.Parsed frame(String line) {
        FrameLines.Parsed parsed = FrameLines.atFrame(line);
        if (parsed == null) {
            parsed = FrameLines.firefox(line);
        }
        return parsed != null && parsed.frame().language().equals("javascript") ? parsed : null;
    }
}
