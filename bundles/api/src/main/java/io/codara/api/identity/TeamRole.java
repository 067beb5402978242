package io.codara.api.identity;

/** A member's role in a team. */
public enum TeamRole {
    /** Manages the team's members and settings. */
    MAINTAINER,
    /** A member. */
    MEMBER;

    /** {@code "maintainer"} or {@code "member"}. */
    public String githubName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
