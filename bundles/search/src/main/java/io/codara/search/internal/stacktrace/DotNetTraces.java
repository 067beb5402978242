package io.codara.search.internal.stacktrace;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a .NET exception: the header chain ({@code Outer: msg ---> Inner: msg}, inline or one per line), the frame
 * blocks (innermost exception's first, each closed by {@code --- End of inner exception stack trace ---}), and an
 * {@code AggregateException}'s {@code ---> (Inner Exception #N)} parts. Each exception is its own trace, root cause
 * first, which is the order .NET prints the frame blocks in.
 */
final class DotNetTraces {

    private static final String END_OF_INNER = "--- End of inner exception stack trace ---";
    private static final String INNER_EXCEPTION = "---> (Inner Exception #";

    private DotNetTraces() {
    }

    /** Reads the trace whose first frame is at {@code first}; returns the index of the first line after it. */
    static int read(TraceLines lines, int floor, int first) {
        Chain chain = new Chain(headersBefore(lines, floor, first));
        int index = first;
        for (; index < lines.size(); index++) {
            FrameLines.Parsed parsed = FrameLines.atFrame(lines.get(index));
            if (parsed != null) {
                if (!parsed.frame().language().equals("dotnet")) {
                    break;
                }
                chain.blocks.get(chain.blocks.size() - 1).add(parsed);
                lines.markFrame(index);
                continue;
            }
            String text = lines.get(index).strip();
            if (text.startsWith(END_OF_INNER)) {
                chain.blocks.add(new ArrayList<>());
            } else if (text.startsWith("--- End of stack trace from previous location") || text.equals("<---")) {
                continue; // an async boundary, or the end of an inner exception's text
            } else if (text.startsWith(INNER_EXCEPTION)) {
                chain.emit(lines);
                int close = text.indexOf(')');
                chain = new Chain(headersIn(close < 0 ? "" : text.substring(close + 1)));
            } else if (text.startsWith("--->") && chain.hasNoFrames()) {
                chain.headers.addAll(headersIn(text.substring(4)));
            } else {
                break;
            }
        }
        chain.emit(lines);
        return index;
    }

    /** The header chain, outermost first, in the lines before {@code first}. */
    private static List<ExceptionHeader> headersBefore(TraceLines lines, int floor, int first) {
        List<String> inner = new ArrayList<>();
        for (int index = first - 1; index >= floor && index >= first - 12; index--) {
            String text = lines.get(index).strip();
            if (text.isEmpty() || lines.isFrame(index)) {
                break;
            }
            if (text.startsWith("--->")) {
                inner.add(0, text.substring(4));
                continue;
            }
            List<ExceptionHeader> headers = headersIn(text);
            if (headers.isEmpty()) {
                break;
            }
            for (String line : inner) {
                headers.addAll(headersIn(line));
            }
            return headers;
        }
        List<ExceptionHeader> headers = new ArrayList<>();
        for (String line : inner) {
            headers.addAll(headersIn(line));
        }
        return headers;
    }

    /** The headers of a line that may chain several inline ({@code A: x ---> B: y}); empty when it names none. */
    private static List<ExceptionHeader> headersIn(String text) {
        List<ExceptionHeader> headers = new ArrayList<>();
        for (String part : text.split(" ---> ")) {
            ExceptionHeader header = headers.isEmpty() ? ExceptionHeader.find(part) : ExceptionHeader.parse(part);
            if (header == null) {
                break;
            }
            headers.add(header);
        }
        return headers;
    }

    /** One exception with its inner ones: headers outermost first, frame blocks innermost first. */
    private static final class Chain {
        final List<ExceptionHeader> headers;
        final List<List<FrameLines.Parsed>> blocks = new ArrayList<>();

        Chain(List<ExceptionHeader> headers) {
            this.headers = new ArrayList<>(headers);
            blocks.add(new ArrayList<>());
        }

        boolean hasNoFrames() {
            return blocks.stream().allMatch(List::isEmpty);
        }

        /** Adds a trace per exception, root cause first: block {@code i} belongs to the {@code i}-th innermost. */
        void emit(TraceLines lines) {
            int count = Math.max(headers.size(), blocks.size());
            for (int i = 0; i < count; i++) {
                int header = headers.size() - 1 - i;
                PartialTrace trace = new PartialTrace("dotnet", header >= 0 ? headers.get(header) : null);
                if (i < blocks.size()) {
                    blocks.get(i).forEach(trace::add);
                }
                if (trace.exception != null || !trace.frames.isEmpty()) {
                    lines.traces.add(trace);
                }
            }
        }
    }
}
