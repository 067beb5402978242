package io.codara.search.internal.stacktrace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a JVM (Java, Kotlin, Scala, Groovy, Clojure) exception with its chain: {@code Caused by:},
 * {@code Suppressed:} and logback's root-cause-first {@code Wrapped by:}. Every exception of the chain is its own
 * trace, root cause first: the JVM prints causes last, so a chain with {@code Caused by:} is reversed. Frames elided
 * as {@code ... 12 more} are not repeated: they are the enclosing exception's last frames.
 */
final class JvmTraces {

    private static final Pattern ELIDED = Pattern.compile("\\.\\.\\. ?\\d++ (?:more|common frames omitted)");

    /** A header's message may span lines; after this many without a frame, the lines were something else. */
    private static final int MAX_MESSAGE_LINES = 20;

    private JvmTraces() {
    }

    /** Reads the trace whose first frame is at {@code first}; returns the index of the first line after it. */
    static int read(TraceLines lines, int floor, int first) {
        List<PartialTrace> chain = new ArrayList<>();
        PartialTrace current = new PartialTrace("java");
        lines.readHeaderBefore(floor, first, current);
        chain.add(current);
        boolean causedBy = false;
        int headerEnd = -1; // the line after the last chained header, while its message lines are read
        String headerMessage = null;
        int index = first;
        for (; index < lines.size(); index++) {
            String line = lines.get(index);
            FrameLines.Parsed parsed = FrameLines.atFrame(line);
            if (parsed != null) {
                if (!parsed.frame().language().equals("java")) {
                    break;
                }
                current.add(parsed);
                lines.markFrame(index);
                headerEnd = -1;
                continue;
            }
            String text = line.strip();
            if (text.isEmpty()) {
                break;
            }
            if (ELIDED.matcher(text).matches() || text.startsWith("[CIRCULAR REFERENCE")) {
                continue;
            }
            if (text.startsWith("Caused by:") || text.startsWith("Suppressed:") || text.startsWith("Wrapped by:")) {
                causedBy |= text.startsWith("Caused by:");
                current = new PartialTrace("java", ExceptionHeader.parse(text));
                chain.add(current);
                headerEnd = index + 1;
                headerMessage = current.message;
                continue;
            }
            if (headerEnd >= 0 && index - headerEnd < MAX_MESSAGE_LINES) {
                current.appendMessage(text);
                continue;
            }
            break;
        }
        if (headerEnd >= 0 && index > headerEnd) {
            // the lines after the last header led to no frame: they were not its message
            current.message = headerMessage;
            index = headerEnd;
        }
        if (causedBy) {
            Collections.reverse(chain);
        }
        lines.traces.addAll(chain);
        return index;
    }
}
