package io.codara.auth.internal;

import io.codara.testing.EmbeddedDatabase;

import io.codara.api.audit.Actor;
import io.codara.api.identity.Account;
import io.codara.api.identity.MembershipRole;
import io.codara.api.identity.NewAccount;
import io.codara.api.rest.ApiException;

/** The auth services wired by hand over one fresh test database, as SCR wires them in the framework. */
final class AuthFixture {

    static final String PASSWORD = "correct horse battery";
    static final Actor ADMIN = new Actor("admin", "127.0.0.1");

    final EmbeddedDatabase database = EmbeddedDatabase.create("auth");
    final PostgresAuditLog audit = new PostgresAuditLog(new AuthSchema(), database);
    final PostgresAccounts accounts = new PostgresAccounts(new AuthSchema(), database, audit);
    final PostgresOrganizations organizations = new PostgresOrganizations(new AuthSchema(), database, audit);
    final PostgresAccessTokens tokens = new PostgresAccessTokens(new AuthSchema(), database, audit);
    final SitePermissions permissions = new SitePermissions(accounts);

    AuthFixture() {
        permissions.addAuthority(new IdentityAuthorities.Site(), java.util.Map.of("codara.resource.type", "site"));
        permissions.addAuthority(new IdentityAuthorities.User(accounts), java.util.Map.of("codara.resource.type", "user"));
        permissions.addAuthority(new IdentityAuthorities.Organization(accounts, organizations),
                java.util.Map.of("codara.resource.type", "organization"));
        permissions.addAuthority(new IdentityAuthorities.TeamAuthority(organizations),
                java.util.Map.of("codara.resource.type", "team"));
    }

    /** The {@link ApiException} that {@code action} throws; fails the test when it throws none. */
    static ApiException error(Runnable action) {
        try {
            action.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected an ApiException");
    }

    Account user(String login) {
        return accounts.createUser(new NewAccount(login, null, login + "@example.com", PASSWORD.toCharArray(), false), ADMIN);
    }

    Account admin(String login) {
        return accounts.createUser(new NewAccount(login, null, login + "@example.com", PASSWORD.toCharArray(), true), ADMIN);
    }

    Account org(String login, String owner, String... members) {
        Account org = organizations.create(new NewAccount(login, null, null, null, false), owner, ADMIN);
        for (String member : members) {
            organizations.setMembership(login, member, MembershipRole.MEMBER, ADMIN);
        }
        return org;
    }
}
