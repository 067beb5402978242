package io.codara.search.internal.stacktrace;

import java.util.List;

/**
 * A stack trace found in pasted text.
 *
 * @param language the trace's language (as in {@link StackFrame#language()})
 * @param exception the exception or error type, or {@code null}
 * @param message the exception's message, or {@code null}
 * @param frames the frames, innermost first as printed
 * @param revisions commit ids or version strings the text names (e.g. a 7-40 hex commit in a log line or a jar's
 *        version in {@code ~[app-1.4.2.jar:1.4.2]}), most specific first; empty when none
 */
public record StackTrace(String language, String exception, String message, List<StackFrame> frames,
        List<String> revisions) {
}
