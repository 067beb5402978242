package io.codara.search.internal.dependencies;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Python package version as PEP 440 defines and orders it (epoch, release, pre, post, dev, local). */
final class Pep440Version implements Comparable<Pep440Version> {

    // The normalising grammar of PEP 440's appendix, case-insensitive.
    private static final Pattern GRAMMAR = Pattern.compile(
            "v?(?:(?<epoch>\\d+)!)?(?<release>\\d+(?:\\.\\d+)*)"
                    + "(?:[-_.]?(?<preL>alpha|beta|preview|pre|rc|a|b|c)[-_.]?(?<preN>\\d+)?)?"
                    + "(?:-(?<postN1>\\d+)|[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN2>\\d+)?)?"
                    + "(?:[-_.]?(?<devL>dev)[-_.]?(?<devN>\\d+)?)?"
                    + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?",
            Pattern.CASE_INSENSITIVE);

    private final long epoch;
    private final List<Long> release;
    private final int prePhase; // 0 a, 1 b, 2 rc; -1 none
    private final long preNumber;
    private final long post; // -1 none
    private final long dev; // -1 none
    private final String local;

    private Pep440Version(long epoch, List<Long> release, int prePhase, long preNumber, long post, long dev,
            String local) {
        this.epoch = epoch;
        this.release = release;
        this.prePhase = prePhase;
        this.preNumber = preNumber;
        this.post = post;
        this.dev = dev;
        this.local = local;
    }

    static Pep440Version parse(String text) {
        Matcher m = GRAMMAR.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a PEP 440 version: " + text);
        }
        List<Long> release = new ArrayList<>();
        for (String part : m.group("release").split("\\.")) {
            release.add(Long.parseLong(part));
        }
        int phase = -1;
        long preN = 0;
        if (m.group("preL") != null) {
            String l = m.group("preL").toLowerCase(Locale.ROOT);
            phase = switch (l) {
                case "a", "alpha" -> 0;
                case "b", "beta" -> 1;
                default -> 2; // rc, c, pre, preview
            };
            preN = m.group("preN") == null ? 0 : Long.parseLong(m.group("preN"));
        }
        long post = -1;
        if (m.group("postN1") != null) {
            post = Long.parseLong(m.group("postN1"));
        } else if (m.group("postL") != null) {
            post = m.group("postN2") == null ? 0 : Long.parseLong(m.group("postN2"));
        }
        long dev = m.group("devL") == null ? -1 : m.group("devN") == null ? 0 : Long.parseLong(m.group("devN"));
        long epoch = m.group("epoch") == null ? 0 : Long.parseLong(m.group("epoch"));
        String local = m.group("local") == null ? null : m.group("local").toLowerCase(Locale.ROOT);
        return new Pep440Version(epoch, Collections.unmodifiableList(release), phase, preN, post, dev, local);
    }

    /** The release segments, as written (trailing zeros kept). */
    List<Long> release() {
        return release;
    }

    long epoch() {
        return epoch;
    }

    boolean isPreOrDevRelease() {
        return prePhase >= 0 || dev >= 0;
    }

    /** The lowest version whose release starts with {@code segments} ({@code segments.dev0}). */
    static Pep440Version lowestWithPrefix(long epoch, List<Long> segments) {
        return new Pep440Version(epoch, List.copyOf(segments), -1, 0, -1, 0, null);
    }

    @Override
    public int compareTo(Pep440Version o) {
        int c = Long.compare(epoch, o.epoch);
        if (c != 0) {
            return c;
        }
        int n = Math.max(release.size(), o.release.size());
        for (int i = 0; i < n; i++) {
            c = Long.compare(i < release.size() ? release.get(i) : 0, i < o.release.size() ? o.release.get(i) : 0);
            if (c != 0) {
                return c;
            }
        }
        c = Long.compare(preKey(), o.preKey());
        if (c != 0) {
            return c;
        }
        if (prePhase >= 0 && (c = Long.compare(preNumber, o.preNumber)) != 0) {
            return c;
        }
        c = Long.compare(post, o.post);
        if (c != 0) {
            return c;
        }
        c = Long.compare(dev < 0 ? Long.MAX_VALUE : dev, o.dev < 0 ? Long.MAX_VALUE : o.dev);
        if (c != 0) {
            return c;
        }
        if (local == null || o.local == null) {
            return local == null ? (o.local == null ? 0 : -1) : 1;
        }
        return compareLocal(local, o.local);
    }

    /** A dev release without pre or post sorts before the pre-releases of its release; a final one after them. */
    private long preKey() {
        if (prePhase < 0 && post < 0 && dev >= 0) {
            return -1;
        }
        return prePhase < 0 ? 3 : prePhase;
    }

    private static int compareLocal(String a, String b) {
        String[] x = a.split("[-_.]");
        String[] y = b.split("[-_.]");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean xn = x[i].chars().allMatch(Character::isDigit);
            boolean yn = y[i].chars().allMatch(Character::isDigit);
            int c = xn && yn ? new java.math.BigInteger(x[i]).compareTo(new java.math.BigInteger(y[i]))
                    : xn != yn ? (xn ? 1 : -1) : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pep440Version v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        List<Long> trimmed = new ArrayList<>(release);
        while (trimmed.size() > 1 && trimmed.get(trimmed.size() - 1) == 0) {
            trimmed.remove(trimmed.size() - 1);
        }
        return java.util.Objects.hash(epoch, trimmed, prePhase, preNumber, post, dev, local);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (epoch != 0) {
            s.append(epoch).append('!');
        }
        s.append(String.join(".", release.stream().map(String::valueOf).toList()));
        if (prePhase >= 0) {
            s.append(switch (prePhase) { case 0 -> "a"; case 1 -> "b"; default -> "rc"; }).append(preNumber);
        }
        if (post >= 0) {
            s.append(".post").append(post);
        }
        if (dev >= 0) {
            s.append(".dev").append(dev);
        }
        if (local != null) {
            s.append('+').append(local);
        }
        return s.toString();
    }
}
