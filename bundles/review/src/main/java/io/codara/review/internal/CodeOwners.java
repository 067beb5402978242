package io.codara.review.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A CODEOWNERS file as GitHub reads it: one rule a line ({@code pattern owner...}), {@code #} comments, patterns
 * in gitignore's syntax, and the last matching rule wins (a rule without owners leaves the file unowned).
 */
final class CodeOwners {

    /** Where GitHub looks for the file, in its order; Codara also looks in {@code .codara/}. */
    static final List<String> LOCATIONS = List.of(".github/CODEOWNERS", ".codara/CODEOWNERS", "CODEOWNERS",
            "docs/CODEOWNERS");

    private record Rule(Pattern pattern, List<String> owners) {
    }

    private final List<Rule> rules;

    private CodeOwners(List<Rule> rules) {
        this.rules = rules;
    }

    static CodeOwners parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            int hash = line.indexOf(" #");
            if (hash >= 0) {
                line = line.substring(0, hash).strip();
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            List<String> owners = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                owners.add(parts[i]);
            }
            rules.add(new Rule(pattern(parts[0]), owners));
        }
        return new CodeOwners(rules);
    }

    /** The owners of {@code path} ({@code @login}, {@code @org/team} or an email), as written. */
    List<String> owners(String path) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            if (rules.get(i).pattern().matcher(path).matches()) {
                return rules.get(i).owners();
            }
        }
        return List.of();
    }

    /** The owners of any of {@code paths}. */
    Set<String> owners(List<String> paths) {
        Set<String> owners = new LinkedHashSet<>();
        for (String path : paths) {
            owners.addAll(owners(path));
        }
        return owners;
    }

    /** A gitignore-style pattern as a regular expression over repository paths. */
    static Pattern pattern(String glob) {
        String p = glob;
        boolean directory = p.endsWith("/");
        if (directory) {
            p = p.substring(0, p.length() - 1);
        }
        boolean anchored = p.startsWith("/") || p.contains("/");
        if (p.startsWith("/")) {
            p = p.substring(1);
        }
        StringBuilder regex = new StringBuilder(anchored ? "" : "(?:.*/)?");
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '*') {
                if (i + 1 < p.length() && p.charAt(i + 1) == '*') {
                    if (i + 2 < p.length() && p.charAt(i + 2) == '/') {
                        regex.append("(?:.*/)?");
                        i += 2;
                    } else {
                        regex.append(".*");
                        i++;
                    }
                } else {
                    regex.append("[^/]*");
                }
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        // "dir/*" owns the files of dir, not those of its subdirectories (GitHub's reading, unlike gitignore's).
        regex.append(directory ? "/.*" : p.endsWith("/*") ? "" : "(?:/.*)?");
        return Pattern.compile(regex.toString());
    }
}
