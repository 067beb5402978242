package io.codara.auth.internal;

import static io.codara.auth.internal.AuthFixture.ADMIN;
import static io.codara.api.security.Decision.ALLOW;
import static io.codara.api.security.Decision.FORBIDDEN;
import static io.codara.api.security.Decision.NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import io.codara.api.identity.TeamChange;
import io.codara.api.identity.TeamRole;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Decision;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;
import io.codara.api.security.spi.ResourceAuthority;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SitePermissionsTest {

    private static AuthFixture fx;
    private static final Principal ROOT = new Principal("boss", true, null);
    private static final Principal OWNER = new Principal("owner", false, null);
    private static final Principal MEMBER = new Principal("member", false, null);
    private static final Principal MAINTAINER = new Principal("maint", false, null);
    private static final Principal OUTSIDER = new Principal("outsider", false, null);
    private static final Principal SUSPENDED = new Principal("gone", false, null);

    @BeforeAll
    static void fixture() {
        fx = new AuthFixture();
        fx.admin("boss");
        for (String login : new String[] {"owner", "member", "maint", "outsider", "gone"}) {
            fx.user(login);
        }
        fx.org("acme", "owner", "member", "maint", "gone");
        fx.organizations.createTeam("acme", new TeamChange("Core", null, "closed"), "maint", ADMIN);
        fx.organizations.createTeam("acme", new TeamChange("Vault", null, "secret"), null, ADMIN);
        fx.organizations.setTeamMembership("acme", "vault", "member", TeamRole.MEMBER, ADMIN);
        fx.accounts.setSuspended("gone", true, ADMIN);
    }

    private static Decision decide(Principal who, String action, String type, String id) {
        return fx.permissions.decide(who, action, new ResourceRef(type, id));
    }

    @Test
    void siteAdministrationIsForSiteAdministratorsOnly() {
        assertThat(decide(ROOT, "admin", "site", "")).isEqualTo(ALLOW);
        assertThat(decide(OWNER, "admin", "site", "")).isEqualTo(FORBIDDEN);
        assertThat(decide(Principal.ANONYMOUS, "admin", "site", "")).isEqualTo(FORBIDDEN);
        // The flag is read from the database, not trusted from the principal.
        assertThat(decide(new Principal("owner", true, null), "admin", "site", "")).isEqualTo(FORBIDDEN);
        assertThat(decide(Principal.ANONYMOUS, "create_org", "site", "")).isEqualTo(FORBIDDEN);
        assertThat(decide(OUTSIDER, "create_org", "site", "")).isEqualTo(ALLOW);
    }

    @Test
    void usersManageThemselvesAndSuspendedUsersHideFromAllButAdmins() {
        assertThat(decide(OUTSIDER, "write", "user", "OUTSIDER")).isEqualTo(ALLOW);
        assertThat(decide(OUTSIDER, "write", "user", "member")).isEqualTo(FORBIDDEN);
        assertThat(decide(OUTSIDER, "admin", "user", "outsider")).isEqualTo(FORBIDDEN);
        assertThat(decide(ROOT, "admin", "user", "member")).isEqualTo(ALLOW);
        assertThat(decide(Principal.ANONYMOUS, "read", "user", "member")).isEqualTo(ALLOW);
        assertThat(decide(Principal.ANONYMOUS, "read", "user", "gone")).isEqualTo(NOT_FOUND);
        assertThat(decide(ROOT, "read", "user", "gone")).isEqualTo(ALLOW);
        assertThat(decide(OUTSIDER, "read", "user", "nobody")).isEqualTo(NOT_FOUND);
        assertThat(decide(SUSPENDED, "write", "user", "gone")).isEqualTo(NOT_FOUND);
    }

    @Test
    void organisationsAreVisibleMembersSeeMoreOwnersAdminister() {
        assertThat(decide(Principal.ANONYMOUS, "read", "organization", "acme")).isEqualTo(ALLOW);
        assertThat(decide(OUTSIDER, "member", "organization", "acme")).isEqualTo(FORBIDDEN);
        assertThat(decide(MEMBER, "member", "organization", "acme")).isEqualTo(ALLOW);
        assertThat(decide(MEMBER, "admin", "organization", "acme")).isEqualTo(FORBIDDEN);
        assertThat(decide(OWNER, "admin", "organization", "acme")).isEqualTo(ALLOW);
        assertThat(decide(ROOT, "admin", "organization", "acme")).isEqualTo(ALLOW);
        assertThat(decide(SUSPENDED, "member", "organization", "acme")).isEqualTo(FORBIDDEN);
        assertThat(decide(OWNER, "read", "organization", "nope")).isEqualTo(NOT_FOUND);
        assertThat(decide(OWNER, "read", "organization", "owner")).isEqualTo(NOT_FOUND);
    }

    @Test
    void secretTeamsAreInvisibleToThoseOutsideThem() {
        assertThat(decide(MEMBER, "read", "team", "acme/core")).isEqualTo(ALLOW);
        assertThat(decide(MEMBER, "admin", "team", "acme/core")).isEqualTo(FORBIDDEN);
        assertThat(decide(MAINTAINER, "admin", "team", "acme/core")).isEqualTo(ALLOW);
        assertThat(decide(OUTSIDER, "read", "team", "acme/core")).isEqualTo(NOT_FOUND);
        assertThat(decide(Principal.ANONYMOUS, "read", "team", "acme/core")).isEqualTo(NOT_FOUND);
        assertThat(decide(MAINTAINER, "read", "team", "acme/vault")).isEqualTo(NOT_FOUND);
        assertThat(decide(MEMBER, "read", "team", "acme/vault")).isEqualTo(ALLOW);
        assertThat(decide(OWNER, "admin", "team", "acme/vault")).isEqualTo(ALLOW);
        assertThat(decide(ROOT, "admin", "team", "acme/vault")).isEqualTo(ALLOW);
        assertThat(decide(OWNER, "read", "team", "acme/none")).isEqualTo(NOT_FOUND);
    }

    @Test
    void tokensAreLimitedToTheirScopes() {
        Principal readOnly = new Principal("owner", false, Set.of("repo:read"));
        Principal orgAdmin = new Principal("owner", false, Set.of("admin:org"));
        Principal everything = new Principal("boss", true, Set.of("admin"));
        Principal rootWithoutAdmin = new Principal("boss", true, Set.of("admin:org"));
        assertThat(decide(readOnly, "admin", "organization", "acme")).isEqualTo(FORBIDDEN);
        assertThat(decide(orgAdmin, "admin", "organization", "acme")).isEqualTo(ALLOW);
        assertThat(decide(orgAdmin, "member", "organization", "acme")).isEqualTo(ALLOW);
        // The secret team is visible to the owner, but not to a token that may not even read organisations.
        assertThat(decide(readOnly, "read", "team", "acme/vault")).isEqualTo(NOT_FOUND);
        assertThat(decide(orgAdmin, "admin", "team", "acme/vault")).isEqualTo(ALLOW);
        assertThat(decide(everything, "admin", "site", "")).isEqualTo(ALLOW);
        assertThat(decide(rootWithoutAdmin, "admin", "site", "")).isEqualTo(FORBIDDEN);
        // Managing tokens with a token needs "admin": a "user" token could otherwise mint itself more scopes.
        assertThat(decide(new Principal("owner", false, Set.of("user")), "tokens", "user", "owner")).isEqualTo(FORBIDDEN);
        assertThat(decide(new Principal("owner", false, Set.of("user")), "write", "user", "owner")).isEqualTo(ALLOW);
    }

    @Test
    void unknownTypesAreNotFoundAndPluginsAnswerForTheirOwn() {
        assertThat(decide(ROOT, "read", "widget", "1")).isEqualTo(NOT_FOUND);
        ResourceAuthority widgets = (principal, action, id) -> !id.equals("1") ? NOT_FOUND
                : action.equals("read") || !principal.anonymous() ? ALLOW : FORBIDDEN;
        fx.permissions.addAuthority(widgets, Map.of(ResourceAuthority.RESOURCE_TYPE, "widget"));
        assertThat(fx.permissions.knows("widget")).isTrue();
        assertThat(decide(OUTSIDER, "read", "widget", "1")).isEqualTo(ALLOW);
        // The default scope for an action nobody classified is "admin", but what anonymous callers may do, any
        // token may: a token is never weaker than no credentials.
        assertThat(decide(new Principal("outsider", false, Set.of("repo:write")), "read", "widget", "1"))
                .isEqualTo(ALLOW);
        assertThat(decide(new Principal("outsider", false, Set.of("repo:write")), "edit", "widget", "1"))
                .isEqualTo(FORBIDDEN);
        fx.permissions.removeAuthority(widgets);
        assertThat(decide(OUTSIDER, "read", "widget", "1")).isEqualTo(NOT_FOUND);
    }

    @Test
    void requireAnswersWithTheStatusTheHttpLayerSends() {
        assertThatThrownBy(() -> fx.permissions.require(Principal.ANONYMOUS, "admin", new ResourceRef("organization", "acme")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> fx.permissions.require(MEMBER, "admin", new ResourceRef("organization", "acme")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> fx.permissions.require(OUTSIDER, "read", new ResourceRef("team", "acme/vault")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
}
