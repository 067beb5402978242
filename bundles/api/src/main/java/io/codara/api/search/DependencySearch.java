package io.codara.api.search;

import io.codara.api.rest.PageRequest;
import io.codara.api.security.Principal;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The dependencies that repositories declare in their manifests and lockfiles (Maven, Gradle, npm, yarn, pnpm,
 * Python, Go, Cargo, .NET, Bundler), as indexed from their default branches (and configured ones): each repository's
 * list, and which repositories depend on a package, optionally within a version range.
 * <p>
 * A range is written in the package's ecosystem's own syntax (npm {@code ^4.17.0 || <4.17.21}, Maven
 * {@code [2.0,2.13)}, PEP 440 {@code >=2.0,<3}, ...). A declaration matches when the versions it admits and the range
 * share at least one; when a lockfile names the resolved version, that version alone is compared.
 */
@ProviderType
public interface DependencySearch {

    /**
     * The dependencies declared on branch {@code ref} (default: the default branch) of {@code owner/name}; a 404
     * {@link io.codara.api.rest.ApiException} when the repository does not exist, {@code principal} may not read it,
     * or {@code ref} is a branch the index does not hold. A default branch not indexed yet has no dependencies.
     */
    RepositoryDependencies dependencies(String owner, String name, String ref, Principal principal);

    /**
     * The repositories {@code principal} may read whose default branch declares package {@code name} (in
     * {@code ecosystem} when not {@code null}) with a version within {@code range} (any version when {@code null}),
     * each with the matching declarations, by full name. A 422 {@link io.codara.api.rest.ApiException} when the name
     * is empty, the ecosystem unknown or the range no range of the ecosystem.
     */
    DependentsResult dependents(String name, String ecosystem, String range, Principal principal, PageRequest page);
}
