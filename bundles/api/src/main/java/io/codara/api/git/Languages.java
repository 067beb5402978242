package io.codara.api.git;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Which language a file is in and what kind of file it is, by its path, after GitHub's linguist (names only: no
 * content heuristics, no {@code .gitattributes} overrides), so every capability names languages alike.
 */
@ProviderType
public interface Languages {

    /**
     * The language of the file at {@code path} as linguist names it ({@code Java}, {@code C++}, {@code JSON},
     * {@code Markdown}...), whatever kind of file it is, or {@code null} when unknown.
     */
    String language(String path);

    /** Whether {@code path} is vendored (third-party code such as {@code node_modules/} or a wrapper script). */
    boolean vendored(String path);

    /** Whether {@code path} is generated (minified, compiled or a lockfile). */
    boolean generated(String path);

    /** Whether {@code path} is documentation ({@code docs/}, a README, a licence, examples). */
    boolean documentation(String path);
}
