package io.codara.git.internal;

import java.util.Optional;

import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.identity.Organizations;
import io.codara.api.security.Principal;
import io.codara.api.security.Role;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A principal's role on a repository: site administrators and the owning user are admins; on an organisation's
 * repository, what the organisation gives (owners, base permission, teams). Visibility decides who sees it
 * without a role.
 */
@Component(service = RepositoryRoles.class)
public final class RepositoryRoles {

    private final Accounts accounts;
    private final Organizations organizations;

    @Activate
    public RepositoryRoles(@Reference Accounts accounts, @Reference Organizations organizations) {
        this.accounts = accounts;
        this.organizations = organizations;
    }

    Optional<Role> role(Principal principal, Repository repository) {
        if (principal.anonymous()) {
            return Optional.empty();
        }
        if (principal.siteAdmin() || repository.owner().equalsIgnoreCase(principal.login())) {
            return Optional.of(Role.ADMIN);
        }
        boolean organization = accounts.find(repository.owner()).map(Account::organization).orElse(false);
        return organization ? organizations.repositoryRole(repository.owner(), repository.name(), principal.login())
                : Optional.empty();
    }

    static boolean visible(Principal principal, Repository repository, Optional<Role> role) {
        return repository.visibility() == Visibility.PUBLIC
                || repository.visibility() == Visibility.INTERNAL && !principal.anonymous()
                || role.isPresent();
    }
}
