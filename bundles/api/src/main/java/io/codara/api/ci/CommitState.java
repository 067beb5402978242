package io.codara.api.ci;

import java.util.Locale;
import java.util.Optional;

/** The state of a commit status, GitHub's four. */
public enum CommitState {
    ERROR, FAILURE, PENDING, SUCCESS;

    /** GitHub's lower-case name. */
    public String githubName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state named {@code name} (GitHub's lower-case spelling), if it is one. */
    public static Optional<CommitState> of(String name) {
        for (CommitState state : values()) {
            if (state.githubName().equals(name)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
