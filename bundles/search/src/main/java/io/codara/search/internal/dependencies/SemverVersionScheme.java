package io.codara.search.internal.dependencies;

import java.util.List;
import java.util.regex.Pattern;

import org.semver4j.Range;
import org.semver4j.RangesList;
import org.semver4j.RangesListFactory;
import org.semver4j.Semver;

/**
 * Semantic versions (npm, Cargo, Go), ordered by semver4j; requirements in node-semver's range syntax as semver4j
 * reads it, after turning Cargo's and Go's syntax into it.
 */
final class SemverVersionScheme implements VersionScheme<Semver> {

    /** Whose requirement syntax this reads. */
    enum Flavor {
        /** node-semver: a bare version is exact; {@code ^ ~ x || -} as npm. */
        NPM,
        /** Cargo: a bare version means {@code ^version}; comparators are separated by commas. */
        CARGO,
        /** Go modules: a requirement is the one (minimum) version the module builds with; ranges as npm's. */
        GO
    }

    private static final Pattern OPERATOR_SPACE = Pattern.compile("(<=|>=|<|>|=|\\^|~)\\s+");
    private static final Pattern NOT_A_RANGE = Pattern.compile("[:/@#]");

    private final Flavor flavor;

    SemverVersionScheme(Flavor flavor) {
        this.flavor = flavor;
    }

    @Override
    public Semver version(String text) {
        String t = stripV(text.trim());
        Semver strict = Semver.parse(t);
        if (strict != null) {
            return strict;
        }
        // Loose versions such as "1.2" or "2.0.0.1" are read as npm's loose mode would.
        Semver coerced = t.matches("\\d+(\\.\\d+)*") ? Semver.coerce(t) : null;
        if (coerced == null) {
            throw new IllegalArgumentException("not a semantic version: " + text);
        }
        return coerced;
    }

    @Override
    public VersionSet<Semver> requirement(String text) {
        String t = text.trim();
        if (flavor == Flavor.GO && !t.isEmpty() && Character.isLetterOrDigit(t.charAt(0))) {
            return VersionSet.exactly(version(t));
        }
        String range = flavor == Flavor.CARGO ? cargoToNpm(t) : t;
        range = OPERATOR_SPACE.matcher(range).replaceAll("$1");
        range = stripVs(range);
        if (range.isEmpty() || range.equals("*") || range.equalsIgnoreCase("x")) {
            return VersionSet.all();
        }
        if (NOT_A_RANGE.matcher(range).find() || !range.matches("(?s).*\\d.*")) {
            // npm's tags ("latest", "next"), URLs, paths and aliases name no version range.
            throw new IllegalArgumentException("not a version range: " + text);
        }
        RangesList ranges = RangesListFactory.create(range);
        if (ranges.get().isEmpty()) {
            throw new IllegalArgumentException("not a version range: " + text);
        }
        VersionSet<Semver> union = VersionSet.none();
        for (List<Range> conjunction : ranges.get()) {
            VersionSet<Semver> all = VersionSet.all();
            for (Range comparator : conjunction) {
                all = all.intersect(comparatorSet(comparator));
            }
            union = union.union(all);
        }
        return union;
    }

    private static VersionSet<Semver> comparatorSet(Range comparator) {
        Semver v = comparator.getRangeVersion();
        // semver4j exposes the operator only through toString(), which is the operator followed by the version.
        String written = comparator.toString();
        String operator = written.substring(0, written.length() - v.toString().length());
        return switch (operator) {
            case "=", "" -> VersionSet.exactly(v);
            case "<" -> VersionSet.atMost(v, false);
            case "<=" -> VersionSet.atMost(v, true);
            case ">" -> VersionSet.atLeast(v, false);
            case ">=" -> VersionSet.atLeast(v, true);
            default -> throw new IllegalArgumentException("unknown operator in " + written);
        };
    }

    /** Cargo's comparators are comma-separated and a bare version is a caret requirement. */
    private static String cargoToNpm(String requirement) {
        StringBuilder npm = new StringBuilder();
        for (String part : requirement.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (Character.isDigit(p.charAt(0))) {
                p = "^" + p;
            }
            npm.append(npm.length() == 0 ? "" : " ").append(p);
        }
        return npm.toString();
    }

    private static String stripV(String version) {
        return version.startsWith("v") || version.startsWith("V") ? version.substring(1) : version;
    }

    private static String stripVs(String range) {
        return range.replaceAll("(^|[\\s=<>^~|])[vV](?=\\d)", "$1");
    }
}
