package io.codara.git.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What the three repository-list resources share: authorise against the owner, list or create, and answer in
 * GitHub's JSON. Kept apart from the resources, which the REST whiteboard re-creates at will.
 */
@Component(service = RepositoryListing.class)
public final class RepositoryListing {

    private final Repositories repositories;
    private final RepositoryRoles roles;
    private final Accounts accounts;
    private final Permissions permissions;

    @Activate
    public RepositoryListing(@Reference Repositories repositories, @Reference RepositoryRoles roles,
            @Reference Accounts accounts, @Reference Permissions permissions) {
        this.repositories = repositories;
        this.roles = roles;
        this.accounts = accounts;
        this.permissions = permissions;
    }

    /**
     * The owner's account after the caller was allowed {@code action} on it: a user or an organisation, or only
     * an organisation for the {@code /orgs/...} URLs.
     */
    private Account owner(String login, boolean organizationOnly, String action, Principal principal) {
        Account owner = accounts.find(login).filter(a -> a.organization() || !organizationOnly)
                .orElseThrow(ApiException::notFound);
        permissions.require(principal, action,
                new ResourceRef(owner.organization() ? "organization" : "user", owner.login()));
        return owner;
    }

    Page<Map<String, Object>> list(String login, boolean organizationOnly, Integer page, Integer perPage,
            HttpServletRequest request, UriInfo uri) {
        Principal principal = RepositoryResource.principal(request);
        Account owner = owner(login, organizationOnly, "read", principal);
        Page<Repository> found = repositories.list(owner.login(), principal, PageRequest.of(page, perPage));
        RepositoryJson json = new RepositoryJson(uri.getBaseUri());
        return new Page<>(found.items().stream().map(r -> json.of(r, owner, roles.role(principal, r))).toList(),
                found.request(), found.total());
    }

    /** GitHub's {@code GET /user/repos}: the signed-in caller's repositories and its organisations' it works on. */
    Page<Map<String, Object>> mine(Integer page, Integer perPage, HttpServletRequest request, UriInfo uri) {
        Principal principal = RepositoryResource.principal(request);
        RepositoryResource.actor(request); // 401 for anonymous callers
        Page<Repository> found = repositories.accessible(principal, PageRequest.of(page, perPage));
        RepositoryJson json = new RepositoryJson(uri.getBaseUri());
        Map<String, Optional<Account>> owners = new HashMap<>();
        List<Map<String, Object>> items = new ArrayList<>();
        for (Repository repository : found.items()) {
            owners.computeIfAbsent(repository.owner(), accounts::find)
                    .ifPresent(owner -> items.add(json.of(repository, owner, roles.role(principal, repository))));
        }
        return new Page<>(items, found.request(), found.total());
    }

    /**
     * GitHub's {@code GET /repositories}: every repository the caller may see, by id from {@code since}, with a
     * {@code Link} to the next page ({@code since} the last id) when this one is full.
     */
    Response all(Long since, Integer perPage, HttpServletRequest request, UriInfo uri) {
        if (since != null && since < 0) {
            throw RepositoryNames.invalid("since", "invalid", "since must be a repository id (0 or more)");
        }
        Principal principal = RepositoryResource.principal(request);
        int limit = PageRequest.of(1, perPage).perPage();
        List<Repository> found = repositories.visible(principal, since == null ? 0 : since, limit);
        RepositoryJson json = new RepositoryJson(uri.getBaseUri());
        Map<String, Optional<Account>> owners = new HashMap<>();
        List<Map<String, Object>> body = new ArrayList<>();
        for (Repository repository : found) {
            Optional<Account> owner = owners.computeIfAbsent(repository.owner(), accounts::find);
            owner.ifPresent(account -> body.add(json.of(repository, account, roles.role(principal, repository))));
        }
        Response.ResponseBuilder response = Response.ok(body);
        if (found.size() == limit) {
            response.header("Link", "<" + uri.getBaseUri() + "repositories?since=" + found.get(found.size() - 1).id()
                    + "&per_page=" + limit + ">; rel=\"next\"");
        }
        return response.build();
    }

    /** Creates a repository for {@code login}; the caller needs {@code create_repository} on the owner. */
    Response create(String login, boolean organizationOnly, RepositoryBody body, HttpServletRequest request,
            UriInfo uri) {
        Principal principal = RepositoryResource.principal(request);
        var actor = RepositoryResource.actor(request);
        Account owner = owner(login, organizationOnly, "create_repository", principal);
        if (body == null) {
            throw RepositoryNames.invalid("name", "missing_field", "name is required");
        }
        Repository repository = repositories.create(owner.login(), body.toNew(), actor);
        return Response.created(URI.create(uri.getBaseUri() + "repos/" + repository.fullName()))
                .entity(new RepositoryJson(uri.getBaseUri()).of(repository, owner, roles.role(principal, repository)))
                .build();
    }
}
