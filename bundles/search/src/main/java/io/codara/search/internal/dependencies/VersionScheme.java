package io.codara.search.internal.dependencies;

/**
 * How one ecosystem orders its versions and what its requirement syntax means.
 *
 * @param <V> the ecosystem's version type
 */
interface VersionScheme<V extends Comparable<V>> {

    /** {@code text} as a version; {@link IllegalArgumentException} when it is none. */
    V version(String text);

    /** The versions that the requirement or range {@code text} admits; {@link IllegalArgumentException} when unreadable. */
    VersionSet<V> requirement(String text);
}
