package io.codara.auth.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.codara.api.auth.Scopes;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;
import io.codara.api.security.spi.ResourceAuthority;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The one permission service. Site-wide rules first (a suspended or deleted user counts as anonymous; the site
 * administrator flag is read fresh), then the {@link ResourceAuthority} of the resource's type, then the token's
 * scopes: a token that lacks the scope for an action gets 403 where it could at least see the resource, 404
 * where it could not.
 */
@Component(service = {Permissions.class, SitePermissions.class})
public final class SitePermissions implements Permissions {

    private final Accounts accounts;
    private final List<Registered> authorities = new CopyOnWriteArrayList<>();

    @Activate
    public SitePermissions(@Reference Accounts accounts) {
        this.accounts = accounts;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAuthority(ResourceAuthority authority, java.util.Map<String, Object> properties) {
        Object type = properties.get(ResourceAuthority.RESOURCE_TYPE);
        if (type != null) {
            Object ranking = properties.get(Constants.SERVICE_RANKING);
            authorities.add(new Registered(type.toString(), ranking instanceof Integer r ? r : 0, authority));
        }
    }

    void removeAuthority(ResourceAuthority authority) {
        authorities.removeIf(r -> r.authority() == authority);
    }

    /** Whether some capability answers for {@code type} (e.g. whether repositories exist on this installation). */
    boolean knows(String type) {
        return authority(type).isPresent();
    }

    private Optional<ResourceAuthority> authority(String type) {
        return authorities.stream().filter(r -> r.type().equals(type))
                .max(Comparator.comparingInt(Registered::ranking)).map(Registered::authority);
    }

    @Override
    public Decision decide(Principal principal, String action, ResourceRef resource) {
        Optional<ResourceAuthority> found = authority(resource.type());
        if (found.isEmpty()) {
            return Decision.NOT_FOUND;
        }
        ResourceAuthority authority = found.get();
        Principal effective = effective(principal);
        Decision decision = authority.decide(effective, action, resource.id());
        if (decision != Decision.ALLOW || effective.scopes() == null
                || Scopes.satisfies(effective.scopes(), authority.requiredScope(action))) {
            return decision;
        }
        // A token is never weaker than no credentials at all: what anyone may do (read a public repository), it may.
        if (authority.decide(Principal.ANONYMOUS, action, resource.id()) == Decision.ALLOW) {
            return Decision.ALLOW;
        }
        boolean tokenCanSee = Scopes.satisfies(effective.scopes(), authority.requiredScope("read"))
                && authority.decide(effective, "read", resource.id()) == Decision.ALLOW;
        boolean publiclyVisible = authority.decide(Principal.ANONYMOUS, "read", resource.id()) == Decision.ALLOW;
        return tokenCanSee || publiclyVisible ? Decision.FORBIDDEN : Decision.NOT_FOUND;
    }

    /** The principal as the database says it is now: suspended or deleted users have no rights left. */
    private Principal effective(Principal principal) {
        if (principal.anonymous()) {
            return principal;
        }
        Optional<Account> account = accounts.find(principal.login()).filter(a -> !a.organization() && !a.suspended());
        return account.map(a -> new Principal(a.login(), a.siteAdmin(), principal.scopes())).orElse(Principal.ANONYMOUS);
    }

    private record Registered(String type, int ranking, ResourceAuthority authority) {
    }
}
