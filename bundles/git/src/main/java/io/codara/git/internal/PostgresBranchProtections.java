package io.codara.git.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.codara.api.audit.Actor;
import io.codara.api.audit.AuditEvent;
import io.codara.api.audit.AuditLog;
import io.codara.api.event.Topics;
import io.codara.api.git.BranchProtection;
import io.codara.api.git.BranchProtections;
import io.codara.api.git.ProtectionRule;
import io.codara.api.git.Repository;
import io.codara.api.git.TagProtection;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.identity.Organizations;
import io.codara.api.rest.ApiError.FieldError;
import io.codara.api.rest.ApiException;
import io.codara.api.storage.Database;
import io.codara.api.storage.EventOutbox;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Branch and tag protection in {@code git.branch_protections} and {@code git.tag_protections}. Each change, its
 * audit entry and its {@link Topics#GIT_PROTECTION_CHANGED} event are written in one transaction.
 */
@Component(service = {BranchProtections.class, PostgresBranchProtections.class})
public final class PostgresBranchProtections implements BranchProtections {

    private static final String COLUMNS = "id, repository_id, pattern, status_checks, status_checks_strict,"
            + " status_check_contexts, enforce_admins, reviews, reviews_approving_count, reviews_dismiss_stale,"
            + " reviews_code_owners, restricted, restricted_users, restricted_teams, required_linear_history,"
            + " allow_force_pushes, allow_deletions, required_signatures, created_at, updated_at";
    private static final int MAX_LIST = 100;

    private final Database database;
    private final Accounts accounts;
    private final Organizations organizations;
    private final EventOutbox outbox;
    private final AuditLog audit;

    @Activate
    public PostgresBranchProtections(@Reference GitSchema schema, @Reference Database database,
            @Reference Accounts accounts, @Reference Organizations organizations, @Reference EventOutbox outbox,
            @Reference AuditLog audit) {
        this.database = database;
        this.accounts = accounts;
        this.organizations = organizations;
        this.outbox = outbox;
        this.audit = audit;
    }

    @Override
    public List<BranchProtection> list(long repositoryId) {
        return query("SELECT " + COLUMNS + " FROM git.branch_protections WHERE repository_id = ? ORDER BY created_at, id",
                PostgresBranchProtections::branch, repositoryId);
    }

    @Override
    public Optional<BranchProtection> find(long repositoryId, String pattern) {
        return query("SELECT " + COLUMNS + " FROM git.branch_protections WHERE repository_id = ? AND pattern = ?",
                PostgresBranchProtections::branch, repositoryId, pattern).stream().findFirst();
    }

    @Override
    public Optional<BranchProtection> effective(long repositoryId, String branch) {
        return effective(list(repositoryId), branch);
    }

    /** GitHub's precedence: the rule naming the branch exactly, else the oldest matching pattern. */
    static Optional<BranchProtection> effective(List<BranchProtection> rules, String branch) {
        Optional<BranchProtection> exact = rules.stream().filter(r -> r.pattern().equals(branch)).findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        return rules.stream().filter(r -> !RefPattern.isExact(r.pattern()))
                .filter(r -> RefPattern.compile(r.pattern()).matches(branch)).findFirst();
    }

    @Override
    public BranchProtection put(Repository repository, String pattern, ProtectionRule rule, Actor actor) {
        validatePattern("Branch", pattern);
        ProtectionRule valid = validate(repository, rule);
        ProtectionRule.StatusChecks checks = valid.requiredStatusChecks();
        ProtectionRule.PullRequestReviews reviews = valid.requiredPullRequestReviews();
        ProtectionRule.Restrictions restrictions = valid.restrictions();
        try {
            return database.inTransaction(tx -> {
                boolean existed = find(tx, repository.id(), pattern).isPresent();
                BranchProtection saved = one(tx, "INSERT INTO git.branch_protections (repository_id, pattern,"
                        + " status_checks, status_checks_strict, status_check_contexts, enforce_admins, reviews,"
                        + " reviews_approving_count, reviews_dismiss_stale, reviews_code_owners, restricted,"
                        + " restricted_users, restricted_teams, required_linear_history, allow_force_pushes,"
                        + " allow_deletions, required_signatures) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (repository_id, pattern) DO UPDATE SET status_checks = EXCLUDED.status_checks,"
                        + " status_checks_strict = EXCLUDED.status_checks_strict,"
                        + " status_check_contexts = EXCLUDED.status_check_contexts, enforce_admins = EXCLUDED.enforce_admins,"
                        + " reviews = EXCLUDED.reviews, reviews_approving_count = EXCLUDED.reviews_approving_count,"
                        + " reviews_dismiss_stale = EXCLUDED.reviews_dismiss_stale,"
                        + " reviews_code_owners = EXCLUDED.reviews_code_owners, restricted = EXCLUDED.restricted,"
                        + " restricted_users = EXCLUDED.restricted_users, restricted_teams = EXCLUDED.restricted_teams,"
                        + " required_linear_history = EXCLUDED.required_linear_history,"
                        + " allow_force_pushes = EXCLUDED.allow_force_pushes, allow_deletions = EXCLUDED.allow_deletions,"
                        + " required_signatures = EXCLUDED.required_signatures, updated_at = now() RETURNING " + COLUMNS,
                        repository.id(), pattern, checks != null, checks != null && checks.strict(),
                        checks == null ? List.of() : checks.contexts(), valid.enforceAdmins(), reviews != null,
                        reviews == null ? 0 : reviews.requiredApprovingReviewCount(),
                        reviews != null && reviews.dismissStaleReviews(), reviews != null && reviews.requireCodeOwnerReviews(),
                        restrictions != null, restrictions == null ? List.of() : restrictions.users(),
                        restrictions == null ? List.of() : restrictions.teams(), valid.requiredLinearHistory(),
                        valid.allowForcePushes(), valid.allowDeletions(), valid.requiredSignatures());
                changed(tx, repository, existed ? "update" : "create", "branch", pattern, actor);
                return saved;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not save the branch protection: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(Repository repository, String pattern, Actor actor) {
        try {
            return database.inTransaction(tx -> {
                if (update(tx, "DELETE FROM git.branch_protections WHERE repository_id = ? AND pattern = ?",
                        repository.id(), pattern) == 0) {
                    return false;
                }
                changed(tx, repository, "delete", "branch", pattern, actor);
                return true;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete the branch protection: " + e.getMessage(), e);
        }
    }

    @Override
    public List<TagProtection> tagProtections(long repositoryId) {
        return query("SELECT id, repository_id, pattern, created_at FROM git.tag_protections WHERE repository_id = ?"
                + " ORDER BY created_at, id", PostgresBranchProtections::tag, repositoryId);
    }

    @Override
    public TagProtection protectTags(Repository repository, String pattern, Actor actor) {
        validatePattern("TagProtection", pattern);
        try {
            return database.inTransaction(tx -> {
                List<TagProtection> made = query(tx, "INSERT INTO git.tag_protections (repository_id, pattern) VALUES (?, ?)"
                        + " ON CONFLICT (repository_id, pattern) DO NOTHING RETURNING id, repository_id, pattern, created_at",
                        PostgresBranchProtections::tag, repository.id(), pattern);
                if (made.isEmpty()) {
                    throw invalid("TagProtection", "pattern", "already_exists", "this pattern already protects tags");
                }
                changed(tx, repository, "create", "tag", pattern, actor);
                return made.get(0);
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not save the tag protection: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean unprotectTags(Repository repository, long id, Actor actor) {
        try {
            return database.inTransaction(tx -> {
                List<TagProtection> gone = query(tx, "DELETE FROM git.tag_protections WHERE repository_id = ? AND id = ?"
                        + " RETURNING id, repository_id, pattern, created_at", PostgresBranchProtections::tag,
                        repository.id(), id);
                if (gone.isEmpty()) {
                    return false;
                }
                changed(tx, repository, "delete", "tag", gone.get(0).pattern(), actor);
                return true;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete the tag protection: " + e.getMessage(), e);
        }
    }

    // ---- validation

    /**
     * A pattern is what a ref name may hold plus the wildcards: no control characters, spaces, {@code ~} or {@code :}, no
     * {@code ..}, {@code //} or {@code @{}, not starting or ending with {@code /}, at most 255 characters.
     */
    static void validatePattern(String resource, String pattern) {
        String problem = null;
        if (pattern == null || pattern.isEmpty()) {
            problem = "a pattern is required";
        } else if (pattern.length() > 255) {
            problem = "a pattern has at most 255 characters";
        } else if (pattern.contains("..") || pattern.contains("//") || pattern.contains("@{")
                || pattern.startsWith("/") || pattern.endsWith("/") || pattern.endsWith(".lock")
                || pattern.startsWith("refs/")) {
            problem = "not a valid branch or tag name pattern (write main or release/*, not refs/heads/...)";
        } else if (pattern.chars().anyMatch(c -> c < 0x21 || c == 0x7f || c == '~' || c == ':')) {
            problem = "a pattern may not hold spaces, control characters, '~' or ':'";
        }
        if (problem != null) {
            throw invalid(resource, "pattern", "invalid", problem);
        }
    }

    private ProtectionRule validate(Repository repository, ProtectionRule rule) {
        if (rule == null) {
            return ProtectionRule.DEFAULT;
        }
        ProtectionRule.StatusChecks checks = rule.requiredStatusChecks();
        if (checks != null) {
            List<String> contexts = distinct(checks.contexts());
            if (contexts.size() > MAX_LIST || contexts.stream().anyMatch(c -> c == null || c.isBlank() || c.length() > 255)) {
                throw invalid("BranchProtection", "required_status_checks.contexts", "invalid",
                        "contexts are non-empty names of at most 255 characters, at most " + MAX_LIST);
            }
            checks = new ProtectionRule.StatusChecks(checks.strict(), contexts);
        }
        ProtectionRule.PullRequestReviews reviews = rule.requiredPullRequestReviews();
        if (reviews != null && (reviews.requiredApprovingReviewCount() < 0 || reviews.requiredApprovingReviewCount() > 6)) {
            throw invalid("BranchProtection", "required_pull_request_reviews.required_approving_review_count", "invalid",
                    "required_approving_review_count must be between 0 and 6");
        }
        ProtectionRule.Restrictions restrictions = rule.restrictions();
        if (restrictions != null) {
            restrictions = validRestrictions(repository, restrictions);
        }
        return new ProtectionRule(checks, rule.enforceAdmins(), reviews, restrictions, rule.requiredLinearHistory(),
                rule.allowForcePushes(), rule.allowDeletions(), rule.requiredSignatures());
    }

    /** Users must exist (their logins as stored); teams must be the owning organisation's (by slug). */
    private ProtectionRule.Restrictions validRestrictions(Repository repository, ProtectionRule.Restrictions restrictions) {
        List<String> users = new ArrayList<>();
        for (String login : distinct(restrictions.users())) {
            Account account = login == null ? null : accounts.find(login).filter(a -> !a.organization()).orElse(null);
            if (account == null) {
                throw invalid("BranchProtection", "restrictions.users", "invalid", "No such user: " + login);
            }
            users.add(account.login());
        }
        List<String> teams = new ArrayList<>();
        boolean organization = accounts.find(repository.owner()).map(Account::organization).orElse(false);
        for (String slug : distinct(restrictions.teams())) {
            if (!organization) {
                throw invalid("BranchProtection", "restrictions.teams", "invalid",
                        "Only repositories owned by an organization can restrict pushes to teams");
            }
            String found = slug == null ? null
                    : organizations.team(repository.owner(), slug).map(t -> t.slug()).orElse(null);
            if (found == null) {
                throw invalid("BranchProtection", "restrictions.teams", "invalid", "No such team: " + slug);
            }
            teams.add(found);
        }
        if (users.size() > MAX_LIST || teams.size() > MAX_LIST) {
            throw invalid("BranchProtection", "restrictions", "invalid", "at most " + MAX_LIST + " users and teams each");
        }
        return new ProtectionRule.Restrictions(users, teams);
    }

    private static List<String> distinct(List<String> values) {
        return values == null ? List.of() : new ArrayList<>(new LinkedHashSet<>(values));
    }

    private static ApiException invalid(String resource, String field, String code, String message) {
        return ApiException.validation(List.of(new FieldError(resource, field, code, message)));
    }

    // ---- audit and events

    private void changed(Connection tx, Repository repository, String change, String kind, String pattern, Actor actor)
            throws SQLException {
        String action = "repo.protection." + (kind.equals("tag") ? "tag_" : "") + change;
        audit.record(tx, new AuditEvent(action, actor, "repository", repository.fullName(), Map.of("pattern", pattern)));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("repository_id", repository.id());
        event.put("repository", repository.fullName());
        event.put("kind", kind);
        event.put("pattern", pattern);
        event.put("change", change);
        event.put("actor", actor.login());
        outbox.publish(tx, Topics.GIT_PROTECTION_CHANGED, event);
    }

    // ---- rows

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static BranchProtection branch(ResultSet rs) throws SQLException {
        ProtectionRule.StatusChecks checks = rs.getBoolean("status_checks")
                ? new ProtectionRule.StatusChecks(rs.getBoolean("status_checks_strict"), strings(rs.getArray("status_check_contexts")))
                : null;
        ProtectionRule.PullRequestReviews reviews = rs.getBoolean("reviews")
                ? new ProtectionRule.PullRequestReviews(rs.getInt("reviews_approving_count"),
                        rs.getBoolean("reviews_dismiss_stale"), rs.getBoolean("reviews_code_owners"))
                : null;
        ProtectionRule.Restrictions restrictions = rs.getBoolean("restricted")
                ? new ProtectionRule.Restrictions(strings(rs.getArray("restricted_users")), strings(rs.getArray("restricted_teams")))
                : null;
        ProtectionRule rule = new ProtectionRule(checks, rs.getBoolean("enforce_admins"), reviews, restrictions,
                rs.getBoolean("required_linear_history"), rs.getBoolean("allow_force_pushes"),
                rs.getBoolean("allow_deletions"), rs.getBoolean("required_signatures"));
        return new BranchProtection(rs.getLong("id"), rs.getLong("repository_id"), rs.getString("pattern"), rule,
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private static TagProtection tag(ResultSet rs) throws SQLException {
        return new TagProtection(rs.getLong("id"), rs.getLong("repository_id"), rs.getString("pattern"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private Optional<BranchProtection> find(Connection tx, long repositoryId, String pattern) throws SQLException {
        return query(tx, "SELECT " + COLUMNS + " FROM git.branch_protections WHERE repository_id = ? AND pattern = ?"
                + " FOR UPDATE", PostgresBranchProtections::branch, repositoryId, pattern).stream().findFirst();
    }

    private <T> List<T> query(String sql, Row<T> row, Object... parameters) {
        try (Connection c = database.dataSource().getConnection()) {
            return query(c, sql, row, parameters);
        } catch (SQLException e) {
            throw new IllegalStateException("Database failure: " + e.getMessage(), e);
        }
    }

    private static <T> List<T> query(Connection c, String sql, Row<T> row, Object... parameters) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, parameters); ResultSet rs = s.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.read(rs));
            }
            return out;
        }
    }

    private static BranchProtection one(Connection c, String sql, Object... parameters) throws SQLException {
        return query(c, sql, PostgresBranchProtections::branch, parameters).get(0);
    }

    private static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, parameters)) {
            return s.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                Object p = parameters[i];
                if (p instanceof List<?> list) {
                    s.setArray(i + 1, c.createArrayOf("text", list.toArray()));
                } else {
                    s.setObject(i + 1, p);
                }
            }
            return s;
        } catch (SQLException e) {
            s.close();
            throw e;
        }
    }
}
