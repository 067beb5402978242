package io.codara.search.internal.dependencies;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A NuGet package version: up to four numeric parts and a SemVer 2 pre-release label, ordered as NuGet does. */
final class NuGetVersion implements Comparable<NuGetVersion> {

    private static final Pattern FORMAT = Pattern.compile(
            "(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:\\.(\\d+))?(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z.-]+)?");

    private final long[] parts;
    private final List<String> prerelease;

    private NuGetVersion(long[] parts, List<String> prerelease) {
        this.parts = parts;
        this.prerelease = prerelease;
    }

    static NuGetVersion parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a NuGet version: " + text);
        }
        long[] parts = new long[4];
        for (int i = 0; i < 4; i++) {
            parts[i] = m.group(i + 1) == null ? 0 : Long.parseLong(m.group(i + 1));
        }
        return new NuGetVersion(parts, m.group(5) == null ? List.of() : List.of(m.group(5).split("\\.")));
    }

    @Override
    public int compareTo(NuGetVersion o) {
        int c = Arrays.compare(parts, o.parts);
        if (c != 0) {
            return c;
        }
        if (prerelease.isEmpty() || o.prerelease.isEmpty()) {
            return prerelease.isEmpty() ? (o.prerelease.isEmpty() ? 0 : 1) : -1;
        }
        for (int i = 0; i < Math.min(prerelease.size(), o.prerelease.size()); i++) {
            String a = prerelease.get(i);
            String b = o.prerelease.get(i);
            boolean an = a.chars().allMatch(Character::isDigit);
            boolean bn = b.chars().allMatch(Character::isDigit);
            c = an && bn ? new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b))
                    : an != bn ? (an ? -1 : 1)
                    : a.toLowerCase(Locale.ROOT).compareTo(b.toLowerCase(Locale.ROOT));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(prerelease.size(), o.prerelease.size());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NuGetVersion v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(parts) * 31 + prerelease.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList().hashCode();
    }

    @Override
    public String toString() {
        return parts[0] + "." + parts[1] + "." + parts[2] + (parts[3] != 0 ? "." + parts[3] : "")
                + (prerelease.isEmpty() ? "" : "-" + String.join(".", prerelease));
    }
}
