package io.codara.search.internal.stacktrace;

import java.util.ArrayList;
import java.util.List;

/** The normalised lines of a pasted text, the traces found so far, and which lines were read as frames. */
final class TraceLines {

    private final List<String> lines;
    private final boolean[] frameLines;
    final List<PartialTrace> traces = new ArrayList<>();

    TraceLines(List<String> lines) {
        this.lines = lines;
        this.frameLines = new boolean[lines.size()];
    }

    int size() {
        return lines.size();
    }

    String get(int index) {
        return lines.get(index);
    }

    boolean isBlank(int index) {
        return lines.get(index).isBlank();
    }

    void markFrame(int index) {
        frameLines[index] = true;
    }

    boolean isFrame(int index) {
        return frameLines[index];
    }

    /** The index of the first non-blank line from {@code from} on, skipping at most {@code blanks} blank lines. */
    int skipBlanks(int from, int blanks) {
        int index = from;
        while (index < lines.size() && index - from < blanks && isBlank(index)) {
            index++;
        }
        return index;
    }

    /**
     * Finds the header of the frames that start at {@code first}, looking back over at most eight non-blank lines
     * (not before {@code floor}), and gives {@code trace} its type and message, with the lines between the header
     * and the first frame (messages span lines: SQL errors, validation reports). The nearest line naming a qualified
     * or exception-like type wins; only when there is none may the line right before the frames name any type, so
     * that a message line like {@code Detail: Key (id)=(17) already exists.} is not taken for a header.
     */
    void readHeaderBefore(int floor, int first, PartialTrace trace) {
        int headerLine = -1;
        ExceptionHeader header = null;
        for (int index = first - 1; index >= floor && index >= first - 8; index--) {
            if (isBlank(index) || isFrame(index)) {
                break;
            }
            ExceptionHeader found = ExceptionHeader.find(lines.get(index));
            if (found != null && found.plausible()) {
                headerLine = index;
                header = found;
                break;
            }
            if (found != null && index == first - 1) {
                headerLine = index;
                header = found;
            }
        }
        if (header == null) {
            return;
        }
        trace.exception = header.type();
        trace.message = header.message();
        for (int more = headerLine + 1; more < first; more++) {
            trace.appendMessage(lines.get(more).strip());
        }
    }
}
