package io.codara.api.review;

import java.util.Locale;
import java.util.Optional;

/** How a pull request is merged, GitHub's {@code merge_method}. */
public enum MergeMethod {
    /** A merge commit with the base and the head as parents. */
    MERGE,
    /** One commit on the base with all of the pull request's changes. */
    SQUASH,
    /** Each commit of the pull request replayed onto the base. */
    REBASE;

    /** GitHub's lower-case name. */
    public String githubName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The method named {@code name} (GitHub's spelling), if it is one. */
    public static Optional<MergeMethod> of(String name) {
        for (MergeMethod method : values()) {
            if (method.githubName().equals(name)) {
                return Optional.of(method);
            }
        }
        return Optional.empty();
    }
}
