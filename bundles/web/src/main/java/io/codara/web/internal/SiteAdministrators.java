package io.codara.web.internal;

import jakarta.servlet.http.HttpServletRequest;

import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;

/**
 * Whether a request comes from a site administrator, as the permission service decides (so a token needs the
 * {@code admin} scope); false while no permission service runs.
 */
final class SiteAdministrators {

    private SiteAdministrators() {
    }

    static boolean asking(Permissions permissions, HttpServletRequest request) {
        if (permissions == null) {
            return false;
        }
        Principal principal = Principal.of(request.getAttribute(Principal.REQUEST_ATTRIBUTE));
        return !principal.anonymous() && permissions.decide(principal, "admin", ResourceRef.SITE) == Decision.ALLOW;
    }
}
