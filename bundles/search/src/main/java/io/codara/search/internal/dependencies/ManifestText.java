package io.codara.search.internal.dependencies;

/** What the parsers share about paths and lines of a manifest. */
final class ManifestText {

    private ManifestText() {
    }

    /** The last segment of a repository path. */
    static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }

    /** The 1-based line of {@code offset} in {@code content}. */
    static int lineAt(String content, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < content.length(); i++) {
            if (content.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * The line of the first occurrence of {@code token} at or after {@code from}, or 0; for formats whose parser
     * reports no positions (JSON and TOML read as trees), where the key names the declaration.
     */
    static int lineOf(String content, String token, int from) {
        int at = content.indexOf(token, Math.max(0, from));
        return at < 0 ? 0 : lineAt(content, at);
    }

    /** {@code null} for a blank string, else the trimmed string. */
    static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
