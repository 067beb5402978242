package io.codara.api.search;

/**
 * A dependency that a manifest or lockfile of a repository declares.
 *
 * @param ecosystem {@code maven, npm, pypi, go, cargo, nuget, rubygems}
 * @param name the package's name in its ecosystem (Maven: {@code groupId:artifactId}; npm with its scope; PyPI
 *        normalised as PEP 503 does)
 * @param requirement what the manifest asks for, as written (a version or a range), or {@code null} when unversioned
 * @param version the resolved version when a lockfile (or an exact requirement) names one, else {@code null}
 * @param scope {@code runtime, development, test, build, optional}, or {@code null} when the manifest does not say
 * @param manifest the path of the file that declares it
 * @param line the 1-based line of the declaration, or 0 when unknown
 */
public record DeclaredDependency(String ecosystem, String name, String requirement, String version, String scope,
        String manifest, int line) {
}
