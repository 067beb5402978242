package io.codara.search.internal.dependencies;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's versions and PEP 440 version specifiers ({@code ~= == != <= >= < > ===}, {@code ==1.2.*}), comma
 * separated, plus Poetry's {@code ^}, {@code ~}, {@code *} and {@code ||}; a bare version means that version.
 */
final class Pep440VersionScheme implements VersionScheme<Pep440Version> {

    private static final Pattern CLAUSE = Pattern.compile("(~=|===|==|!=|<=|>=|<|>|\\^|~|=)?\\s*(\\S+)");

    @Override
    public Pep440Version version(String text) {
        return Pep440Version.parse(text);
    }

    @Override
    public VersionSet<Pep440Version> requirement(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty specifier");
        }
        VersionSet<Pep440Version> union = VersionSet.none();
        for (String alternative : t.split("\\|\\|")) {
            VersionSet<Pep440Version> all = VersionSet.all();
            for (String clause : alternative.split(",")) {
                if (!clause.isBlank()) {
                    all = all.intersect(clause(clause.trim()));
                }
            }
            union = union.union(all);
        }
        return union;
    }

    private VersionSet<Pep440Version> clause(String clause) {
        if (clause.equals("*")) {
            return VersionSet.all();
        }
        Matcher m = CLAUSE.matcher(clause);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a version specifier: " + clause);
        }
        String op = m.group(1) == null ? "==" : m.group(1);
        String v = m.group(2);
        if (v.endsWith(".*")) {
            Pep440Version stem = version(v.substring(0, v.length() - 2));
            return switch (op) {
                case "==", "=" -> prefixSet(stem.epoch(), stem.release());
                case "!=" -> complement(stem);
                default -> throw new IllegalArgumentException("a wildcard needs == or !=: " + clause);
            };
        }
        Pep440Version version = version(v);
        return switch (op) {
            case "==", "===", "=" -> VersionSet.exactly(version);
            case "!=" -> VersionSet.except(version);
            // PEP 440: <V excludes V's own pre-releases unless V is one.
            case "<" -> VersionSet.atMost(version.isPreOrDevRelease() ? version
                    : Pep440Version.lowestWithPrefix(version.epoch(), version.release()), false);
            case "<=" -> VersionSet.atMost(version, true);
            case ">" -> VersionSet.atLeast(version, false);
            case ">=" -> VersionSet.atLeast(version, true);
            case "~=" -> compatible(version, clause);
            case "^" -> caret(version);
            case "~" -> tilde(version);
            default -> throw new IllegalArgumentException("unknown operator: " + clause);
        };
    }

    /** {@code ~=1.4.5} is {@code >=1.4.5, ==1.4.*}. */
    private static VersionSet<Pep440Version> compatible(Pep440Version v, String clause) {
        if (v.release().size() < 2) {
            throw new IllegalArgumentException("~= needs at least two release segments: " + clause);
        }
        List<Long> prefix = v.release().subList(0, v.release().size() - 1);
        return VersionSet.atLeast(v, true).intersect(prefixSet(v.epoch(), prefix));
    }

    /** Poetry's {@code ^1.2.3}: up to the next change of the leftmost non-zero segment. */
    private static VersionSet<Pep440Version> caret(Pep440Version v) {
        List<Long> r = v.release();
        int keep = 0;
        while (keep < r.size() - 1 && r.get(keep) == 0) {
            keep++;
        }
        return VersionSet.atLeast(v, true).intersect(prefixSet(v.epoch(), r.subList(0, keep + 1)));
    }

    /** Poetry's {@code ~1.2.3}: {@code >=1.2.3,<1.3}; {@code ~1} is {@code >=1,<2}. */
    private static VersionSet<Pep440Version> tilde(Pep440Version v) {
        List<Long> r = v.release();
        return VersionSet.atLeast(v, true).intersect(prefixSet(v.epoch(), r.subList(0, Math.min(2, r.size()))));
    }

    /** Every version whose release starts with {@code segments}: from {@code segments.dev0} below the next. */
    private static VersionSet<Pep440Version> prefixSet(long epoch, List<Long> segments) {
        List<Long> next = new ArrayList<>(segments);
        next.set(next.size() - 1, next.get(next.size() - 1) + 1);
        return VersionSet.between(Pep440Version.lowestWithPrefix(epoch, segments), true,
                Pep440Version.lowestWithPrefix(epoch, next), false);
    }

    private static VersionSet<Pep440Version> complement(Pep440Version v) {
        List<Long> next = new ArrayList<>(v.release());
        next.set(next.size() - 1, next.get(next.size() - 1) + 1);
        return VersionSet.atMost(Pep440Version.lowestWithPrefix(v.epoch(), v.release()), false)
                .union(VersionSet.atLeast(Pep440Version.lowestWithPrefix(v.epoch(), next), true));
    }
}
