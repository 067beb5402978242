package io.codara.search.internal.stacktrace;

/**
 * One frame of a stack trace.
 *
 * @param language {@code java, python, javascript, go, dotnet}
 * @param function the function or method as printed (e.g. {@code com.acme.Parser.parse}), or {@code null}
 * @param file the file as printed (a path, or a bare file name as Java prints it), or {@code null}
 * @param line the 1-based line, or 0 when the frame has none
 * @param module a hint to find the file: Java's package/class ({@code com.acme.Parser}), a Go or Python module, or
 *        {@code null}
 * @param library whether the frame is in the runtime or a third-party library (JDK, node:internal, site-packages,
 *        GOROOT, System.*): shown, but not searched first
 */
public record StackFrame(String language, String function, String file, int line, String module, boolean library) {
}
