package io.codara.api.search;

/**
 * One frame of a stack trace, as parsed from pasted text.
 *
 * @param language {@code java, python, javascript, go, dotnet}
 * @param function the function or method as printed, or {@code null}
 * @param file the file as printed (a path, or a bare file name as Java prints it), or {@code null}
 * @param line the 1-based line, or 0 when the frame has none
 * @param module a hint to find the file (Java's class, a Python or Go module), or {@code null}
 * @param library whether the frame is in the runtime or a third-party library
 */
public record TraceFrame(String language, String function, String file, int line, String module, boolean library) {
}
