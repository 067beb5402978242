package io.codara.api.security.spi;

import io.codara.api.security.Decision;
import io.codara.api.security.Principal;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Answers for one resource type (its service property {@link #RESOURCE_TYPE}): the capability that owns
 * repositories answers for {@code repository}, a plugin for its own types. Called by
 * {@link io.codara.api.security.Permissions} after the site-wide rules, so it never sees suspended users or
 * out-of-scope tokens. Site administrators must be allowed everything on resources that exist.
 */
@ConsumerType
public interface ResourceAuthority {

    /** Service property: the resource type this authority answers for. */
    String RESOURCE_TYPE = "codara.resource.type";

    /** The decision for one resource of this type; {@link Decision#NOT_FOUND} for one that does not exist. */
    Decision decide(Principal principal, String action, String resourceId);

    /**
     * The token scope (see {@code io.codara.api.auth.Scopes}) a personal access token needs for {@code action},
     * or {@code null} when none is needed. Asked only for token-authenticated principals; the default asks for
     * {@code admin}, the safe answer for an action nobody classified.
     */
    default String requiredScope(String action) {
        return "admin";
    }
}
