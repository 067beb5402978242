package io.codara.search.internal.dependencies;

import java.util.Map;

/**
 * Whether a declared dependency falls within a queried version range, compared as its ecosystem compares versions.
 *
 * <p>Both sides are read in the ecosystem's own syntax: Maven (and Gradle) interval notation {@code [2.0,2.13)} with
 * Maven's version order; npm's node-semver ranges ({@code ^ ~ x || -}); PEP 440 specifiers ({@code >=2.0,<3},
 * {@code ~=}, {@code ==1.*}, and Poetry's {@code ^ ~}); Cargo requirements (a bare version is {@code ^}); Go module
 * versions; RubyGems requirements ({@code ~>}); NuGet ranges. A bare version as the range means that version.
 *
 * <p><b>What "matches" means.</b> A declared requirement and a queried range each denote a set of versions; the
 * dependency matches when the two sets share at least one version, i.e. the repository <em>may</em> build with a
 * version inside the queried range. So {@code ^4.17.0} matches {@code <4.17.21} (4.17.0 to 4.17.20 satisfy both),
 * and {@code >=2.0,<3} matches {@code >=2.25}. When a lockfile (or an exact requirement) names the resolved version,
 * that version alone is compared: {@code lodash 4.17.21} from a lockfile does not match {@code <4.17.21}. A
 * dependency whose version is unknown (no requirement, a tag such as {@code latest}, a URL or path, an unresolved
 * {@code ${property}}) matches no range, since nothing says which version it uses. Pre-release versions are ordered
 * as their ecosystem orders them; of the rules that keep pre-releases out of ranges only PEP 440's {@code <V}
 * (which excludes V's own pre-releases) is applied, since npm's decide what an installer picks rather than which
 * versions a range spans.
 */
public final class VersionRequirement {

    private static final Map<String, VersionScheme<?>> SCHEMES = Map.of(
            "maven", new MavenVersionScheme(),
            "npm", new SemverVersionScheme(SemverVersionScheme.Flavor.NPM),
            "cargo", new SemverVersionScheme(SemverVersionScheme.Flavor.CARGO),
            "go", new SemverVersionScheme(SemverVersionScheme.Flavor.GO),
            "pypi", new Pep440VersionScheme(),
            "rubygems", new GemVersionScheme(),
            "nuget", new NuGetVersionScheme());

    private VersionRequirement() {
    }

    /** Whether {@code ecosystem} (as in {@link Dependency#ecosystem()}) is one whose versions can be compared. */
    public static boolean knows(String ecosystem) {
        return SCHEMES.containsKey(ecosystem);
    }

    /**
     * Whether {@code range} is a readable range of {@code ecosystem}; a caller checks a user's query with it.
     *
     * @throws IllegalArgumentException for an unknown ecosystem
     */
    public static boolean isRange(String ecosystem, String range) {
        try {
            scheme(ecosystem).requirement(range);
            return true;
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }

    /**
     * Whether {@code dependency} may use a version within {@code range}: its resolved version when known, else its
     * requirement, as the type's Javadoc defines.
     *
     * @throws IllegalArgumentException when the ecosystem is unknown or {@code range} is no range of it
     */
    public static boolean matches(Dependency dependency, String range) {
        if (dependency.version() != null && !dependency.version().isBlank()) {
            return satisfies(dependency.ecosystem(), dependency.version(), range);
        }
        return overlaps(dependency.ecosystem(), dependency.requirement(), range);
    }

    /**
     * Whether the requirement {@code declared} (as a manifest writes it) and {@code range} admit a common version;
     * {@code false} when {@code declared} is {@code null} or names no version range.
     *
     * @throws IllegalArgumentException when the ecosystem is unknown or {@code range} is no range of it
     */
    public static boolean overlaps(String ecosystem, String declared, String range) {
        return overlaps(scheme(ecosystem), declared, range);
    }

    /**
     * Whether the exact version {@code version} lies within {@code range}; {@code false} when {@code version} is no
     * version of the ecosystem.
     *
     * @throws IllegalArgumentException when the ecosystem is unknown or {@code range} is no range of it
     */
    public static boolean satisfies(String ecosystem, String version, String range) {
        return satisfies(scheme(ecosystem), version, range);
    }

    private static <V extends Comparable<V>> boolean overlaps(VersionScheme<V> scheme, String declared, String range) {
        VersionSet<V> queried = scheme.requirement(range);
        if (declared == null || declared.isBlank()) {
            return false;
        }
        VersionSet<V> admitted;
        try {
            admitted = scheme.requirement(declared);
        } catch (IllegalArgumentException unknownVersion) {
            // A tag, URL, path or unresolved property: which version it is cannot be known here.
            return false;
        }
        return admitted.overlaps(queried);
    }

    private static <V extends Comparable<V>> boolean satisfies(VersionScheme<V> scheme, String version, String range) {
        VersionSet<V> queried = scheme.requirement(range);
        V v;
        try {
            v = scheme.version(version);
        } catch (IllegalArgumentException notAVersion) {
            return false;
        }
        return queried.contains(v);
    }

    private static VersionScheme<?> scheme(String ecosystem) {
        VersionScheme<?> scheme = SCHEMES.get(ecosystem);
        if (scheme == null) {
            throw new IllegalArgumentException("no version order known for ecosystem " + ecosystem);
        }
        return scheme;
    }
}
