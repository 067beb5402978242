package io.codara.search.internal.dependencies;

import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Maven's versions, ordered by Maven's own {@code ComparableVersion}; requirements in Maven's interval notation, a
 * plain version meaning that version (what Maven resolves a soft requirement to), and Gradle's {@code 1.+},
 * {@code latest.release} and strict {@code 1.0!!} forms.
 */
final class MavenVersionScheme implements VersionScheme<ComparableVersion> {

    @Override
    public ComparableVersion version(String text) {
        String t = text.trim();
        if (t.isEmpty() || t.contains("${") || t.chars().anyMatch(Character::isWhitespace)
                || t.startsWith("[") || t.startsWith("(")) {
            throw new IllegalArgumentException("not a Maven version: " + text);
        }
        return new ComparableVersion(t);
    }

    @Override
    public VersionSet<ComparableVersion> requirement(String text) {
        String t = text.trim();
        if (IntervalNotation.looksLikeInterval(t)) {
            return IntervalNotation.parse(t, this::version);
        }
        if (t.startsWith("latest.") || t.equals("+")) {
            return VersionSet.all();
        }
        if (t.endsWith("!!")) {
            t = t.substring(0, t.length() - 2);
        }
        if (t.endsWith("+")) {
            // Gradle's prefix version: 1.2.+ is every 1.2.x, i.e. [1.2, 1.3) in Maven's order.
            String prefix = t.substring(0, t.length() - 1);
            if (prefix.endsWith(".")) {
                prefix = prefix.substring(0, prefix.length() - 1);
            }
            return VersionSet.between(version(prefix), true, version(nextPrefix(prefix)), false);
        }
        return VersionSet.exactly(version(t));
    }

    private static String nextPrefix(String prefix) {
        int dot = prefix.lastIndexOf('.');
        String last = prefix.substring(dot + 1);
        if (!last.chars().allMatch(Character::isDigit) || last.isEmpty()) {
            throw new IllegalArgumentException("not a numeric prefix: " + prefix);
        }
        return prefix.substring(0, dot + 1) + (Long.parseLong(last) + 1);
    }
}
