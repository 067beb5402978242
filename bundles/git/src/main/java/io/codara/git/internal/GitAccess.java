package io.codara.git.internal;

import java.util.Optional;

import io.codara.api.git.Repository;
import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;

/**
 * Who may use a git service on a repository, answered the way git understands: a refused anonymous caller gets 401
 * (so git asks for credentials, also for a repository it may not see or that does not exist, which it cannot tell
 * apart), a signed-in caller 404 for what it may not see and 403 for what it may see but not change. Pushes to an
 * archived repository are refused after the permission check, so only those who could push learn why.
 */
final class GitAccess {

    static final String ARCHIVED = "This repository was archived so it is read-only.";
    static final String NOT_FOUND = "Repository not found.";
    static final String AUTHENTICATION_REQUIRED = "Authentication required: sign in with your login and a token.";

    /** A refusal: the HTTP status and the message git prints as {@code remote:} lines. */
    record Refusal(int status, String message) {
    }

    private final Permissions permissions;

    GitAccess(Permissions permissions) {
        this.permissions = permissions;
    }

    /**
     * Why {@code principal} may not use {@code service} on {@code repository} (empty when it does not exist), or
     * empty when it may.
     */
    Optional<Refusal> refusal(Principal principal, GitService service, Optional<Repository> repository) {
        if (repository.isEmpty()) {
            return Optional.of(hidden(principal));
        }
        Repository repo = repository.get();
        Decision decision = permissions.decide(principal, service.action(), new ResourceRef("repository", repo.fullName()));
        return switch (decision) {
            case ALLOW -> service == GitService.RECEIVE_PACK && repo.archived()
                    ? Optional.of(new Refusal(403, ARCHIVED))
                    : Optional.empty();
            case NOT_FOUND -> Optional.of(hidden(principal));
            case FORBIDDEN -> Optional.of(principal.anonymous()
                    ? new Refusal(401, AUTHENTICATION_REQUIRED)
                    : new Refusal(403, "Permission to " + repo.fullName() + ".git denied to " + principal.login() + "."));
        };
    }

    private static Refusal hidden(Principal principal) {
        return principal.anonymous() ? new Refusal(401, AUTHENTICATION_REQUIRED) : new Refusal(404, NOT_FOUND);
    }
}
