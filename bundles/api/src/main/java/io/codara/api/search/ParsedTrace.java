package io.codara.api.search;

import java.util.List;

/**
 * A stack trace found in pasted text (one per exception of a chain, root cause first).
 *
 * @param language the trace's language
 * @param exception the exception or error type, or {@code null}
 * @param message the exception's message, or {@code null}
 * @param frames the frames, innermost first as printed
 * @param revisions commit ids or versions the text names, most specific first
 */
public record ParsedTrace(String language, String exception, String message, List<TraceFrame> frames,
        List<String> revisions) {

    public ParsedTrace {
        frames = List.copyOf(frames);
        revisions = List.copyOf(revisions);
    }
}
