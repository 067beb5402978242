package io.codara.search.internal.dependencies;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's {@code go.mod}: {@code require} lines and blocks ({@code // indirect} ones too), with {@code replace}
 * directives applied: a module replaced by another module at a version is reported as the replacement, one replaced
 * by a local directory without a version.
 */
final class GoModParser implements ManifestParser {

    private static final Pattern REQUIRE = Pattern.compile("(\\S+)\\s+(v\\S+)");
    private static final Pattern REPLACE = Pattern.compile("(\\S+)(?:\\s+(v\\S+))?\\s*=>\\s*(\\S+)(?:\\s+(v\\S+))?");

    private record Replacement(String path, String version) {
    }

    @Override
    public boolean reads(String path) {
        return ManifestText.fileName(path).equals("go.mod");
    }

    @Override
    public List<Dependency> parse(String path, String content) {
        List<String[]> required = new ArrayList<>(); // module, version, line
        Map<String, Replacement> replacements = new HashMap<>();
        String block = null;
        String[] lines = content.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int comment = line.indexOf("//");
            String code = (comment < 0 ? line : line.substring(0, comment)).trim();
            if (block != null) {
                if (code.equals(")")) {
                    block = null;
                } else if (!code.isEmpty()) {
                    directive(block, code, i + 1, required, replacements);
                }
                continue;
            }
            String[] words = code.split("\\s+", 2);
            if (words.length == 2 && (words[0].equals("require") || words[0].equals("replace"))) {
                if (words[1].equals("(")) {
                    block = words[0];
                } else {
                    directive(words[0], words[1], i + 1, required, replacements);
                }
            }
        }
        List<Dependency> result = new ArrayList<>();
        for (String[] r : required) {
            Replacement by = replacements.getOrDefault(r[0] + "@" + r[1], replacements.get(r[0]));
            String module = r[0];
            String version = r[1];
            if (by != null) {
                boolean local = by.path.startsWith(".") || by.path.startsWith("/");
                module = local ? module : by.path;
                version = local ? null : by.version;
            }
            result.add(new Dependency("go", unquote(module), version, version, "runtime", path,
                    Integer.parseInt(r[2])));
        }
        return result;
    }

    private static void directive(String kind, String code, int line, List<String[]> required,
            Map<String, Replacement> replacements) {
        if (kind.equals("require")) {
            Matcher m = REQUIRE.matcher(code);
            if (m.matches()) {
                required.add(new String[] {m.group(1), m.group(2), String.valueOf(line)});
            }
        } else {
            Matcher m = REPLACE.matcher(code);
            if (m.matches()) {
                String from = m.group(2) == null ? m.group(1) : m.group(1) + "@" + m.group(2);
                replacements.put(from, new Replacement(m.group(3), m.group(4)));
            }
        }
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
