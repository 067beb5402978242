package io.codara.ci.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.codara.api.audit.Actor;
import io.codara.api.audit.AuditEvent;
import io.codara.api.audit.AuditLog;
import io.codara.api.ci.CiEnvironment;
import io.codara.api.ci.CiSecrets;
import io.codara.api.ci.SecretInfo;
import io.codara.api.ci.SecretScope;
import io.codara.api.ci.Variable;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.storage.Database;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Secrets ({@code ci.secrets}, encrypted by {@link SecretCipher}) and variables ({@code ci.variables}). */
@Component(service = CiSecrets.class)
public final class PostgresCiSecrets implements CiSecrets {

    private final Database database;
    private final SecretCipher cipher;
    private final Repositories repositories;
    private final Accounts accounts;
    private final AuditLog audit;

    @Activate
    public PostgresCiSecrets(@Reference CiSchema schema, @Reference Database database,
            @Reference SecretCipher cipher, @Reference Repositories repositories, @Reference Accounts accounts,
            @Reference AuditLog audit) {
        this.database = database;
        this.cipher = cipher;
        this.repositories = repositories;
        this.accounts = accounts;
        this.audit = audit;
    }

    // ---- secrets

    @Override
    public Page<SecretInfo> secrets(SecretScope scope, PageRequest page) {
        return page("secrets", scope, page, rs -> new SecretInfo(rs.getString("name"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant()));
    }

    @Override
    public Optional<SecretInfo> secret(SecretScope scope, String name) {
        if (!SecretNames.plausible(name)) {
            return Optional.empty();
        }
        return one("secrets", scope, name.toUpperCase(Locale.ROOT), rs -> new SecretInfo(rs.getString("name"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant()));
    }

    @Override
    public boolean putSecret(SecretScope scope, String name, String value, Actor actor) {
        String canonical = SecretNames.valid("Secret", name);
        SecretNames.checkValue("Secret", value);
        if (value.isEmpty()) {
            throw SecretNames.invalid("Secret", "value", "invalid", "value must not be empty");
        }
        String target = target(scope);
        SecretCipher.Sealed sealed = cipher.encrypt(value, associatedData(scope, canonical));
        return write(c -> {
            boolean created;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ci.secrets (scope, owner_id, name, nonce, ciphertext)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (scope, owner_id, name) DO UPDATE SET nonce = excluded.nonce,"
                    + " ciphertext = excluded.ciphertext, updated_at = now() RETURNING (xmax = 0)")) {
                bindScope(s, scope);
                s.setString(3, canonical);
                s.setBytes(4, sealed.nonce());
                s.setBytes(5, sealed.ciphertext());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    created = rs.getBoolean(1);
                }
            }
            audit.record(c, new AuditEvent(created ? "ci.secret.create" : "ci.secret.update", actor, kind(scope), target,
                    Map.of("name", canonical)));
            return created;
        });
    }

    @Override
    public boolean deleteSecret(SecretScope scope, String name, Actor actor) {
        return delete("secrets", "ci.secret.delete", scope, name, actor);
    }

    // ---- variables

    @Override
    public Page<Variable> variables(SecretScope scope, PageRequest page) {
        return page("variables", scope, page, PostgresCiSecrets::variable);
    }

    @Override
    public Optional<Variable> variable(SecretScope scope, String name) {
        if (!SecretNames.plausible(name)) {
            return Optional.empty();
        }
        return one("variables", scope, name.toUpperCase(Locale.ROOT), PostgresCiSecrets::variable);
    }

    @Override
    public Variable createVariable(SecretScope scope, String name, String value, Actor actor) {
        String canonical = SecretNames.valid("Variable", name);
        SecretNames.checkValue("Variable", value);
        String target = target(scope);
        return write(c -> {
            Variable created;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ci.variables (scope, owner_id, name, value)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING name, value, created_at, updated_at")) {
                bindScope(s, scope);
                s.setString(3, canonical);
                s.setString(4, value);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new ApiException(409, "Variable " + canonical + " already exists");
                    }
                    created = variable(rs);
                }
            }
            audit.record(c, new AuditEvent("ci.variable.create", actor, kind(scope), target, Map.of("name", canonical)));
            return created;
        });
    }

    @Override
    public Optional<Variable> updateVariable(SecretScope scope, String name, String newName, String value, Actor actor) {
        if (!SecretNames.plausible(name)) {
            return Optional.empty();
        }
        String current = name.toUpperCase(Locale.ROOT);
        String renamed = newName == null ? current : SecretNames.valid("Variable", newName);
        if (value != null) {
            SecretNames.checkValue("Variable", value);
        }
        String target = target(scope);
        return write(c -> {
            Variable updated;
            try (PreparedStatement s = c.prepareStatement("UPDATE ci.variables SET name = ?, value = coalesce(?, value),"
                    + " updated_at = now() WHERE scope = ? AND owner_id = ? AND name = ?"
                    + " RETURNING name, value, created_at, updated_at")) {
                s.setString(1, renamed);
                s.setString(2, value);
                s.setString(3, kind(scope));
                s.setLong(4, scope.id());
                s.setString(5, current);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Variable>empty();
                    }
                    updated = variable(rs);
                }
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    throw new ApiException(409, "Variable " + renamed + " already exists");
                }
                throw e;
            }
            audit.record(c, new AuditEvent("ci.variable.update", actor, kind(scope), target,
                    renamed.equals(current) ? Map.of("name", current) : Map.of("name", current, "new_name", renamed)));
            return Optional.of(updated);
        });
    }

    @Override
    public boolean deleteVariable(SecretScope scope, String name, Actor actor) {
        return delete("variables", "ci.variable.delete", scope, name, actor);
    }

    // ---- for the engine

    @Override
    public CiEnvironment environment(long repositoryId) {
        Repository repository = repositories.find(repositoryId)
                .orElseThrow(() -> new IllegalArgumentException("No repository " + repositoryId));
        List<SecretScope> scopes = new ArrayList<>();
        accounts.find(repository.owner()).filter(Account::organization)
                .ifPresent(org -> scopes.add(SecretScope.organization(org.id())));
        scopes.add(SecretScope.repository(repositoryId));
        Map<String, String> secrets = new HashMap<>();
        Map<String, String> variables = new HashMap<>();
        try (Connection c = database.dataSource().getConnection()) {
            for (SecretScope scope : scopes) { // the repository last: its own override its organisation's
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT name, nonce, ciphertext FROM ci.secrets WHERE scope = ? AND owner_id = ?")) {
                    bindScope(s, scope);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            String name = rs.getString(1);
                            secrets.put(name, cipher.decrypt(new SecretCipher.Sealed(rs.getBytes(2), rs.getBytes(3)),
                                    associatedData(scope, name)));
                        }
                    }
                }
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT name, value FROM ci.variables WHERE scope = ? AND owner_id = ?")) {
                    bindScope(s, scope);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            variables.put(rs.getString(1), rs.getString(2));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read CI secrets", e);
        }
        return new CiEnvironment(secrets, variables);
    }

    /** Binds a ciphertext to its owner and name: {@code repository:<id>:<NAME>} or {@code organization:<id>:<NAME>}. */
    static String associatedData(SecretScope scope, String name) {
        return kind(scope) + ":" + scope.id() + ":" + name;
    }

    static String kind(SecretScope scope) {
        return scope.kind() == SecretScope.Kind.REPOSITORY ? "repository" : "organization";
    }

    // ---- plumbing

    @FunctionalInterface
    private interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static Variable variable(ResultSet rs) throws SQLException {
        return new Variable(rs.getString("name"), rs.getString("value"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static void bindScope(PreparedStatement s, SecretScope scope) throws SQLException {
        s.setString(1, kind(scope));
        s.setLong(2, scope.id());
    }

    /** The audit target: the repository's {@code owner/name} or the organisation's login. */
    private String target(SecretScope scope) {
        return scope.kind() == SecretScope.Kind.REPOSITORY
                ? repositories.find(scope.id()).map(Repository::fullName).orElseThrow(ApiException::notFound)
                : accounts.find(scope.id()).filter(Account::organization).map(Account::login)
                        .orElseThrow(ApiException::notFound);
    }

    private <T> Page<T> page(String table, SecretScope scope, PageRequest page, Rows<T> rows) {
        try (Connection c = database.dataSource().getConnection()) {
            long total;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT count(*) FROM ci." + table + " WHERE scope = ? AND owner_id = ?")) {
                bindScope(s, scope);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<T> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM ci." + table
                    + " WHERE scope = ? AND owner_id = ? ORDER BY name LIMIT ? OFFSET ?")) {
                bindScope(s, scope);
                s.setInt(3, page.perPage());
                s.setLong(4, page.offset());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        items.add(rows.read(rs));
                    }
                }
            }
            return new Page<>(items, page, total);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read CI " + table, e);
        }
    }

    private <T> Optional<T> one(String table, SecretScope scope, String name, Rows<T> rows) {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT * FROM ci." + table + " WHERE scope = ? AND owner_id = ? AND name = ?")) {
            bindScope(s, scope);
            s.setString(3, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rows.read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read CI " + table, e);
        }
    }

    private boolean delete(String table, String action, SecretScope scope, String name, Actor actor) {
        if (!SecretNames.plausible(name)) {
            return false;
        }
        String canonical = name.toUpperCase(Locale.ROOT);
        String target = target(scope);
        return write(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM ci." + table + " WHERE scope = ? AND owner_id = ? AND name = ?")) {
                bindScope(s, scope);
                s.setString(3, canonical);
                if (s.executeUpdate() == 0) {
                    return false;
                }
            }
            audit.record(c, new AuditEvent(action, actor, kind(scope), target, Map.of("name", canonical)));
            return true;
        });
    }

    private <T> T write(Database.TransactionalWork<T> work) {
        try {
            return database.inTransaction(work);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not change CI secrets or variables", e);
        }
    }
}
