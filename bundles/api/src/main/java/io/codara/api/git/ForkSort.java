package io.codara.api.git;

/** The order of a repository's forks, as GitHub's {@code sort} parameter names it. */
public enum ForkSort {
    /** Most recently created first (GitHub's default). */
    NEWEST,
    /** Least recently created first. */
    OLDEST,
    /** Most starred first; Codara keeps no stars yet, so newest first. */
    STARGAZERS,
    /** Most watched first; Codara keeps no watchers yet, so newest first. */
    WATCHERS;

    /** The order named {@code value} ({@code null} for the default); {@link IllegalArgumentException} otherwise. */
    public static ForkSort parse(String value) {
        if (value == null || value.isEmpty()) {
            return NEWEST;
        }
        for (ForkSort sort : values()) {
            if (sort.name().equalsIgnoreCase(value)) {
                return sort;
            }
        }
        throw new IllegalArgumentException("sort must be newest, oldest, stargazers or watchers");
    }
}
