package io.codara.api.identity;

/** A member's role in an organisation, as GitHub names it. */
public enum MembershipRole {
    /** An owner: administers the organisation, its teams and its repositories. */
    ADMIN,
    /** A member. */
    MEMBER;

    /** {@code "admin"} or {@code "member"}. */
    public String githubName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
