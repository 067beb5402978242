package io.codara.api.identity;

import java.time.Instant;

import io.codara.api.security.Role;

/**
 * A user or an organisation. Logins are unique across both, compared without regard to case, and keep the case
 * they were created with.
 *
 * @param id stable numeric id (GitHub's {@code id})
 * @param login the account's name in URLs
 * @param type user or organisation
 * @param name display name, or {@code null}
 * @param email the public email, or {@code null}
 * @param bio a user's bio or an organisation's description, or {@code null}
 * @param company company, or {@code null}
 * @param location location, or {@code null}
 * @param blog homepage, or {@code null}
 * @param siteAdmin whether the user administers the installation (always false for organisations)
 * @param suspendedAt when the user was suspended, {@code null} when active
 * @param avatarUpdatedAt when an avatar was uploaded, {@code null} when the generated identicon is shown
 * @param basePermission an organisation's base role on its repositories for every member, {@code null} for none
 *        (and for users)
 * @param createdAt creation time
 * @param updatedAt last change
 */
public record Account(long id, String login, AccountType type, String name, String email, String bio, String company,
        String location, String blog, boolean siteAdmin, Instant suspendedAt, Instant avatarUpdatedAt,
        Role basePermission, Instant createdAt, Instant updatedAt) {

    /** Whether this is an organisation. */
    public boolean organization() {
        return type == AccountType.ORGANIZATION;
    }

    /** Whether this user is suspended. */
    public boolean suspended() {
        return suspendedAt != null;
    }
}
