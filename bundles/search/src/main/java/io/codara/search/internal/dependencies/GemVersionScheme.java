package io.codara.search.internal.dependencies;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RubyGems' versions and requirements ({@code ~> = != > < >= <=}, comma separated; a bare version is exact). */
final class GemVersionScheme implements VersionScheme<GemVersion> {

    private static final Pattern CLAUSE = Pattern.compile("(~>|!=|>=|<=|=|>|<)?\\s*(\\S+)");

    @Override
    public GemVersion version(String text) {
        return GemVersion.parse(text);
    }

    @Override
    public VersionSet<GemVersion> requirement(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("empty requirement");
        }
        VersionSet<GemVersion> all = VersionSet.all();
        for (String clause : text.split(",")) {
            if (clause.isBlank()) {
                continue;
            }
            Matcher m = CLAUSE.matcher(clause.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a gem requirement: " + clause);
            }
            GemVersion v = version(m.group(2));
            String op = m.group(1) == null ? "=" : m.group(1);
            all = all.intersect(switch (op) {
                case "=" -> VersionSet.exactly(v);
                case "!=" -> VersionSet.except(v);
                case ">" -> VersionSet.atLeast(v, false);
                case ">=" -> VersionSet.atLeast(v, true);
                case "<" -> VersionSet.atMost(v, false);
                case "<=" -> VersionSet.atMost(v, true);
                case "~>" -> VersionSet.between(v, true, v.bump(), false);
                default -> throw new IllegalArgumentException("unknown operator: " + clause);
            });
        }
        return all;
    }
}
