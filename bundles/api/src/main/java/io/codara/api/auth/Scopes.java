package io.codara.api.auth;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The scopes a personal access token can carry, and which scope implies which. */
public final class Scopes {

    /** Read repositories (code, issues, pull requests) the user can read. */
    public static final String REPO_READ = "repo:read";
    /** Push and write to repositories the user can write; implies {@link #REPO_READ}. */
    public static final String REPO_WRITE = "repo:write";
    /** Read organisation membership and teams. */
    public static final String READ_ORG = "read:org";
    /** Administer organisations and teams the user owns or maintains; implies {@link #READ_ORG}. */
    public static final String ADMIN_ORG = "admin:org";
    /** Change the user's profile, emails and SSH keys. */
    public static final String USER = "user";
    /** Publish and read packages. */
    public static final String PACKAGES = "packages";
    /** Run, cancel and administer CI workflows. */
    public static final String CI = "ci";
    /** Everything the user may do, site administration included. */
    public static final String ADMIN = "admin";

    /** Every scope, in the order they are documented. */
    public static final List<String> ALL = List.of(REPO_READ, REPO_WRITE, READ_ORG, ADMIN_ORG, USER, PACKAGES, CI, ADMIN);

    private static final Map<String, Set<String>> IMPLIED = Map.of(
            REPO_WRITE, Set.of(REPO_READ),
            ADMIN_ORG, Set.of(READ_ORG),
            ADMIN, Set.copyOf(ALL));

    private Scopes() {
    }

    /** Whether a token with {@code granted} scopes has {@code required}; {@code null} required means no scope is needed. */
    public static boolean satisfies(Collection<String> granted, String required) {
        if (required == null) {
            return true;
        }
        for (String scope : granted) {
            if (scope.equals(required) || IMPLIED.getOrDefault(scope, Set.of()).contains(required)) {
                return true;
            }
        }
        return false;
    }

    /** The scopes that are not known, in the order given; empty when all are valid. */
    public static Set<String> unknown(Collection<String> scopes) {
        Set<String> unknown = new LinkedHashSet<>(scopes);
        unknown.removeAll(ALL);
        return unknown;
    }
}
