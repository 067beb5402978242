package io.codara.api.security;

import io.codara.api.rest.ApiException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The one permission service: every REST endpoint, git operation and shell command of every bundle, and every
 * plugin, asks it before acting. It combines site-wide rules (site admins, suspended users, token scopes) with
 * the answer of the {@link io.codara.api.security.spi.ResourceAuthority} that owns the resource's type.
 */
@ProviderType
public interface Permissions {

    /**
     * May {@code principal} do {@code action} on {@code resource}?
     *
     * @param action what is attempted, named by the resource type's owner, e.g. {@code "read"}, {@code "write"},
     *        {@code "admin"}, {@code "delete"}
     */
    Decision decide(Principal principal, String action, ResourceRef resource);

    /**
     * Throws unless allowed, with the status the HTTP layer answers: 404 when the resource is hidden from the
     * principal, 401 when an anonymous principal is refused something it can see, 403 otherwise.
     */
    default void require(Principal principal, String action, ResourceRef resource) {
        switch (decide(principal, action, resource)) {
            case ALLOW -> {
            }
            case NOT_FOUND -> throw ApiException.notFound();
            case FORBIDDEN -> throw principal.anonymous()
                    ? new ApiException(401, "Requires authentication")
                    : new ApiException(403, "Forbidden: you may not " + action + " this " + resource.type());
        }
    }
}
