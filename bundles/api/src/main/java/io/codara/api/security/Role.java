package io.codara.api.security;

/** Roles on a repository, GitHub's, each including the ones before it. */
public enum Role {
    READ, TRIAGE, WRITE, MAINTAIN, ADMIN;

    /** Whether this role grants at least {@code other}. */
    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }
}
