package io.codara.auth.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.codara.api.auth.AccessToken;
import io.codara.api.auth.Session;
import io.codara.api.identity.Account;
import io.codara.api.identity.Membership;
import io.codara.api.identity.Team;
import io.codara.api.identity.TeamMembership;
import io.codara.api.security.Role;

/**
 * GitHub's JSON shapes for the identity resources, field for field where GitHub has the field, so octokit and
 * other GitHub clients read them. URLs are absolute, built from the request's base URI ({@code .../api/v3/}).
 */
final class Shapes {

    private final String api;
    private final String web;

    Shapes(URI apiBase) {
        String base = apiBase.toString();
        this.api = base.endsWith("/") ? base : base + "/";
        String root = api.endsWith("api/v3/") ? api.substring(0, api.length() - "api/v3/".length()) : api;
        this.web = root;
    }

    String api(String path) {
        return api + path;
    }

    /** GitHub's "simple user" (and organisation) shape, as embedded in other objects. */
    Map<String, Object> simple(Account account) {
        Map<String, Object> json = new LinkedHashMap<>();
        String login = account.login();
        json.put("login", login);
        json.put("id", account.id());
        json.put("node_id", nodeId(account.type().githubName(), account.id()));
        json.put("avatar_url", api("users/" + login + "/avatar")
                + (account.avatarUpdatedAt() == null ? "" : "?v=" + account.avatarUpdatedAt().toEpochMilli()));
        json.put("gravatar_id", "");
        json.put("url", api((account.organization() ? "orgs/" : "users/") + login));
        json.put("html_url", web + login);
        if (account.organization()) {
            json.put("repos_url", api("orgs/" + login + "/repos"));
            json.put("members_url", api("orgs/" + login + "/members{/member}"));
            json.put("public_members_url", api("orgs/" + login + "/public_members{/member}"));
            json.put("description", account.bio());
        } else {
            json.put("organizations_url", api("users/" + login + "/orgs"));
            json.put("repos_url", api("users/" + login + "/repos"));
            json.put("type", "User");
            json.put("site_admin", account.siteAdmin());
        }
        return json;
    }

    /** The full public profile ({@code GET /users/{login}}). */
    Map<String, Object> user(Account account) {
        Map<String, Object> json = simple(account);
        json.put("type", account.type().githubName());
        json.put("name", account.name());
        json.put("company", account.company());
        json.put("blog", account.blog() == null ? "" : account.blog());
        json.put("location", account.location());
        json.put("email", account.email());
        json.put("hireable", null);
        json.put("bio", account.bio());
        json.put("twitter_username", null);
        json.put("public_repos", 0);
        json.put("public_gists", 0);
        json.put("followers", 0);
        json.put("following", 0);
        json.put("created_at", time(account.createdAt()));
        json.put("updated_at", time(account.updatedAt()));
        if (account.suspended()) {
            json.put("suspended_at", time(account.suspendedAt()));
        }
        return json;
    }

    /** The signed-in user's own view ({@code GET /user}). */
    Map<String, Object> privateUser(Account account) {
        Map<String, Object> json = user(account);
        json.put("suspended_at", time(account.suspendedAt()));
        json.put("two_factor_authentication", false);
        json.put("private_gists", 0);
        json.put("total_private_repos", 0);
        json.put("owned_private_repos", 0);
        json.put("disk_usage", 0);
        json.put("collaborators", 0);
        return json;
    }

    /** The full organisation ({@code GET /orgs/{org}}). */
    Map<String, Object> organization(Account org) {
        Map<String, Object> json = simple(org);
        json.put("name", org.name());
        json.put("company", org.company());
        json.put("blog", org.blog() == null ? "" : org.blog());
        json.put("location", org.location());
        json.put("email", org.email());
        json.put("is_verified", false);
        json.put("has_organization_projects", false);
        json.put("has_repository_projects", false);
        json.put("public_repos", 0);
        json.put("public_gists", 0);
        json.put("followers", 0);
        json.put("following", 0);
        json.put("type", "Organization");
        json.put("default_repository_permission", basePermission(org.basePermission()));
        json.put("created_at", time(org.createdAt()));
        json.put("updated_at", time(org.updatedAt()));
        return json;
    }

    static String basePermission(Role role) {
        return role == null ? "none" : role.name().toLowerCase(Locale.ROOT);
    }

    Map<String, Object> membership(Membership membership, Account org, Account user) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", api("orgs/" + org.login() + "/memberships/" + user.login()));
        json.put("state", "active");
        json.put("role", membership.role().githubName());
        json.put("organization_url", api("orgs/" + org.login()));
        json.put("organization", simple(org));
        json.put("user", simple(user));
        json.put("public", membership.publicized());
        return json;
    }

    Map<String, Object> team(Team team) {
        Map<String, Object> json = new LinkedHashMap<>();
        String path = "orgs/" + team.organization() + "/teams/" + team.slug();
        json.put("id", team.id());
        json.put("node_id", nodeId("Team", team.id()));
        json.put("url", api(path));
        json.put("html_url", web + "orgs/" + team.organization() + "/teams/" + team.slug());
        json.put("name", team.name());
        json.put("slug", team.slug());
        json.put("description", team.description());
        json.put("privacy", team.secret() ? "secret" : "closed");
        json.put("notification_setting", "notifications_enabled");
        json.put("permission", "pull");
        json.put("members_url", api(path + "/members{/member}"));
        json.put("repositories_url", api(path + "/repos"));
        json.put("parent", null);
        json.put("members_count", team.membersCount());
        json.put("created_at", time(team.createdAt()));
        json.put("updated_at", time(team.updatedAt()));
        return json;
    }

    Map<String, Object> teamMembership(String org, TeamMembership membership) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", api("orgs/" + org + "/teams/" + membership.team() + "/memberships/" + membership.user()));
        json.put("role", membership.role().githubName());
        json.put("state", "active");
        return json;
    }

    Map<String, Object> token(AccessToken token, String secret) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", token.id());
        json.put("url", api("user/tokens/" + token.id()));
        json.put("name", token.name());
        json.put("note", token.name());
        json.put("scopes", token.scopes().stream().sorted().toList());
        if (secret != null) {
            json.put("token", secret);
        }
        json.put("token_last_eight", token.lastEight());
        json.put("expires_at", time(token.expiresAt()));
        json.put("created_at", time(token.createdAt()));
        json.put("last_used_at", time(token.lastUsedAt()));
        json.put("last_used_ip", token.lastUsedAddress());
        return json;
    }

    Map<String, Object> session(Session session, boolean current) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", session.id());
        json.put("url", api("user/sessions/" + session.id()));
        json.put("current", current);
        json.put("created_at", time(session.createdAt()));
        json.put("last_seen_at", time(session.lastSeenAt()));
        json.put("expires_at", time(session.expiresAt()));
        json.put("ip", session.address());
        json.put("user_agent", session.userAgent());
        return json;
    }

    /** GitHub's timestamps: ISO 8601 in UTC, to the second. */
    static String time(Instant instant) {
        return instant == null ? null : instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    static String nodeId(String type, long id) {
        return Base64.getEncoder().withoutPadding()
                .encodeToString(("0:" + type + id).getBytes(StandardCharsets.US_ASCII));
    }

    static Instant parseInstant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            } catch (java.time.format.DateTimeParseException again) {
                throw Validation.invalidField("Token", field, field + " must be an ISO 8601 time, e.g. 2027-01-31T12:00:00Z");
            }
        }
    }
}
