package io.codara.search.internal.dependencies;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A set of versions of one ecosystem as a union of intervals, which is what every ecosystem's range syntax denotes.
 *
 * @param <V> the ecosystem's version type, ordered as that ecosystem orders versions
 */
final class VersionSet<V extends Comparable<V>> {

    /** One interval; a {@code null} bound is unbounded on that side. */
    record Interval<V extends Comparable<V>>(V lower, boolean lowerInclusive, V upper, boolean upperInclusive) {

        boolean isEmpty() {
            if (lower == null || upper == null) {
                return false;
            }
            int c = lower.compareTo(upper);
            return c > 0 || c == 0 && !(lowerInclusive && upperInclusive);
        }

        boolean contains(V version) {
            if (lower != null) {
                int c = version.compareTo(lower);
                if (c < 0 || c == 0 && !lowerInclusive) {
                    return false;
                }
            }
            if (upper != null) {
                int c = version.compareTo(upper);
                return c < 0 || c == 0 && upperInclusive;
            }
            return true;
        }

        Interval<V> intersect(Interval<V> other) {
            V lo = lower;
            boolean loIn = lowerInclusive;
            if (other.lower != null) {
                int c = lo == null ? -1 : lo.compareTo(other.lower);
                if (c < 0) {
                    lo = other.lower;
                    loIn = other.lowerInclusive;
                } else if (c == 0) {
                    loIn = loIn && other.lowerInclusive;
                }
            }
            V hi = upper;
            boolean hiIn = upperInclusive;
            if (other.upper != null) {
                int c = hi == null ? 1 : hi.compareTo(other.upper);
                if (c > 0) {
                    hi = other.upper;
                    hiIn = other.upperInclusive;
                } else if (c == 0) {
                    hiIn = hiIn && other.upperInclusive;
                }
            }
            return new Interval<>(lo, loIn, hi, hiIn);
        }
    }

    private final List<Interval<V>> intervals;

    private VersionSet(List<Interval<V>> intervals) {
        this.intervals = intervals.stream().filter(i -> !i.isEmpty()).toList();
    }

    static <V extends Comparable<V>> VersionSet<V> all() {
        return new VersionSet<V>(List.of(new Interval<V>(null, false, null, false)));
    }

    static <V extends Comparable<V>> VersionSet<V> none() {
        return new VersionSet<V>(List.of());
    }

    static <V extends Comparable<V>> VersionSet<V> exactly(V version) {
        return between(version, true, version, true);
    }

    static <V extends Comparable<V>> VersionSet<V> between(V lower, boolean lowerInclusive, V upper,
            boolean upperInclusive) {
        return new VersionSet<V>(List.of(new Interval<V>(lower, lowerInclusive, upper, upperInclusive)));
    }

    static <V extends Comparable<V>> VersionSet<V> atLeast(V version, boolean inclusive) {
        return between(version, inclusive, null, false);
    }

    static <V extends Comparable<V>> VersionSet<V> atMost(V version, boolean inclusive) {
        return between(null, false, version, inclusive);
    }

    /** Every version but {@code version}. */
    static <V extends Comparable<V>> VersionSet<V> except(V version) {
        return atMost(version, false).union(atLeast(version, false));
    }

    VersionSet<V> union(VersionSet<V> other) {
        List<Interval<V>> all = new ArrayList<>(intervals);
        all.addAll(other.intervals);
        return new VersionSet<>(all);
    }

    VersionSet<V> intersect(VersionSet<V> other) {
        List<Interval<V>> result = new ArrayList<>();
        for (Interval<V> a : intervals) {
            for (Interval<V> b : other.intervals) {
                result.add(a.intersect(b));
            }
        }
        return new VersionSet<>(result);
    }

    boolean isEmpty() {
        return intervals.isEmpty();
    }

    boolean overlaps(VersionSet<V> other) {
        return !intersect(other).isEmpty();
    }

    boolean contains(V version) {
        Objects.requireNonNull(version);
        return intervals.stream().anyMatch(i -> i.contains(version));
    }

    @Override
    public String toString() {
        return intervals.toString();
    }
}
