package io.codara.ci.internal;

import jakarta.servlet.http.HttpServletRequest;

import io.codara.api.audit.Actor;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * How the CI resources find and authorise what they act on: a repository by name (following renames) or an
 * organisation, allowed by the permission service; what the caller may not see is a 404 like a missing one.
 */
@Component(service = CiAccess.class)
public final class CiAccess {

    static final String READ = "read";
    static final String WRITE = "write";
    static final String ADMIN = "admin";

    private final Repositories repositories;
    private final Accounts accounts;
    private final Permissions permissions;

    @Activate
    public CiAccess(@Reference Repositories repositories, @Reference Accounts accounts,
            @Reference Permissions permissions) {
        this.repositories = repositories;
        this.accounts = accounts;
        this.permissions = permissions;
    }

    /** The repository {@code owner/name}, after the permission service allowed {@code action} on it. */
    public Repository repository(String owner, String name, String action, HttpServletRequest request) {
        Repository repository = repositories.resolve(owner, name).orElseThrow(ApiException::notFound);
        permissions.require(principal(request), action, new ResourceRef("repository", repository.fullName()));
        return repository;
    }

    /** The organisation {@code login}, after the permission service allowed {@code action} on it (owners only). */
    public Account organization(String login, String action, HttpServletRequest request) {
        Account organization = accounts.find(login).filter(Account::organization).orElseThrow(ApiException::notFound);
        permissions.require(principal(request), action, new ResourceRef("organization", organization.login()));
        return organization;
    }

    /** The owner's account, for JSON. */
    Account account(String login) {
        return accounts.find(login).orElseThrow(ApiException::notFound);
    }

    /** The account of {@code login}, or {@code null} when there is none (any more). */
    Account accountOrNull(String login) {
        return login == null ? null : accounts.find(login).orElse(null);
    }

    /** The account that posted a status, or {@code null} for Codara's own (or a deleted account). */
    Account creator(Long id) {
        return id == null ? null : accounts.find(id).orElse(null);
    }

    static Principal principal(HttpServletRequest request) {
        return Principal.of(request.getAttribute(Principal.REQUEST_ATTRIBUTE));
    }

    /** Who acts, for the audit log; 401 for anonymous callers. */
    static Actor actor(HttpServletRequest request) {
        Principal principal = principal(request);
        if (principal.anonymous()) {
            throw new ApiException(401, "Requires authentication");
        }
        return new Actor(principal.login(), request.getRemoteAddr());
    }
}
