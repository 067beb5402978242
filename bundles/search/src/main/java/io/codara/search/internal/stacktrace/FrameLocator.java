package io.codara.search.internal.stacktrace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tells where in a repository the file of a frame may be, as path suffixes to match against indexed paths.
 *
 * <p>Contract: {@link #candidatePaths} returns repository-relative suffixes with {@code /} separators, no leading
 * {@code /}, no {@code .} or {@code ..} components, most specific (longest) first. An indexed path {@code p} matches
 * a candidate {@code c} when {@code p.equals(c)} or {@code p.endsWith("/" + c)}; the first candidate that matches
 * any indexed path is the best evidence, and a searcher should stop there (a bare file name like {@code index.js}
 * matches many files). The list is empty when the frame names nothing a repository holds (native code,
 * {@code node:} internals, {@code <frozen ...>}, {@code <anonymous>}).
 *
 * <ul>
 *   <li>JVM: the package's directories and the file the frame prints ({@code com/acme/Parser.java}), else the
 *       top-level class's name with {@code .java}; for Kotlin, Scala and Groovy files also the bare file name, since
 *       their directories need not follow the package.</li>
 *   <li>Python, JavaScript, Go, .NET: the printed path (URL scheme and host, {@code webpack://} namespace, query,
 *       Windows drive and a Go module cache's {@code module@version/} removed) and each shorter suffix of it:
 *       {@code /app/src/x.js} gives {@code app/src/x.js}, {@code src/x.js}, {@code x.js}.</li>
 *   <li>.NET without a file: the type's namespace as directories ({@code Acme/Orders/OrderService.cs}) and its
 *       suffixes.</li>
 * </ul>
 */
public final class FrameLocator {

    /** Suffixes longer than this many components never match a repository's path in practice. */
    private static final int MAX_COMPONENTS = 12;

    /** The path suffixes to look for, longest first; empty when the frame names no file of a repository. */
    public List<String> candidatePaths(StackFrame frame) {
        return switch (frame.language()) {
            case "java" -> jvm(frame);
            case "python" -> suffixes(frame.module() != null ? frame.module() : frame.file());
            case "javascript" -> frame.file() == null ? List.of() : suffixes(javascriptPath(frame.file()));
            case "go" -> suffixes(goPath(frame.file()));
            case "dotnet" -> frame.file() != null ? suffixes(frame.file())
                    : frame.module() == null ? List.of() : suffixes(frame.module().replace('.', '/') + ".cs");
            default -> suffixes(frame.file());
        };
    }

    private static List<String> jvm(StackFrame frame) {
        if (frame.module() == null) {
            return frame.file() == null ? List.of() : List.of(frame.file());
        }
        String className = frame.module();
        int dot = className.lastIndexOf('.');
        String directory = dot < 0 ? "" : className.substring(0, dot).replace('.', '/') + "/";
        String simpleName = className.substring(dot + 1);
        String file = frame.file();
        if (file == null || file.indexOf('.') <= 0) {
            file = simpleName + ".java";
        }
        List<String> candidates = new ArrayList<>();
        candidates.add(directory + file);
        if (frame.file() == null && simpleName.endsWith("Kt") && simpleName.length() > 2) {
            candidates.add(directory + simpleName.substring(0, simpleName.length() - 2) + ".kt");
        }
        if (!file.endsWith(".java") && !directory.isEmpty()) {
            candidates.add(file);
        }
        return candidates;
    }

    /** A JavaScript location as a path: without scheme, host, webpack namespace, query or fragment. */
    private static String javascriptPath(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("node:") || lower.startsWith("internal/") || lower.startsWith("<")) {
            return null;
        }
        String path = location;
        int query = indexOfAny(path, '?', '#');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        int scheme = path.indexOf("://");
        if (scheme > 0) {
            String name = lower.substring(0, scheme);
            String rest = path.substring(scheme + 3);
            if (name.equals("file") || rest.startsWith("/")) {
                path = rest;
            } else {
                int slash = rest.indexOf('/');
                path = slash < 0 ? "" : rest.substring(slash); // the host, or webpack's namespace
            }
        }
        return path;
    }

    /** A Go file's path, inside its module when it is in the module cache ({@code .../mod/x/y@v1.2.3/z.go}). */
    private static String goPath(String file) {
        if (file == null || file.startsWith("<")) {
            return null;
        }
        String path = file.replace('\\', '/');
        int at = path.lastIndexOf('@');
        if (at >= 0 && path.indexOf('/', at) > 0) {
            path = path.substring(path.indexOf('/', at) + 1);
        }
        return path;
    }

    /** {@code path} and each shorter suffix of it that ends at a component boundary. */
    private static List<String> suffixes(String path) {
        if (path == null || path.isBlank() || path.startsWith("<")) {
            return List.of();
        }
        List<String> components = new ArrayList<>();
        for (String component : path.replace('\\', '/').split("/")) {
            boolean drive = components.isEmpty() && component.length() == 2 && component.charAt(1) == ':';
            if (!component.isEmpty() && !component.equals(".") && !component.equals("..") && !drive) {
                components.add(component);
            }
        }
        List<String> candidates = new ArrayList<>();
        int from = Math.max(0, components.size() - MAX_COMPONENTS);
        for (int start = from; start < components.size(); start++) {
            candidates.add(String.join("/", components.subList(start, components.size())));
        }
        return candidates;
    }

    private static int indexOfAny(String text, char first, char second) {
        int a = text.indexOf(first);
        int b = text.indexOf(second);
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }
}
