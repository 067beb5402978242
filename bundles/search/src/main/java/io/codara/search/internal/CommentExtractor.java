package io.codara.search.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the comments and docstrings of source files, line by line, with one small scanner per comment syntax: it
 * knows string literals (so {@code "http://x"} is no comment) but no grammar, so it never fails on odd source and
 * runs in one pass. Natural-language search reads what it finds.
 */
final class CommentExtractor {

    /** Languages (Codara's names) with {@code //} and {@code /* *}{@code /} comments. */
    private static final Set<String> C_STYLE = Set.of("java", "kotlin", "scala", "groovy", "javascript", "typescript",
            "tsx", "jsx", "go", "c", "c++", "c#", "objective-c", "objective-c++", "rust", "swift", "dart", "php",
            "protocol buffer", "apex", "solidity", "zig", "v", "d", "cuda", "hack");
    /** Languages with {@code #} comments. */
    private static final Set<String> HASH_STYLE = Set.of("python", "ruby", "shell", "perl", "r", "yaml", "toml",
            "makefile", "dockerfile", "cmake", "elixir", "nim", "powershell", "crystal", "starlark", "gdscript",
            "julia", "tcl", "nix");
    /** Languages with {@code --} comments. */
    private static final Set<String> DASH_STYLE = Set.of("sql", "plsql", "tsql", "plpgsql", "lua", "haskell", "elm",
            "ada", "vhdl");
    /** Languages whose strings may span lines between backticks. */
    private static final Set<String> BACKTICK_STRINGS = Set.of("javascript", "typescript", "tsx", "jsx", "go");
    /** Languages whose triple-quoted strings, alone at the start of a statement, are docstrings. */
    private static final Set<String> DOCSTRINGS = Set.of("python", "nim", "julia", "elixir");

    /**
     * A comment's text on one line (a block comment gives one per line).
     *
     * @param line the 1-based line
     * @param text the comment's text on that line, without its markers
     */
    record Comment(int line, String text) {
    }

    private CommentExtractor() {
    }

    /** The comments of a file in {@code language} (or, when that is unknown, as its extension suggests). */
    static List<Comment> comments(String language, String path, String text) {
        String lang = language != null ? language.toLowerCase(Locale.ROOT) : byExtension(path);
        if (lang == null) {
            return List.of();
        }
        Scanner scanner = new Scanner(text, lang);
        if (C_STYLE.contains(lang)) {
            scanner.scan("//", "/*", "*/", lang.equals("php") ? "#" : null);
        } else if (HASH_STYLE.contains(lang)) {
            scanner.scan("#", null, null, null);
        } else if (DASH_STYLE.contains(lang)) {
            scanner.scan("--", lang.equals("haskell") || lang.equals("elm") ? "{-" : lang.startsWith("sql")
                    || lang.endsWith("sql") ? "/*" : null, lang.equals("haskell") || lang.equals("elm") ? "-}" : "*/",
                    null);
        } else {
            return List.of();
        }
        return scanner.out;
    }

    private static String byExtension(String path) {
        if (path == null) {
            return null;
        }
        int dot = path.lastIndexOf('.');
        String ext = dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "java" -> "java";
            case "kt", "kts" -> "kotlin";
            case "js", "mjs", "cjs", "jsx" -> "javascript";
            case "ts", "tsx" -> "typescript";
            case "go" -> "go";
            case "c", "h" -> "c";
            case "cc", "cpp", "cxx", "hpp", "hh" -> "c++";
            case "cs" -> "c#";
            case "rs" -> "rust";
            case "swift" -> "swift";
            case "scala" -> "scala";
            case "php" -> "php";
            case "py" -> "python";
            case "rb" -> "ruby";
            case "sh", "bash" -> "shell";
            case "sql" -> "sql";
            default -> null;
        };
    }

    /** One pass over a text, collecting comment lines. */
    private static final class Scanner {
        final String text;
        final String lang;
        final List<Comment> out = new ArrayList<>();
        int i;
        int line = 1;

        Scanner(String text, String lang) {
            this.text = text;
            this.lang = lang;
        }

        void scan(String lineComment, String blockOpen, String blockClose, String otherLineComment) {
            int n = text.length();
            while (i < n) {
                char c = text.charAt(i);
                if (c == '\n') {
                    line++;
                    i++;
                } else if (text.startsWith(lineComment, i)) {
                    lineComment(lineComment.length());
                } else if (otherLineComment != null && text.startsWith(otherLineComment, i)) {
                    lineComment(otherLineComment.length());
                } else if (blockOpen != null && text.startsWith(blockOpen, i)) {
                    block(blockOpen.length(), blockClose);
                } else if (c == '"' || c == '\'') {
                    if (text.startsWith(String.valueOf(c).repeat(3), i)) {
                        tripleQuoted(c);
                    } else {
                        quoted(c);
                    }
                } else if (c == '`' && BACKTICK_STRINGS.contains(lang)) {
                    backtick();
                } else {
                    i++;
                }
            }
        }

        private void lineComment(int markerLength) {
            int end = text.indexOf('\n', i);
            if (end < 0) {
                end = text.length();
            }
            add(line, text.substring(i + markerLength, end));
            i = end;
        }

        private void block(int markerLength, String close) {
            int end = text.indexOf(close, i + markerLength);
            int stop = end < 0 ? text.length() : end;
            lines(i + markerLength, stop);
            i = end < 0 ? stop : end + close.length();
        }

        /** Adds {@code text[from, to)} line by line, counting the lines it crosses. */
        private void lines(int from, int to) {
            int start = from;
            for (int k = from; k < to; k++) {
                if (text.charAt(k) == '\n') {
                    add(line, text.substring(start, k));
                    line++;
                    start = k + 1;
                }
            }
            add(line, text.substring(start, to));
        }

        /**
         * A string on one line; an opening quote with no closing one on its line is no string (a Rust lifetime, an
         * apostrophe in a shell comment's neighbour) and is skipped alone.
         */
        private void quoted(char quote) {
            for (int k = i + 1; k < text.length(); k++) {
                char c = text.charAt(k);
                if (c == '\\') {
                    k++;
                } else if (c == quote) {
                    i = k + 1;
                    return;
                } else if (c == '\n') {
                    break;
                }
            }
            i++;
        }

        private void tripleQuoted(char quote) {
            String marker = String.valueOf(quote).repeat(3);
            int end = text.indexOf(marker, i + 3);
            int stop = end < 0 ? text.length() : end;
            if (DOCSTRINGS.contains(lang) && startsStatement(i)) {
                lines(i + 3, stop);
            } else {
                for (int k = i; k < stop; k++) {
                    if (text.charAt(k) == '\n') {
                        line++;
                    }
                }
            }
            i = end < 0 ? stop : end + 3;
        }

        private void backtick() {
            int k = i + 1;
            for (; k < text.length(); k++) {
                char c = text.charAt(k);
                if (c == '\\') {
                    if (k + 1 < text.length() && text.charAt(k + 1) == '\n') {
                        line++;
                    }
                    k++;
                } else if (c == '`') {
                    break;
                } else if (c == '\n') {
                    line++;
                }
            }
            i = Math.min(k + 1, text.length());
        }

        /** Whether only whitespace precedes {@code at} on its line: a string there is a statement of its own. */
        private boolean startsStatement(int at) {
            for (int k = at - 1; k >= 0 && text.charAt(k) != '\n'; k--) {
                if (!Character.isWhitespace(text.charAt(k))) {
                    return false;
                }
            }
            return true;
        }

        private void add(int at, String comment) {
            String stripped = comment.strip();
            // Leading stars of Javadoc-style blocks and doc-comment markers (///, //!, /**) carry no words.
            int k = 0;
            while (k < stripped.length() && (stripped.charAt(k) == '*' || stripped.charAt(k) == '/'
                    || stripped.charAt(k) == '!')) {
                k++;
            }
            stripped = stripped.substring(k).strip();
            if (!stripped.isEmpty()) {
                out.add(new Comment(at, stripped));
            }
        }
    }
}
