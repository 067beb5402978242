package io.codara.auth.internal;

import java.util.Optional;

import io.codara.api.auth.Scopes;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.identity.Membership;
import io.codara.api.identity.MembershipRole;
import io.codara.api.identity.Organizations;
import io.codara.api.identity.Team;
import io.codara.api.identity.TeamRole;
import io.codara.api.security.Decision;
import io.codara.api.security.Principal;
import io.codara.api.security.spi.ResourceAuthority;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The resource types the identity capability owns: the site, users, organisations and teams. */
public final class IdentityAuthorities {

    private IdentityAuthorities() {
    }

    static final String READ = "read";
    static final String WRITE = "write";
    static final String ADMIN = "admin";

    /**
     * {@code site}: everyone may {@code read}; signed-in users may {@code create_org}; only site administrators
     * may {@code admin} (user administration, audit log).
     */
    @Component(service = ResourceAuthority.class, property = ResourceAuthority.RESOURCE_TYPE + "=site")
    public static final class Site implements ResourceAuthority {

        static final String CREATE_ORG = "create_org";

        @Override
        public Decision decide(Principal principal, String action, String id) {
            return switch (action) {
                case READ -> Decision.ALLOW;
                case CREATE_ORG -> principal.anonymous() ? Decision.FORBIDDEN : Decision.ALLOW;
                default -> principal.siteAdmin() ? Decision.ALLOW : Decision.FORBIDDEN;
            };
        }

        @Override
        public String requiredScope(String action) {
            return switch (action) {
                case READ -> null;
                case CREATE_ORG -> Scopes.ADMIN_ORG;
                default -> Scopes.ADMIN;
            };
        }
    }

    /**
     * {@code user} (id: login): anyone may {@code read} an active user (suspended ones only site administrators);
     * the user and site administrators may {@code write} the profile, emails and keys, list their {@code orgs}
     * and manage {@code tokens} and sessions; only site administrators may {@code admin} (suspend, promote,
     * reset a password).
     */
    @Component(service = ResourceAuthority.class, property = ResourceAuthority.RESOURCE_TYPE + "=user")
    public static final class User implements ResourceAuthority {

        static final String TOKENS = "tokens";
        static final String ORGS = "orgs";
        /** Create a repository owned by the user (the git capability asks). */
        static final String CREATE_REPOSITORY = "create_repository";
        private final Accounts accounts;

        @Activate
        public User(@Reference Accounts accounts) {
            this.accounts = accounts;
        }

        @Override
        public Decision decide(Principal principal, String action, String login) {
            Optional<Account> user = accounts.find(login).filter(a -> !a.organization());
            if (user.isEmpty() || user.get().suspended() && !principal.siteAdmin()) {
                return Decision.NOT_FOUND;
            }
            if (principal.siteAdmin() || READ.equals(action)) {
                return Decision.ALLOW;
            }
            boolean self = user.get().login().equalsIgnoreCase(principal.login());
            return self && !ADMIN.equals(action) ? Decision.ALLOW : Decision.FORBIDDEN;
        }

        @Override
        public String requiredScope(String action) {
            return switch (action) {
                case READ -> null;
                case WRITE -> Scopes.USER;
                case ORGS -> Scopes.READ_ORG;
                case CREATE_REPOSITORY -> Scopes.REPO_WRITE;
                // A token that could mint tokens could escalate to any scope: only "admin" tokens may.
                default -> Scopes.ADMIN;
            };
        }
    }

    /**
     * {@code organization} (id: login): anyone may {@code read} it; members may see {@code member}-only facts
     * (all members, teams) and {@code create_repository}; owners and site administrators may {@code admin} it.
     */
    @Component(service = ResourceAuthority.class, property = ResourceAuthority.RESOURCE_TYPE + "=organization")
    public static final class Organization implements ResourceAuthority {

        static final String MEMBER = "member";
        /** Create a repository owned by the organisation: any member may, GitHub's default. */
        static final String CREATE_REPOSITORY = "create_repository";
        private final Accounts accounts;
        private final Organizations organizations;

        @Activate
        public Organization(@Reference Accounts accounts, @Reference Organizations organizations) {
            this.accounts = accounts;
            this.organizations = organizations;
        }

        @Override
        public Decision decide(Principal principal, String action, String login) {
            if (accounts.find(login).filter(Account::organization).isEmpty()) {
                return Decision.NOT_FOUND;
            }
            if (READ.equals(action) || principal.siteAdmin()) {
                return Decision.ALLOW;
            }
            if (principal.anonymous()) {
                return Decision.FORBIDDEN;
            }
            Optional<Membership> membership = organizations.membership(login, principal.login());
            boolean allowed = MEMBER.equals(action) || CREATE_REPOSITORY.equals(action) ? membership.isPresent()
                    : membership.map(m -> m.role() == MembershipRole.ADMIN).orElse(false);
            return allowed ? Decision.ALLOW : Decision.FORBIDDEN;
        }

        @Override
        public String requiredScope(String action) {
            return switch (action) {
                case READ -> null;
                case MEMBER -> Scopes.READ_ORG;
                case CREATE_REPOSITORY -> Scopes.REPO_WRITE;
                default -> Scopes.ADMIN_ORG;
            };
        }
    }

    /**
     * {@code team} (id: {@code org/slug}): a closed team is visible to the organisation's members, a secret one
     * to its own members and the owners; owners, the team's maintainers and site administrators may {@code admin}.
     */
    @Component(service = ResourceAuthority.class, property = ResourceAuthority.RESOURCE_TYPE + "=team")
    public static final class TeamAuthority implements ResourceAuthority {

        private final Organizations organizations;

        @Activate
        public TeamAuthority(@Reference Organizations organizations) {
            this.organizations = organizations;
        }

        @Override
        public Decision decide(Principal principal, String action, String id) {
            int slash = id.indexOf('/');
            if (slash < 0) {
                return Decision.NOT_FOUND;
            }
            String org = id.substring(0, slash);
            String slug = id.substring(slash + 1);
            Optional<Team> team = organizations.team(org, slug);
            if (team.isEmpty()) {
                return Decision.NOT_FOUND;
            }
            if (principal.siteAdmin()) {
                return Decision.ALLOW;
            }
            if (principal.anonymous()) {
                return Decision.NOT_FOUND;
            }
            Optional<Membership> membership = organizations.membership(org, principal.login());
            boolean owner = membership.map(m -> m.role() == MembershipRole.ADMIN).orElse(false);
            Optional<TeamRole> teamRole = organizations.teamMembership(org, slug, principal.login())
                    .map(io.codara.api.identity.TeamMembership::role);
            boolean visible = owner || teamRole.isPresent() || membership.isPresent() && !team.get().secret();
            if (!visible) {
                return Decision.NOT_FOUND;
            }
            if (READ.equals(action)) {
                return Decision.ALLOW;
            }
            return owner || teamRole.orElse(null) == TeamRole.MAINTAINER ? Decision.ALLOW : Decision.FORBIDDEN;
        }

        @Override
        public String requiredScope(String action) {
            return READ.equals(action) ? Scopes.READ_ORG : Scopes.ADMIN_ORG;
        }
    }
}
