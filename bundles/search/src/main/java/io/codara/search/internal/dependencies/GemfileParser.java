package io.codara.search.internal.dependencies;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bundler's {@code Gemfile} (and {@code gems.rb}): {@code gem} lines with their version constraints, scoped by the
 * enclosing {@code group ... do} block or a {@code group:} option. A Gemfile is Ruby; forms computed at run time are
 * not seen.
 */
final class GemfileParser implements ManifestParser {

    private static final Pattern GEM = Pattern.compile("^\\s*gem\\s*\\(?\\s*[\"']([^\"']+)[\"']((?:\\s*,\\s*[\"'][^\"']*[\"'])*)(.*)$");
    private static final Pattern QUOTED = Pattern.compile("[\"']([^\"']*)[\"']");
    private static final Pattern GROUP = Pattern.compile("^\\s*group\\s*\\(?\\s*(.+?)\\)?\\s+do\\b.*$");
    private static final Pattern GROUP_OPTION = Pattern.compile("\\bgroups?\\s*(?::|=>)\\s*\\[?\\s*:?[\"']?(\\w+)");
    private static final Pattern CONDITIONAL = Pattern.compile("^\\s*(if|unless|case|begin|while)\\b");
    private static final Pattern BLOCK_START = Pattern.compile("\\bdo\\s*(\\|[^|]*\\|)?\\s*$");

    @Override
    public boolean reads(String path) {
        String name = ManifestText.fileName(path);
        return name.equals("Gemfile") || name.equals("gems.rb");
    }

    @Override
    public List<Dependency> parse(String path, String content) {
        List<Dependency> result = new ArrayList<>();
        Deque<String> blocks = new ArrayDeque<>(); // the scope each open do-block gives, "" for non-group blocks
        String[] lines = content.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]);
            Matcher group = GROUP.matcher(line);
            if (group.matches()) {
                blocks.push(scope(group.group(1)));
                continue;
            }
            if (BLOCK_START.matcher(line).find() || CONDITIONAL.matcher(line).find()) {
                blocks.push("");
                continue;
            }
            if (line.trim().equals("end")) {
                if (!blocks.isEmpty()) {
                    blocks.pop();
                }
                continue;
            }
            Matcher gem = GEM.matcher(line);
            if (!gem.matches()) {
                continue;
            }
            List<String> constraints = new ArrayList<>();
            Matcher quoted = QUOTED.matcher(gem.group(2));
            while (quoted.find()) {
                constraints.add(quoted.group(1).trim());
            }
            String scope = blocks.stream().filter(s -> !s.isEmpty()).findFirst().orElse("runtime");
            Matcher option = GROUP_OPTION.matcher(gem.group(3));
            if (option.find()) {
                scope = scope(option.group(1));
            }
            String requirement = constraints.isEmpty() ? null : String.join(", ", constraints);
            String pinned = constraints.size() == 1 && constraints.get(0).matches("=?\\s*\\d[\\w.]*")
                    ? constraints.get(0).replaceFirst("^=\\s*", "") : null;
            result.add(new Dependency("rubygems", gem.group(1), requirement, pinned, scope, path, i + 1));
        }
        return result;
    }

    private static String scope(String groups) {
        String g = groups.replaceAll("[:\"'\\s]", "");
        if (g.contains("test")) {
            return "test";
        }
        if (g.contains("development")) {
            return "development";
        }
        return g.contains("production") ? "runtime" : "optional";
    }

    private static String stripComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#') {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
