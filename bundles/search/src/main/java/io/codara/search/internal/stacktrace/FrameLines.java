package io.codara.search.internal.stacktrace;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one frame from one line, for the traces whose frames stand alone on a line: JVM, V8 (Node, Chrome, Edge),
 * .NET ({@code at ...}), Firefox and Safari ({@code name@url:line:column}) and Python ({@code File "..."}). Go frames
 * take two lines and are read by {@link GoTraces}. Every pattern is anchored or starts at a literal, and uses
 * possessive or delimited quantifiers, so a line costs time linear in its length.
 */
final class FrameLines {

    /** A frame and, for a JVM frame with a jar suffix, the jar's version. */
    record Parsed(StackFrame frame, String version) {
    }

    private static final Pattern JVM = Pattern.compile(
            "([\\p{L}\\p{N}_$.<>/@+\\-]++)\\(([^()]*+)\\)\\s*+(?:~?\\[([^\\]]*+)\\])?\\s*+");

    private static final Pattern JVM_LOCATION = Pattern.compile(
            "(?:(Native Method|Unknown Source|<generated>|Redefined|SourceFile"
                    + "|[^\\s:()]++\\.(?:java|kt|kts|scala|groovy|clj|cljc|jav|ceylon|gradle))(?::(\\d++))?)"
                    + "|([\\w$.-]++):(\\d++)");

    private static final Pattern JAR_VERSION = Pattern.compile("-(\\d[\\w.+-]*+)\\.jar");

    private static final Pattern DOTNET = Pattern.compile(
            "([^\\s(]++) ?\\(([^()]*+)\\)(?: ?\\[0x[0-9a-fA-F]++\\])?(?: in (.+):(?:line )?(\\d++))?\\s*+(?:<---)?");

    private static final Pattern FIREFOX_NAME = Pattern.compile("(?:[\\w ]{1,40}\\*)?[^\\s@]*+");

    private static final Pattern PYTHON = Pattern.compile("File \"([^\"]++)\", line (\\d++)(?:, in (.++))?");

    private static final Pattern PYTHON_ROOT = Pattern.compile(
            "^.*(?:site-packages|dist-packages|[/\\\\]lib(?:64)?[/\\\\](?:python|pypy)\\d*(?:\\.\\d+)?t?"
                    + "|[/\\\\]python\\d*[/\\\\]lib)[/\\\\]",
            Pattern.CASE_INSENSITIVE);

    private FrameLines() {
    }

    /**
     * The JVM, V8 or .NET frame on {@code line} (which may carry an unknown log prefix before {@code at}), else
     * {@code null}. Only the first three {@code at} words of a line are tried.
     */
    static Parsed atFrame(String line) {
        int from = 0;
        for (int tries = 0; tries < 3; tries++) {
            int at = nextAtWord(line, from);
            if (at < 0) {
                return null;
            }
            String rest = line.substring(at + 3).strip();
            Parsed parsed = jvm(rest);
            if (parsed == null) {
                parsed = v8(rest);
            }
            if (parsed == null) {
                parsed = dotnet(rest);
            }
            if (parsed != null) {
                return parsed;
            }
            from = at + 2;
        }
        return null;
    }

    /** The index of the next word {@code at} followed by a blank, at the start or after a blank or separator. */
    private static int nextAtWord(String line, int from) {
        int at = line.indexOf("at", from);
        while (at >= 0) {
            boolean startOk = at == 0 || " \t|]:>".indexOf(line.charAt(at - 1)) >= 0;
            boolean endOk = at + 2 < line.length() && (line.charAt(at + 2) == ' ' || line.charAt(at + 2) == '\t');
            if (startOk && endOk) {
                return at;
            }
            at = line.indexOf("at", at + 1);
        }
        return -1;
    }

    static Parsed jvm(String rest) {
        Matcher m = JVM.matcher(rest);
        if (!m.matches()) {
            return null;
        }
        Matcher location = JVM_LOCATION.matcher(m.group(2));
        if (!location.matches()) {
            return null;
        }
        String name = m.group(1);
        String modulePrefix = null;
        int slash = name.lastIndexOf('/');
        if (slash >= 0 && name.startsWith("0x", slash + 1)) {
            // a hidden class (Foo$$Lambda$14/0x0000000800c03000) has a slash of its own
            slash = name.lastIndexOf('/', slash - 1);
        }
        if (slash >= 0) {
            modulePrefix = name.substring(0, name.indexOf('/'));
            name = name.substring(slash + 1);
        }
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1 || !Character.isJavaIdentifierStart(name.charAt(0))) {
            return null;
        }
        String className = name.substring(0, dot);
        String file = location.group(1) != null ? location.group(1) : location.group(3);
        String lineText = location.group(1) != null ? location.group(2) : location.group(4);
        if (file.equals("Native Method") || file.equals("Unknown Source") || file.equals("<generated>")
                || file.equals("Redefined")) {
            file = null;
        }
        StackFrame frame = new StackFrame("java", name, file, lineNumber(lineText), topLevelClass(className),
                LibraryCode.jvm(className, modulePrefix));
        return new Parsed(frame, jarVersion(m.group(3)));
    }

    /** The top-level class of a JVM class name: no nested, lambda, proxy or hidden-class suffix. */
    private static String topLevelClass(String className) {
        int slash = className.indexOf('/');
        String name = slash < 0 ? className : className.substring(0, slash);
        int lastDot = name.lastIndexOf('.');
        int dollar = name.indexOf('$', lastDot + 2); // a class named $Proxy12 keeps its dollar
        return dollar < 0 ? name : name.substring(0, dollar);
    }

    /** The version a log4j/logback extended frame suffix names ({@code ~[app-1.4.2.jar:1.4.2]}), else null. */
    private static String jarVersion(String suffix) {
        if (suffix == null) {
            return null;
        }
        int colon = suffix.lastIndexOf(':');
        String version = colon < 0 ? "" : suffix.substring(colon + 1).strip();
        if (!version.isEmpty() && Character.isDigit(version.charAt(0))) {
            return version;
        }
        Matcher m = JAR_VERSION.matcher(colon < 0 ? suffix : suffix.substring(0, colon));
        return m.find() ? m.group(1) : null;
    }

    /** A V8 frame after its {@code at}: {@code fn (location)}, {@code location}, with {@code async}/{@code new}. */
    static Parsed v8(String rest) {
        String text = rest;
        if (text.endsWith(" {")) {
            text = text.substring(0, text.length() - 2).stripTrailing(); // Node prints the error's own properties
        }
        if (text.startsWith("async ")) {
            text = text.substring(6).stripLeading();
        }
        String function = null;
        String location = text;
        if (text.endsWith(")")) {
            int open = matchingOpen(text, text.length() - 1);
            if (open <= 0 || text.charAt(open - 1) != ' ') {
                return null;
            }
            function = text.substring(0, open).strip();
            location = text.substring(open + 1, text.length() - 1);
            if (location.startsWith("eval at ")) {
                // "eval at fn (/app/x.js:1:2), <anonymous>:1:3": the eval's caller is what the repository holds
                int inner = location.indexOf('(');
                int close = location.indexOf(')', inner + 1);
                if (inner < 0 || close < 0) {
                    return null;
                }
                location = location.substring(inner + 1, close);
            }
        } else if (text.indexOf(' ') >= 0 || !looksLikePath(text)) {
            return null;
        }
        if (!endsWithLineAndColumn(location) && !isSpecialLocation(location)) {
            return null; // V8 always prints a line and a column: "at 3:14" in a message is no frame
        }
        return javascriptFrame(function, location);
    }

    /** A Firefox or Safari frame: {@code fn@https://host/app.js:10:5}, {@code @file.js:1:2}, {@code fn@[native code]}. */
    static Parsed firefox(String line) {
        String text = line.strip();
        int at = text.indexOf('@');
        if (at < 0 || !FIREFOX_NAME.matcher(text.substring(0, at)).matches()) {
            return null;
        }
        String location = text.substring(at + 1);
        if (!location.equals("[native code]") && !(location.contains("://") || location.startsWith("/"))) {
            return null;
        }
        if (!location.equals("[native code]") && !endsWithLineAndColumn(location)) {
            return null;
        }
        return javascriptFrame(at == 0 ? null : text.substring(0, at), location);
    }

    /** Whether a bare V8 location is a path or URL ({@code /app/x.js}, {@code file:///}, {@code node:fs}). */
    private static boolean looksLikePath(String location) {
        return location.indexOf('/') >= 0 || location.indexOf('\\') >= 0 || location.startsWith("node:");
    }

    private static boolean isSpecialLocation(String location) {
        return location.equals("<anonymous>") || location.equals("native") || location.equals("[native code]")
                || location.startsWith("index ") || location.equals("unknown location");
    }

    private static boolean endsWithLineAndColumn(String location) {
        int column = location.lastIndexOf(':');
        int line = column > 0 ? location.lastIndexOf(':', column - 1) : -1;
        return line > 0 && isDigits(location, line + 1, column) && isDigits(location, column + 1, location.length());
    }

    private static Parsed javascriptFrame(String function, String location) {
        String file;
        int line = 0;
        if (isSpecialLocation(location)) {
            file = null;
        } else {
            int last = location.lastIndexOf(':');
            if (last <= 0 || !isDigits(location, last + 1, location.length())) {
                return null;
            }
            int before = location.lastIndexOf(':', last - 1);
            if (before > 0 && isDigits(location, before + 1, last)) {
                file = location.substring(0, before);
                line = lineNumber(location.substring(before + 1, last));
            } else {
                file = location.substring(0, last);
                line = lineNumber(location.substring(last + 1));
            }
            if (file.isEmpty()) {
                return null;
            }
        }
        String name = function == null || function.isEmpty() ? null : function;
        boolean library = LibraryCode.javascript(location);
        return new Parsed(new StackFrame("javascript", name, file, line, nodePackage(file), library), null);
    }

    /** The npm package a file under {@code node_modules} belongs to ({@code @scope/name} or {@code name}). */
    private static String nodePackage(String file) {
        if (file == null) {
            return null;
        }
        String path = file.replace('\\', '/');
        int modules = path.lastIndexOf("node_modules/");
        if (modules < 0) {
            return null;
        }
        String[] parts = path.substring(modules + "node_modules/".length()).split("/");
        if (parts.length >= 2 && parts[0].startsWith("@")) {
            return parts[0] + "/" + parts[1];
        }
        return parts.length >= 2 ? parts[0] : null;
    }

    /** A .NET frame after its {@code at}: {@code Ns.Type.Method(Args) in path:line N} (Mono: {@code path:N}). */
    static Parsed dotnet(String rest) {
        Matcher m = DOTNET.matcher(rest);
        if (!m.matches()) {
            return null;
        }
        String function = m.group(1);
        int dot = function.lastIndexOf('.');
        if (dot <= 0 || !(Character.isLetter(function.charAt(0)) || function.charAt(0) == '_'
                || function.charAt(0) == '<')) {
            return null;
        }
        String file = m.group(3);
        if (file != null && file.startsWith("<") && file.endsWith(">")) {
            file = null; // Mono's <filename unknown>
        }
        int line = file == null ? 0 : lineNumber(m.group(4));
        return new Parsed(new StackFrame("dotnet", function, file, line, dotnetType(function.substring(0, dot)),
                LibraryCode.dotnet(function)), null);
    }

    /** The declaring source type of a .NET frame: without compiler-generated nested types, arity or nesting. */
    private static String dotnetType(String type) {
        StringBuilder out = new StringBuilder();
        for (String part : type.split("\\.")) {
            if (part.isEmpty() || part.charAt(0) == '<') {
                break;
            }
            int plus = part.indexOf('+');
            int tick = part.indexOf('`');
            int cut = plus < 0 ? tick : tick < 0 ? plus : Math.min(plus, tick);
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(cut < 0 ? part : part.substring(0, cut));
            if (cut >= 0 && plus >= 0) {
                break;
            }
        }
        return out.length() == 0 ? null : out.toString();
    }

    /** The Python frame on {@code line}: {@code File "path", line N, in function}, else {@code null}. */
    static StackFrame python(String line) {
        int file = line.indexOf("File \"");
        if (file < 0) {
            return null;
        }
        Matcher m = PYTHON.matcher(line);
        m.region(file, line.length());
        if (!m.lookingAt()) {
            return null;
        }
        String path = m.group(1);
        String function = m.group(3) == null ? null : m.group(3).strip();
        Matcher root = PYTHON_ROOT.matcher(path);
        String module = root.lookingAt() ? path.substring(root.end()) : path;
        return new StackFrame("python", function, path, lineNumber(m.group(2)), module, LibraryCode.python(path));
    }

    /** The index of the {@code (} that {@code )} at {@code close} closes, or -1. */
    static int matchingOpen(String text, int close) {
        int depth = 0;
        for (int i = close; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    static boolean isDigits(String text, int from, int to) {
        if (from >= to || to - from > 9) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    static int lineNumber(String digits) {
        if (digits == null || digits.isEmpty() || digits.length() > 9) {
            return 0;
        }
        return Integer.parseInt(digits);
    }
}
