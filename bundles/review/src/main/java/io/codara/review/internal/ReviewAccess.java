package io.codara.review.internal;

import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import io.codara.api.audit.Actor;
import io.codara.api.auth.Scopes;
import io.codara.api.git.ForkSort;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * How the pull request resources find and authorise what they act on: repositories by name (following renames),
 * allowed by the permission service, where what the caller may not see is a 404 like a missing one; and the head
 * repository that {@code head} ({@code branch} or {@code owner:branch}) names in the base's fork network.
 */
@Component(service = ReviewAccess.class)
public final class ReviewAccess {

    static final String READ = "read";
    static final String WRITE = "write";

    private final Repositories repositories;
    private final Accounts accounts;
    private final Permissions permissions;

    @Activate
    public ReviewAccess(@Reference Repositories repositories, @Reference Accounts accounts,
            @Reference Permissions permissions) {
        this.repositories = repositories;
        this.accounts = accounts;
        this.permissions = permissions;
    }

    /** The repository {@code owner/name}, after the permission service allowed {@code action} on it. */
    Repository repository(String owner, String name, String action, HttpServletRequest request) {
        Repository repository = repositories.resolve(owner, name).orElseThrow(ApiException::notFound);
        permissions.require(principal(request), action, ref(repository));
        return repository;
    }

    /** Whether the caller may write to {@code repository}. */
    boolean mayWrite(Repository repository, HttpServletRequest request) {
        return permissions.decide(principal(request), WRITE, ref(repository)) == Decision.ALLOW;
    }

    /**
     * Throws 403 for a token without {@code repo:write}: what opens or changes pull requests and their discussions
     * needs a token that may write at all, even where the author's own right suffices (as GitHub asks a token for pull
     * request write access).
     */
    static void requireWriteScope(HttpServletRequest request) {
        var scopes = principal(request).scopes();
        if (scopes != null && !Scopes.satisfies(scopes, Scopes.REPO_WRITE)) {
            throw new ApiException(403, "Forbidden: this token lacks the " + Scopes.REPO_WRITE + " scope");
        }
    }

    /** Throws 403 unless the caller opened {@code pull} (with a token that may write) or may write to {@code base}. */
    void requireAuthorOrWriter(Repository base, io.codara.api.review.PullRequest pull, HttpServletRequest request) {
        requireWriteScope(request);
        Actor actor = actor(request);
        Account author = account(pull.authorId());
        boolean isAuthor = author != null && author.login().equalsIgnoreCase(actor.login());
        if (!isAuthor && !mayWrite(base, request)) {
            throw new ApiException(403, "Forbidden: only the author or writers may change a pull request");
        }
    }

    /** Whether the user {@code login} may write to {@code repository}: a collaborator who may be asked to review. */
    boolean collaborator(Repository repository, Account account) {
        return permissions.decide(new Principal(account.login(), account.siteAdmin(), null), WRITE, ref(repository))
                == Decision.ALLOW;
    }

    /** The accounts of {@code logins} that may be assigned in {@code repository}: those who may write to it. */
    java.util.List<Long> assignable(Repository repository, java.util.List<String> logins) {
        return logins.stream().map(this::account).filter(a -> a != null && collaborator(repository, a))
                .map(Account::id).toList();
    }

    /** A repository by id, for JSON, or {@code null} when it is gone. */
    Repository repository(long id) {
        return repositories.find(id).orElse(null);
    }

    /**
     * The repository and branch that {@code head} names for a pull request into {@code base}: {@code branch} is in
     * {@code base}; {@code owner:branch} is in the repository of {@code owner} in the fork network of {@code base}
     * (the base itself for its own owner). What the caller may not read is invalid, as if it did not exist.
     */
    Head head(Repository base, String head, HttpServletRequest request) {
        if (head == null || head.isBlank()) {
            throw PostgresPullRequests.invalid("head", "missing_field", "head is required");
        }
        int colon = head.indexOf(':');
        if (colon < 0) {
            return new Head(base, head);
        }
        String owner = head.substring(0, colon);
        String branch = head.substring(colon + 1);
        if (owner.equalsIgnoreCase(base.owner())) {
            return new Head(base, branch);
        }
        Repository repository = inNetwork(base, owner, principal(request))
                .filter(r -> permissions.decide(principal(request), READ, ref(r)) == Decision.ALLOW)
                .orElseThrow(() -> PostgresPullRequests.invalid("head", "invalid",
                        "head repository of " + owner + " is not in the network of " + base.fullName()));
        return new Head(repository, branch);
    }

    private Optional<Repository> inNetwork(Repository base, String owner, Principal viewer) {
        String lower = owner.toLowerCase(Locale.ROOT);
        Optional<Repository> sameName = repositories.find(owner, base.name());
        if (sameName.isPresent() && related(base, sameName.get())) {
            return sameName;
        }
        for (int page = 1; page <= 50; page++) {
            Page<Repository> forks = repositories.forks(base.owner(), base.name(), ForkSort.OLDEST, viewer,
                    new PageRequest(page, PageRequest.MAX_PER_PAGE));
            for (Repository fork : forks.items()) {
                if (fork.owner().toLowerCase(Locale.ROOT).equals(lower)) {
                    return Optional.of(fork);
                }
            }
            if (page >= forks.lastPage()) {
                break;
            }
        }
        return Optional.empty();
    }

    /** Whether {@code other} is a fork of {@code base}, its parent, or a sibling fork. */
    private static boolean related(Repository base, Repository other) {
        return other.id() != base.id() && (Long.valueOf(base.id()).equals(other.parentId())
                || Long.valueOf(other.id()).equals(base.parentId())
                || base.parentId() != null && base.parentId().equals(other.parentId()));
    }

    /** The account with this id, for JSON, or {@code null} when it is gone. */
    Account account(long id) {
        return accounts.find(id).orElse(null);
    }

    /** The account with this login, for JSON, or {@code null}. */
    Account account(String login) {
        return accounts.find(login).orElse(null);
    }

    /** The account with this verified email, for commit JSON, or {@code null}. */
    Account accountByEmail(String email) {
        return email == null ? null : accounts.findByEmail(email, true).orElse(null);
    }

    private static ResourceRef ref(Repository repository) {
        return new ResourceRef("repository", repository.fullName());
    }

    static Principal principal(HttpServletRequest request) {
        return Principal.of(request.getAttribute(Principal.REQUEST_ATTRIBUTE));
    }

    /** Who acts; 401 for anonymous callers. */
    static Actor actor(HttpServletRequest request) {
        Principal principal = principal(request);
        if (principal.anonymous()) {
            throw new ApiException(401, "Requires authentication");
        }
        return new Actor(principal.login(), request.getRemoteAddr());
    }

    /** A head branch and its repository. */
    record Head(Repository repository, String branch) {
    }
}
