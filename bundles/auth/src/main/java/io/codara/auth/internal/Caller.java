package io.codara.auth.internal;

import jakarta.servlet.http.HttpServletRequest;

import io.codara.api.audit.Actor;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Principal;

/**
 * Who made an HTTP request, as {@link RequestAuthentication} established it: the principal for permission checks
 * and the actor (login and address) for the audit log.
 */
record Caller(Principal principal, String address) {

    static Caller of(HttpServletRequest request) {
        return new Caller(Principal.of(request.getAttribute(Principal.REQUEST_ATTRIBUTE)), request.getRemoteAddr());
    }

    /** The signed-in user's login; 401 for an anonymous request. */
    String login() {
        if (principal.anonymous()) {
            throw new ApiException(401, "Requires authentication");
        }
        return principal.login();
    }

    /** The audit log's view of the caller (who must be signed in). */
    Actor actor() {
        return new Actor(login(), address);
    }
}
