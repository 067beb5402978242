package io.codara.auth.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.codara.api.audit.Actor;
import io.codara.api.audit.AuditEvent;
import io.codara.api.audit.AuditLog;
import io.codara.api.identity.Account;
import io.codara.api.identity.Membership;
import io.codara.api.identity.MembershipRole;
import io.codara.api.identity.NewAccount;
import io.codara.api.identity.Organizations;
import io.codara.api.identity.Team;
import io.codara.api.identity.TeamChange;
import io.codara.api.identity.TeamMembership;
import io.codara.api.identity.TeamRepository;
import io.codara.api.identity.TeamRole;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Role;
import io.codara.api.storage.Database;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Organisations, memberships, teams and team repository roles in the {@code auth} schema. */
@Component(service = {Organizations.class, PostgresOrganizations.class})
public final class PostgresOrganizations implements Organizations {

    /** GitHub's repository name rule. */
    static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final String TEAM_COLUMNS = "t.id, o.login, t.name, t.slug, t.description, t.secret,"
            + " (SELECT count(*) FROM auth.team_members m WHERE m.team_id = t.id), t.created_at, t.updated_at";
    private static final Map<String, Supplier<ApiException>> DUPLICATES = Map.of(
            "accounts_login_key", () -> Validation.alreadyExists("Organization", "login", "login is already taken"),
            "teams_slug_key", () -> Validation.alreadyExists("Team", "name", "a team with this name already exists"),
            "teams_name_key", () -> Validation.alreadyExists("Team", "name", "a team with this name already exists"));

    private final Store store;
    private final AuditLog audit;

    @Activate
    public PostgresOrganizations(@Reference AuthSchema schema, @Reference Database database, @Reference AuditLog audit) {
        this.store = new Store(database);
        this.audit = audit;
    }

    @Override
    public Account create(NewAccount organization, String owner, Actor actor) {
        new Validation("Organization").login("login", organization.login(), false)
                .email("email", organization.email(), false).text("name", organization.name(), 255).check();
        return store.write(c -> {
            long ownerId = userId(c, owner);
            PostgresAccounts.checkLoginFree(c, organization.login(), "Organization");
            Account org = Sql.one(c, "INSERT INTO auth.accounts AS a (login, type, name, email, base_permission)"
                    + " VALUES (?, 'Organization', ?, ?, 'READ') RETURNING " + Sql.ACCOUNT_COLUMNS, Sql::account,
                    organization.login(), PostgresAccounts.blankToNull(organization.name()),
                    PostgresAccounts.blankToNull(organization.email())).orElseThrow();
            Sql.update(c, "INSERT INTO auth.org_members (org_id, user_id, role) VALUES (?, ?, 'ADMIN')", org.id(), ownerId);
            audit.record(c, new AuditEvent("org.create", actor, "organization", org.login(), Map.of("owner", owner)));
            return org;
        }, DUPLICATES);
    }

    @Override
    public void delete(String organization, Actor actor) {
        store.write(c -> {
            long orgId = orgId(c, organization);
            Sql.update(c, "DELETE FROM auth.accounts WHERE id = ?", orgId);
            audit.record(c, new AuditEvent("org.delete", actor, "organization", organization));
            return null;
        });
    }

    @Override
    public List<Account> organizationsOf(String login) {
        return store.read(c -> Sql.list(c, "SELECT " + Sql.ACCOUNT_COLUMNS + " FROM auth.accounts a"
                + " JOIN auth.org_members m ON m.org_id = a.id JOIN auth.accounts u ON u.id = m.user_id"
                + " WHERE lower(u.login) = lower(?) ORDER BY lower(a.login)", Sql::account, login));
    }

    @Override
    public Optional<Membership> membership(String organization, String login) {
        return store.read(c -> Sql.one(c, "SELECT o.login, u.login, m.role, m.publicized FROM auth.org_members m"
                + " JOIN auth.accounts o ON o.id = m.org_id JOIN auth.accounts u ON u.id = m.user_id"
                + " WHERE lower(o.login) = lower(?) AND lower(u.login) = lower(?)", PostgresOrganizations::membership,
                organization, login));
    }

    private static Membership membership(ResultSet rs) throws SQLException {
        return new Membership(rs.getString(1), rs.getString(2), MembershipRole.valueOf(rs.getString(3)), rs.getBoolean(4));
    }

    @Override
    public Page<Membership> members(String organization, MembershipRole role, boolean publicizedOnly, PageRequest page) {
        String where = " WHERE m.org_id = ?" + (role == null ? "" : " AND m.role = '" + role.name() + "'")
                + (publicizedOnly ? " AND m.publicized" : "");
        return store.read(c -> {
            long orgId = orgId(c, organization);
            return new Page<>(Sql.list(c, "SELECT o.login, u.login, m.role, m.publicized FROM auth.org_members m"
                    + " JOIN auth.accounts o ON o.id = m.org_id JOIN auth.accounts u ON u.id = m.user_id" + where
                    + " ORDER BY lower(u.login) LIMIT ? OFFSET ?", PostgresOrganizations::membership, orgId,
                    page.perPage(), page.offset()), page,
                    Sql.count(c, "SELECT count(*) FROM auth.org_members m" + where, orgId));
        });
    }

    @Override
    public Membership setMembership(String organization, String login, MembershipRole role, Actor actor) {
        if (role == null) {
            new Validation("Membership").missing("role").check();
        }
        return store.write(c -> {
            long orgId = orgId(c, organization);
            long userId = userId(c, login);
            Optional<String> before = Sql.one(c, "SELECT role FROM auth.org_members WHERE org_id = ? AND user_id = ?"
                    + " FOR UPDATE", rs -> rs.getString(1), orgId, userId);
            if (before.isPresent() && before.get().equals("ADMIN") && role != MembershipRole.ADMIN) {
                requireAnotherOwner(c, orgId, userId);
            }
            Sql.update(c, "INSERT INTO auth.org_members (org_id, user_id, role) VALUES (?, ?, ?)"
                    + " ON CONFLICT (org_id, user_id) DO UPDATE SET role = EXCLUDED.role", orgId, userId, role.name());
            if (before.isEmpty() || !before.get().equals(role.name())) {
                audit.record(c, new AuditEvent(before.isEmpty() ? "org.add_member" : "org.update_member", actor,
                        "organization", organization, Map.of("user", login, "role", role.githubName())));
            }
            return membershipIn(c, orgId, userId);
        });
    }

    @Override
    public boolean removeMember(String organization, String login, Actor actor) {
        return store.write(c -> {
            long orgId = orgId(c, organization);
            long userId = userId(c, login);
            Optional<String> role = Sql.one(c, "SELECT role FROM auth.org_members WHERE org_id = ? AND user_id = ?"
                    + " FOR UPDATE", rs -> rs.getString(1), orgId, userId);
            if (role.isEmpty()) {
                return false;
            }
            if (role.get().equals("ADMIN")) {
                requireAnotherOwner(c, orgId, userId);
            }
            Sql.update(c, "DELETE FROM auth.team_members WHERE user_id = ? AND team_id IN"
                    + " (SELECT id FROM auth.teams WHERE org_id = ?)", userId, orgId);
            Sql.update(c, "DELETE FROM auth.org_members WHERE org_id = ? AND user_id = ?", orgId, userId);
            audit.record(c, new AuditEvent("org.remove_member", actor, "organization", organization,
                    Map.of("user", login)));
            return true;
        });
    }

    /** An organisation always keeps an owner; the owners' rows are locked so concurrent demotions serialise. */
    private static void requireAnotherOwner(Connection c, long orgId, long leavingUserId) throws SQLException {
        if (Sql.list(c, "SELECT user_id FROM auth.org_members WHERE org_id = ? AND role = 'ADMIN' AND user_id <> ?"
                + " FOR UPDATE", rs -> rs.getLong(1), orgId, leavingUserId).isEmpty()) {
            throw new ApiException(422, "An organization must keep at least one owner");
        }
    }

    @Override
    public Membership setPublicized(String organization, String login, boolean publicized, Actor actor) {
        return store.write(c -> {
            long orgId = orgId(c, organization);
            long userId = userId(c, login);
            if (Sql.update(c, "UPDATE auth.org_members SET publicized = ? WHERE org_id = ? AND user_id = ?", publicized,
                    orgId, userId) == 0) {
                throw ApiException.notFound();
            }
            audit.record(c, new AuditEvent(publicized ? "org.publicize_member" : "org.conceal_member", actor,
                    "organization", organization, Map.of("user", login)));
            return membershipIn(c, orgId, userId);
        });
    }

    private static Membership membershipIn(Connection c, long orgId, long userId) throws SQLException {
        return Sql.one(c, "SELECT o.login, u.login, m.role, m.publicized FROM auth.org_members m"
                + " JOIN auth.accounts o ON o.id = m.org_id JOIN auth.accounts u ON u.id = m.user_id"
                + " WHERE m.org_id = ? AND m.user_id = ?", PostgresOrganizations::membership, orgId, userId).orElseThrow();
    }

    @Override
    public Page<Team> teams(String organization, String visibleTo, PageRequest page) {
        String where = " WHERE t.org_id = ?" + (visibleTo == null ? ""
                : " AND ((NOT t.secret AND EXISTS (SELECT 1 FROM auth.org_members om JOIN auth.accounts u ON u.id = om.user_id"
                        + " WHERE om.org_id = t.org_id AND lower(u.login) = lower(?)))"
                        + " OR EXISTS (SELECT 1 FROM auth.team_members tm JOIN auth.accounts u ON u.id = tm.user_id"
                        + " WHERE tm.team_id = t.id AND lower(u.login) = lower(?)))");
        return store.read(c -> {
            long orgId = orgId(c, organization);
            Object[] filter = visibleTo == null ? new Object[] {orgId} : new Object[] {orgId, visibleTo, visibleTo};
            Object[] paged = visibleTo == null ? new Object[] {orgId, page.perPage(), page.offset()}
                    : new Object[] {orgId, visibleTo, visibleTo, page.perPage(), page.offset()};
            return new Page<>(Sql.list(c, "SELECT " + TEAM_COLUMNS + " FROM auth.teams t JOIN auth.accounts o ON o.id = t.org_id"
                    + where + " ORDER BY lower(t.name) LIMIT ? OFFSET ?", PostgresOrganizations::team, paged), page,
                    Sql.count(c, "SELECT count(*) FROM auth.teams t" + where, filter));
        });
    }

    private static Team team(ResultSet rs) throws SQLException {
        return new Team(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getBoolean(6), rs.getInt(7), Sql.instant(rs, 8), Sql.instant(rs, 9));
    }

    @Override
    public Optional<Team> team(String organization, String slug) {
        return store.read(c -> findTeam(c, organization, slug));
    }

    private static Optional<Team> findTeam(Connection c, String organization, String slug) throws SQLException {
        return Sql.one(c, "SELECT " + TEAM_COLUMNS + " FROM auth.teams t JOIN auth.accounts o ON o.id = t.org_id"
                + " WHERE lower(o.login) = lower(?) AND lower(t.slug) = lower(?)", PostgresOrganizations::team,
                organization, slug);
    }

    private static Team requireTeam(Connection c, String organization, String slug) throws SQLException {
        return findTeam(c, organization, slug).orElseThrow(ApiException::notFound);
    }

    @Override
    public Team createTeam(String organization, TeamChange team, String creator, Actor actor) {
        new Validation("Team").required("name", team.name()).text("name", team.name(), 255)
                .text("description", team.description(), 1000).check();
        boolean secret = secret(team.privacy(), false);
        String slug = slug(team.name());
        return store.write(c -> {
            long orgId = orgId(c, organization);
            long id = Sql.one(c, "INSERT INTO auth.teams (org_id, name, slug, description, secret) VALUES (?, ?, ?, ?, ?)"
                    + " RETURNING id", rs -> rs.getLong(1), orgId, team.name().strip(), slug,
                    PostgresAccounts.blankToNull(team.description()), secret).orElseThrow();
            if (creator != null) {
                // As on GitHub, the member who creates a team maintains it.
                Sql.update(c, "INSERT INTO auth.team_members (team_id, user_id, role) SELECT ?, m.user_id, 'MAINTAINER'"
                        + " FROM auth.org_members m JOIN auth.accounts u ON u.id = m.user_id"
                        + " WHERE m.org_id = ? AND lower(u.login) = lower(?)", id, orgId, creator);
            }
            audit.record(c, new AuditEvent("team.create", actor, "team", organization + "/" + slug,
                    Map.of("privacy", secret ? "secret" : "closed")));
            return requireTeam(c, organization, slug);
        }, DUPLICATES);
    }

    @Override
    public Team updateTeam(String organization, String slug, TeamChange change, Actor actor) {
        new Validation("Team").text("name", change.name(), 255).text("description", change.description(), 1000).check();
        if (change.name() != null && change.name().isBlank()) {
            throw Validation.invalidField("Team", "name", "name cannot be blank");
        }
        return store.write(c -> {
            Team team = requireTeam(c, organization, slug);
            String newSlug = change.name() == null ? team.slug() : slug(change.name());
            Sql.update(c, "UPDATE auth.teams SET name = ?, slug = ?, description = ?, secret = ?, updated_at = now()"
                    + " WHERE id = ?", change.name() == null ? team.name() : change.name().strip(), newSlug,
                    change.description() == null ? team.description() : PostgresAccounts.blankToNull(change.description()),
                    secret(change.privacy(), team.secret()), team.id());
            audit.record(c, new AuditEvent("team.update", actor, "team", organization + "/" + team.slug(),
                    newSlug.equals(team.slug()) ? Map.of() : Map.of("new_slug", newSlug)));
            return requireTeam(c, organization, newSlug);
        }, DUPLICATES);
    }

    @Override
    public boolean deleteTeam(String organization, String slug, Actor actor) {
        return store.write(c -> {
            Optional<Team> team = findTeam(c, organization, slug);
            if (team.isEmpty()) {
                return false;
            }
            Sql.update(c, "DELETE FROM auth.teams WHERE id = ?", team.get().id());
            audit.record(c, new AuditEvent("team.destroy", actor, "team", organization + "/" + team.get().slug()));
            return true;
        });
    }

    @Override
    public Optional<TeamMembership> teamMembership(String organization, String slug, String login) {
        return store.read(c -> Sql.one(c, "SELECT t.slug, u.login, tm.role FROM auth.team_members tm"
                + " JOIN auth.teams t ON t.id = tm.team_id JOIN auth.accounts o ON o.id = t.org_id"
                + " JOIN auth.accounts u ON u.id = tm.user_id WHERE lower(o.login) = lower(?) AND lower(t.slug) = lower(?)"
                + " AND lower(u.login) = lower(?)", PostgresOrganizations::teamMembership, organization, slug, login));
    }

    private static TeamMembership teamMembership(ResultSet rs) throws SQLException {
        return new TeamMembership(rs.getString(1), rs.getString(2), TeamRole.valueOf(rs.getString(3)));
    }

    @Override
    public Page<TeamMembership> teamMembers(String organization, String slug, PageRequest page) {
        return store.read(c -> {
            Team team = requireTeam(c, organization, slug);
            return new Page<>(Sql.list(c, "SELECT t.slug, u.login, tm.role FROM auth.team_members tm"
                    + " JOIN auth.teams t ON t.id = tm.team_id JOIN auth.accounts u ON u.id = tm.user_id"
                    + " WHERE tm.team_id = ? ORDER BY lower(u.login) LIMIT ? OFFSET ?",
                    PostgresOrganizations::teamMembership, team.id(), page.perPage(), page.offset()), page,
                    team.membersCount());
        });
    }

    @Override
    public TeamMembership setTeamMembership(String organization, String slug, String login, TeamRole role,
            Actor actor) {
        TeamRole wanted = role == null ? TeamRole.MEMBER : role;
        return store.write(c -> {
            Team team = requireTeam(c, organization, slug);
            long userId = userId(c, login);
            if (Sql.count(c, "SELECT count(*) FROM auth.org_members WHERE org_id = (SELECT org_id FROM auth.teams"
                    + " WHERE id = ?) AND user_id = ?", team.id(), userId) == 0) {
                throw Validation.invalidField("TeamMembership", "username",
                        login + " must be a member of " + organization + " to join one of its teams");
            }
            Sql.update(c, "INSERT INTO auth.team_members (team_id, user_id, role) VALUES (?, ?, ?)"
                    + " ON CONFLICT (team_id, user_id) DO UPDATE SET role = EXCLUDED.role", team.id(), userId,
                    wanted.name());
            audit.record(c, new AuditEvent("team.add_member", actor, "team", organization + "/" + team.slug(),
                    Map.of("user", login, "role", wanted.githubName())));
            return new TeamMembership(team.slug(), Sql.one(c, "SELECT login FROM auth.accounts WHERE id = ?",
                    rs -> rs.getString(1), userId).orElseThrow(), wanted);
        });
    }

    @Override
    public boolean removeTeamMember(String organization, String slug, String login, Actor actor) {
        return store.write(c -> {
            Team team = requireTeam(c, organization, slug);
            long userId = userId(c, login);
            boolean removed = Sql.update(c, "DELETE FROM auth.team_members WHERE team_id = ? AND user_id = ?", team.id(),
                    userId) > 0;
            if (removed) {
                audit.record(c, new AuditEvent("team.remove_member", actor, "team", organization + "/" + team.slug(),
                        Map.of("user", login)));
            }
            return removed;
        });
    }

    @Override
    public List<TeamRepository> teamRepositories(String organization, String slug) {
        return store.read(c -> {
            Team team = requireTeam(c, organization, slug);
            return Sql.list(c, "SELECT repository, role FROM auth.team_repositories WHERE team_id = ?"
                    + " ORDER BY lower(repository)", rs -> new TeamRepository(rs.getString(1), Role.valueOf(rs.getString(2))),
                    team.id());
        });
    }

    @Override
    public TeamRepository grantTeamRepository(String organization, String slug, String repository, Role role,
            Actor actor) {
        if (repository == null || !REPOSITORY.matcher(repository).matches()) {
            throw Validation.invalidField("Team", "repository", "not a valid repository name");
        }
        if (role == null) {
            new Validation("Team").missing("permission").check();
        }
        return store.write(c -> {
            Team team = requireTeam(c, organization, slug);
            Sql.update(c, "DELETE FROM auth.team_repositories WHERE team_id = ? AND lower(repository) = lower(?)",
                    team.id(), repository);
            Sql.update(c, "INSERT INTO auth.team_repositories (team_id, repository, role) VALUES (?, ?, ?)", team.id(),
                    repository, role.name());
            audit.record(c, new AuditEvent("team.add_repository", actor, "team", organization + "/" + team.slug(),
                    Map.of("repository", organization + "/" + repository, "role", role.name().toLowerCase(Locale.ROOT))));
            return new TeamRepository(repository, role);
        });
    }

    @Override
    public boolean revokeTeamRepository(String organization, String slug, String repository, Actor actor) {
        return store.write(c -> {
            Team team = requireTeam(c, organization, slug);
            boolean removed = Sql.update(c, "DELETE FROM auth.team_repositories WHERE team_id = ?"
                    + " AND lower(repository) = lower(?)", team.id(), repository) > 0;
            if (removed) {
                audit.record(c, new AuditEvent("team.remove_repository", actor, "team", organization + "/" + team.slug(),
                        Map.of("repository", organization + "/" + repository)));
            }
            return removed;
        });
    }

    @Override
    public void renameRepository(String organization, String from, String to) {
        store.write(c -> Sql.update(c, "UPDATE auth.team_repositories SET repository = ? WHERE lower(repository) = lower(?)"
                + " AND team_id IN (SELECT t.id FROM auth.teams t JOIN auth.accounts o ON o.id = t.org_id"
                + " WHERE lower(o.login) = lower(?))", to, from, organization));
    }

    @Override
    public void forgetRepository(String organization, String repository) {
        store.write(c -> Sql.update(c, "DELETE FROM auth.team_repositories WHERE lower(repository) = lower(?)"
                + " AND team_id IN (SELECT t.id FROM auth.teams t JOIN auth.accounts o ON o.id = t.org_id"
                + " WHERE lower(o.login) = lower(?))", repository, organization));
    }

    @Override
    public Optional<Role> repositoryRole(String organization, String repository, String login) {
        return store.read(c -> {
            Optional<Object[]> member = Sql.one(c, "SELECT m.role, o.base_permission FROM auth.org_members m"
                    + " JOIN auth.accounts o ON o.id = m.org_id JOIN auth.accounts u ON u.id = m.user_id"
                    + " WHERE lower(o.login) = lower(?) AND lower(u.login) = lower(?)",
                    rs -> new Object[] {rs.getString(1), rs.getString(2)}, organization, login);
            if (member.isEmpty()) {
                return Optional.empty();
            }
            if ("ADMIN".equals(member.get()[0])) {
                return Optional.of(Role.ADMIN);
            }
            Role best = member.get()[1] == null ? null : Role.valueOf((String) member.get()[1]);
            for (String granted : Sql.list(c, "SELECT r.role FROM auth.team_repositories r"
                    + " JOIN auth.team_members tm ON tm.team_id = r.team_id JOIN auth.teams t ON t.id = r.team_id"
                    + " JOIN auth.accounts o ON o.id = t.org_id JOIN auth.accounts u ON u.id = tm.user_id"
                    + " WHERE lower(o.login) = lower(?) AND lower(u.login) = lower(?) AND lower(r.repository) = lower(?)",
                    rs -> rs.getString(1), organization, login, repository)) {
                Role role = Role.valueOf(granted);
                if (best == null || role.includes(best)) {
                    best = role;
                }
            }
            return Optional.ofNullable(best);
        });
    }

    /** The organisation's id; 404 when there is no organisation by that login. */
    static long orgId(Connection c, String organization) throws SQLException {
        return Sql.one(c, "SELECT id FROM auth.accounts WHERE lower(login) = lower(?) AND type = 'Organization'",
                rs -> rs.getLong(1), organization).orElseThrow(ApiException::notFound);
    }

    /** The user's id; 404 when there is no user by that login. */
    static long userId(Connection c, String login) throws SQLException {
        return Sql.one(c, "SELECT id FROM auth.accounts WHERE lower(login) = lower(?) AND type = 'User'",
                rs -> rs.getLong(1), login).orElseThrow(ApiException::notFound);
    }

    private static boolean secret(String privacy, boolean current) {
        if (privacy == null) {
            return current;
        }
        return switch (privacy) {
            case "secret" -> true;
            case "closed" -> false;
            default -> throw Validation.invalidField("Team", "privacy", "privacy must be closed or secret");
        };
    }

    /** GitHub's slug: lower case, accents dropped, anything else but letters and digits becomes one hyphen. */
    static String slug(String name) {
        String ascii = Normalizer.normalize(name.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.isEmpty()) {
            throw Validation.invalidField("Team", "name", "name must contain a letter or a digit");
        }
        return slug.length() > 100 ? slug.substring(0, 100) : slug;
    }
}
