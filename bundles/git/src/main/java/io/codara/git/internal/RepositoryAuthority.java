package io.codara.git.internal;

import java.util.Optional;

import io.codara.api.auth.Scopes;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.security.Decision;
import io.codara.api.security.Principal;
import io.codara.api.security.Role;
import io.codara.api.security.spi.ResourceAuthority;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Answers for {@code repository} (id {@code owner/name}): {@code read} for whoever may see it, {@code write}
 * (push) for write roles and up, {@code maintain} (protected tags) for maintainers and up, {@code admin} (settings, delete) for admins. A repository one may not see is
 * {@link Decision#NOT_FOUND}, exactly like one that does not exist.
 */
@Component(service = ResourceAuthority.class, property = ResourceAuthority.RESOURCE_TYPE + "=repository")
public final class RepositoryAuthority implements ResourceAuthority {

    static final String READ = "read";
    static final String WRITE = "write";
    static final String MAINTAIN = "maintain";
    static final String ADMIN = "admin";

    private final Repositories repositories;
    private final RepositoryRoles roles;

    @Activate
    public RepositoryAuthority(@Reference Repositories repositories, @Reference RepositoryRoles roles) {
        this.repositories = repositories;
        this.roles = roles;
    }

    @Override
    public Decision decide(Principal principal, String action, String id) {
        int slash = id.indexOf('/');
        if (slash < 0) {
            return Decision.NOT_FOUND;
        }
        Optional<Repository> found = repositories.find(id.substring(0, slash), id.substring(slash + 1));
        if (found.isEmpty()) {
            return Decision.NOT_FOUND;
        }
        Optional<Role> role = roles.role(principal, found.get());
        if (!RepositoryRoles.visible(principal, found.get(), role)) {
            return Decision.NOT_FOUND;
        }
        Role needed = switch (action) {
            case READ -> null;
            case WRITE -> Role.WRITE;
            case MAINTAIN -> Role.MAINTAIN;
            default -> Role.ADMIN;
        };
        return needed == null || role.map(r -> r.includes(needed)).orElse(false) ? Decision.ALLOW : Decision.FORBIDDEN;
    }

    @Override
    public String requiredScope(String action) {
        return READ.equals(action) ? Scopes.REPO_READ : Scopes.REPO_WRITE;
    }
}
