package io.codara.search.internal.dependencies;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A RubyGems version, ordered as {@code Gem::Version}: a letter segment marks a pre-release. */
final class GemVersion implements Comparable<GemVersion> {

    private static final Pattern FORMAT = Pattern.compile("[0-9]+(?>\\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");
    private static final Pattern SEGMENT = Pattern.compile("\\d+|[a-zA-Z]+");

    private final List<Object> segments; // Long or String
    private final String text;

    private GemVersion(String text, List<Object> segments) {
        this.text = text;
        this.segments = segments;
    }

    static GemVersion parse(String text) {
        String t = text.trim();
        if (!FORMAT.matcher(t).matches()) {
            throw new IllegalArgumentException("not a gem version: " + text);
        }
        // Gem::Version reads "1.0-beta" as "1.0.pre.beta".
        Matcher m = SEGMENT.matcher(t.replace("-", ".pre."));
        List<Object> segments = new ArrayList<>();
        while (m.find()) {
            String s = m.group();
            segments.add(Character.isDigit(s.charAt(0)) ? (Object) Long.valueOf(s) : s);
        }
        return new GemVersion(t, Collections.unmodifiableList(segments));
    }

    boolean isPrerelease() {
        return segments.stream().anyMatch(String.class::isInstance);
    }

    /** {@code ~>}'s upper bound: drop the pre-release and the last segment, then increment the new last one. */
    GemVersion bump() {
        List<Long> release = new ArrayList<>();
        for (Object s : segments) {
            if (s instanceof String) {
                break;
            }
            release.add((Long) s);
        }
        if (release.size() > 1) {
            release.remove(release.size() - 1);
        }
        release.set(release.size() - 1, release.get(release.size() - 1) + 1);
        return parse(String.join(".", release.stream().map(String::valueOf).toList()));
    }

    @Override
    public int compareTo(GemVersion o) {
        List<Object> a = canonical(segments);
        List<Object> b = canonical(o.segments);
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            Object x = i < a.size() ? a.get(i) : 0L;
            Object y = i < b.size() ? b.get(i) : 0L;
            int c;
            if (x instanceof Long l && y instanceof Long r) {
                c = Long.compare(l, r);
            } else if (x instanceof String l && y instanceof String r) {
                c = l.compareTo(r);
            } else {
                c = x instanceof String ? -1 : 1;
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Gem::Version#canonical_segments: trailing zeros of the release and of the pre-release part do not count. */
    private static List<Object> canonical(List<Object> segments) {
        int firstString = 0;
        while (firstString < segments.size() && segments.get(firstString) instanceof Long) {
            firstString++;
        }
        List<Object> release = new ArrayList<>(segments.subList(0, firstString));
        List<Object> pre = new ArrayList<>(segments.subList(firstString, segments.size()));
        trimZeros(release);
        trimZeros(pre);
        release.addAll(pre);
        return release;
    }

    private static void trimZeros(List<Object> part) {
        while (!part.isEmpty() && Long.valueOf(0).equals(part.get(part.size() - 1))) {
            part.remove(part.size() - 1);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GemVersion v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        return canonical(segments).hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
