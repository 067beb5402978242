package io.codara.search.internal.dependencies;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * pip's requirements files ({@code requirements.txt}, {@code requirements-dev.txt}, {@code requirements/*.txt}):
 * one PEP 508 requirement a line; comments, options ({@code -r}, {@code -c}, {@code -e}, {@code --hash}) and direct
 * URLs without a name are skipped.
 */
final class PythonRequirementsParser implements ManifestParser {

    @Override
    public boolean reads(String path) {
        String name = ManifestText.fileName(path).toLowerCase(Locale.ROOT);
        return name.endsWith(".txt") && (name.startsWith("requirements") || path.contains("requirements/"))
                || name.equals("constraints.txt");
    }

    @Override
    public List<Dependency> parse(String path, String content) {
        String name = ManifestText.fileName(path).toLowerCase(Locale.ROOT);
        String scope = name.contains("test") ? "test" : name.contains("dev") ? "development" : null;
        List<Dependency> result = new ArrayList<>();
        String[] lines = content.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int first = i;
            StringBuilder logical = new StringBuilder(lines[i]);
            while (logical.toString().endsWith("\\") && i + 1 < lines.length) {
                logical.setLength(logical.length() - 1);
                logical.append(' ').append(lines[++i]);
            }
            String line = stripComment(logical.toString()).trim();
            int option = line.indexOf(" --");
            line = option < 0 ? line : line.substring(0, option).trim();
            if (line.isEmpty() || line.startsWith("-") || line.contains("://") && !line.contains("@")) {
                continue;
            }
            Pep508.Requirement requirement = Pep508.parse(line);
            if (requirement != null) {
                result.add(new Dependency("pypi", requirement.name(), requirement.specifier(),
                        Pep508.pinned(requirement.specifier()), scope, path, first + 1));
            }
        }
        return result;
    }

    /** A {@code #} at the start or after whitespace starts a comment (a URL's fragment does not). */
    private static String stripComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
