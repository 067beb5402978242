package io.codara.search.internal.dependencies;

/**
 * NuGet's versions and version ranges: interval notation, floating versions ({@code 1.2.*}, {@code *}), and a bare
 * version meaning that version (NuGet reads it as a minimum but restores exactly it when it exists, as it does on a
 * registry that has it).
 */
final class NuGetVersionScheme implements VersionScheme<NuGetVersion> {

    @Override
    public NuGetVersion version(String text) {
        return NuGetVersion.parse(text);
    }

    @Override
    public VersionSet<NuGetVersion> requirement(String text) {
        String t = text.trim();
        if (IntervalNotation.looksLikeInterval(t)) {
            return IntervalNotation.parse(t, this::version);
        }
        if (t.equals("*") || t.equals("*-*")) {
            return VersionSet.all();
        }
        if (t.endsWith(".*")) {
            String prefix = t.substring(0, t.length() - 2);
            int dot = prefix.lastIndexOf('.');
            long next = Long.parseLong(prefix.substring(dot + 1)) + 1;
            return VersionSet.between(version(prefix), true, version(prefix.substring(0, dot + 1) + next), false);
        }
        return VersionSet.exactly(version(t));
    }
}
