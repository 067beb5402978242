package io.codara.git.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.TreeFormatter;

import io.codara.api.audit.Actor;
import io.codara.api.audit.AuditEvent;
import io.codara.api.audit.AuditLog;
import io.codara.api.auth.Scopes;
import io.codara.api.event.Topics;
import io.codara.api.git.NewRepository;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.git.RepositoryUpdate;
import io.codara.api.git.Visibility;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.identity.Organizations;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Principal;
import io.codara.api.storage.Database;
import io.codara.api.storage.EventOutbox;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repositories: a row in {@code git.repositories} and a bare directory named by its id. A row is written, its
 * directory made and its creation event put in the outbox in one transaction; a directory whose transaction did
 * not commit is removed again.
 */
@Component(service = {Repositories.class, PostgresRepositories.class})
public final class PostgresRepositories implements Repositories {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresRepositories.class);
    static final String COLUMNS = "id, owner_login, name, description, homepage, topics, visibility, default_branch,"
            + " archived, template, parent_id, created_at, updated_at, pushed_at";

    private final Database database;
    private final GitDirectories directories;
    private final Accounts accounts;
    private final Organizations organizations;
    private final RepositoryRoles roles;
    private final EventOutbox outbox;
    private final AuditLog audit;

    @Activate
    public PostgresRepositories(@Reference GitSchema schema, @Reference Database database,
            @Reference GitDirectories directories, @Reference Accounts accounts, @Reference Organizations organizations,
            @Reference RepositoryRoles roles, @Reference EventOutbox outbox, @Reference AuditLog audit) {
        this.database = database;
        this.directories = directories;
        this.accounts = accounts;
        this.organizations = organizations;
        this.roles = roles;
        this.outbox = outbox;
        this.audit = audit;
    }

    @Override
    public Repository create(String owner, NewRepository input, Actor actor) {
        String name = RepositoryNames.name(input.name());
        String branch = RepositoryNames.branch(input.defaultBranch() == null ? "main" : input.defaultBranch());
        if (input.description() != null && input.description().length() > 350) {
            throw RepositoryNames.invalid("description", "invalid", "description is longer than 350 characters");
        }
        if (input.homepage() != null && input.homepage().length() > 255) {
            throw RepositoryNames.invalid("homepage", "invalid", "homepage is longer than 255 characters");
        }
        InitialFiles initial = InitialFiles.of(input);
        Account account = accounts.find(owner).orElseThrow(ApiException::notFound);
        Visibility visibility = input.visibility() == null ? Visibility.PUBLIC : input.visibility();
        long[] created = {0};
        try {
            Repository repository = database.inTransaction(tx -> {
                if (find(tx, account.login(), name).isPresent()) {
                    throw RepositoryNames.invalid("name", "already_exists", "name already exists on this account");
                }
                Repository row = one(tx, "INSERT INTO git.repositories (owner_login, owner_type, name, description,"
                        + " homepage, visibility, default_branch) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS,
                        account.login(), account.type().githubName(), name, blank(input.description()),
                        blank(input.homepage()), visibility.name(), branch).orElseThrow();
                // The new repository takes the name over from any redirect that still points elsewhere.
                update(tx, "DELETE FROM git.repository_redirects WHERE lower(owner_login) = lower(?) AND lower(name) = lower(?)",
                        account.login(), name);
                created[0] = row.id();
                try (org.eclipse.jgit.lib.Repository git = directories.create(row.id(), branch)) {
                    if (input.autoInit() || !initial.files().isEmpty()) {
                        initialCommit(git, branch, initial, actor, name, input.description());
                    }
                } catch (IOException e) {
                    throw new SQLException("Could not create the git directory: " + e.getMessage(), e);
                }
                outbox.publish(tx, Topics.GIT_REPOSITORY_CREATED, event(row, actor));
                audit.record(tx, new AuditEvent("repo.create", actor, "repository", row.fullName(),
                        Map.of("visibility", visibility.githubName())));
                return row;
            });
            created[0] = 0;
            return repository;
        } catch (SQLException e) {
            if (isDuplicate(e)) {
                throw RepositoryNames.invalid("name", "already_exists", "name already exists on this account");
            }
            throw new IllegalStateException("Could not create the repository: " + e.getMessage(), e);
        } finally {
            if (created[0] != 0) {
                removeQuietly(created[0]);
            }
        }
    }

    private void removeQuietly(long id) {
        try {
            directories.delete(id);
        } catch (IOException e) {
            LOG.warn("Could not remove the directory of repository {} whose creation failed: {}", id, e.toString());
        }
    }

    private static void initialCommit(org.eclipse.jgit.lib.Repository git, String branch, InitialFiles initial,
            Actor actor, String name, String description) throws IOException {
        try (ObjectInserter inserter = git.newObjectInserter()) {
            TreeFormatter tree = new TreeFormatter();
            Map<String, String> files = new java.util.TreeMap<>(initial.files());
            files.putIfAbsent("README.md", "# " + name + "\n" + (description == null || description.isBlank() ? ""
                    : "\n" + description.strip() + "\n"));
            for (Map.Entry<String, String> file : files.entrySet()) {
                ObjectId blob = inserter.insert(Constants.OBJ_BLOB, file.getValue().getBytes(StandardCharsets.UTF_8));
                tree.append(file.getKey(), FileMode.REGULAR_FILE, blob);
            }
            ObjectId treeId = inserter.insert(tree);
            PersonIdent who = new PersonIdent(actor.login(), actor.login() + "@users.noreply.codara");
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(treeId);
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage("Initial commit\n");
            ObjectId commitId = inserter.insert(commit);
            inserter.flush();
            RefUpdate ref = git.updateRef(Constants.R_HEADS + branch);
            ref.setNewObjectId(commitId);
            ref.setExpectedOldObjectId(ObjectId.zeroId());
            ref.setRefLogMessage("initial commit", false);
            RefUpdate.Result result = ref.update();
            if (result != RefUpdate.Result.NEW) {
                throw new IOException("Could not create branch " + branch + ": " + result);
            }
        }
    }

    @Override
    public Optional<Repository> find(String owner, String name) {
        if (owner == null || name == null) {
            return Optional.empty();
        }
        return read(c -> find(c, owner, name));
    }

    private static Optional<Repository> find(Connection c, String owner, String name) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM git.repositories WHERE lower(owner_login) = lower(?)"
                + " AND lower(name) = lower(?)", owner, name);
    }

    @Override
    public Optional<Repository> resolve(String owner, String name) {
        if (owner == null || name == null) {
            return Optional.empty();
        }
        return read(c -> {
            Optional<Repository> direct = find(c, owner, name);
            if (direct.isPresent()) {
                return direct;
            }
            return one(c, "SELECT " + prefixed("r") + " FROM git.repository_redirects d JOIN git.repositories r"
                    + " ON r.id = d.repository_id WHERE lower(d.owner_login) = lower(?) AND lower(d.name) = lower(?)",
                    owner, name);
        });
    }

    @Override
    public Optional<Repository> find(long id) {
        return read(c -> one(c, "SELECT " + COLUMNS + " FROM git.repositories WHERE id = ?", id));
    }

    @Override
    public Page<Repository> list(String owner, Principal principal, PageRequest page) {
        // A token that may not read repositories lists what anonymous callers see: private names never leak
        // through a token without repo:read, whoever asks for the list (REST, shell, plugins).
        Principal viewer = principal.scopes() == null || Scopes.satisfies(principal.scopes(), Scopes.REPO_READ)
                ? principal : Principal.ANONYMOUS;
        List<Repository> all = read(c -> list(c, "SELECT " + COLUMNS + " FROM git.repositories"
                + " WHERE lower(owner_login) = lower(?) ORDER BY lower(name)", owner));
        // Visibility depends on roles the identity capability knows; owners rarely have so many repositories
        // that filtering them here costs more than a query would.
        List<Repository> visible = all.stream()
                .filter(r -> RepositoryRoles.visible(viewer, r, roles.role(viewer, r))).toList();
        int from = (int) Math.min(page.offset(), visible.size());
        int to = Math.min(from + page.perPage(), visible.size());
        return new Page<>(visible.subList(from, to), page, visible.size());
    }

    @Override
    public Repository update(String owner, String name, RepositoryUpdate update, Actor actor) {
        Repository current = find(owner, name).orElseThrow(ApiException::notFound);
        String newName = update.name() == null ? current.name() : RepositoryNames.name(update.name());
        List<String> topics = update.topics() == null ? current.topics() : RepositoryNames.topics(update.topics());
        String branch = update.defaultBranch() == null ? current.defaultBranch() : RepositoryNames.branch(update.defaultBranch());
        if (update.description() != null && update.description().length() > 350) {
            throw RepositoryNames.invalid("description", "invalid", "description is longer than 350 characters");
        }
        if (update.homepage() != null && update.homepage().length() > 255) {
            throw RepositoryNames.invalid("homepage", "invalid", "homepage is longer than 255 characters");
        }
        if (!branch.equals(current.defaultBranch())) {
            requireBranch(current, branch);
        }
        boolean renamed = !newName.equals(current.name());
        try {
            return database.inTransaction(tx -> {
                if (renamed && !newName.equalsIgnoreCase(current.name()) && find(tx, current.owner(), newName).isPresent()) {
                    throw RepositoryNames.invalid("name", "already_exists", "name already exists on this account");
                }
                Repository row = one(tx, "UPDATE git.repositories SET name = ?, description = ?, homepage = ?,"
                        + " topics = ?, visibility = ?, default_branch = ?, archived = ?, template = ?, updated_at = now()"
                        + " WHERE id = ? RETURNING " + COLUMNS, newName,
                        update.description() == null ? current.description() : blank(update.description()),
                        update.homepage() == null ? current.homepage() : blank(update.homepage()),
                        tx.createArrayOf("text", topics.toArray()),
                        (update.visibility() == null ? current.visibility() : update.visibility()).name(), branch,
                        update.archived() == null ? current.archived() : update.archived(),
                        update.template() == null ? current.template() : update.template(), current.id()).orElseThrow();
                if (renamed) {
                    update(tx, "DELETE FROM git.repository_redirects WHERE lower(owner_login) = lower(?)"
                            + " AND lower(name) = lower(?)", current.owner(), newName);
                    if (!newName.equalsIgnoreCase(current.name())) {
                        update(tx, "INSERT INTO git.repository_redirects (owner_login, name, repository_id)"
                                + " VALUES (?, ?, ?)", current.owner(), current.name(), current.id());
                    }
                    Map<String, Object> props = event(row, actor);
                    props.put("from", current.fullName());
                    props.put("to", row.fullName());
                    outbox.publish(tx, Topics.GIT_REPOSITORY_RENAMED, props);
                }
                if (!branch.equals(current.defaultBranch())) {
                    setHead(current.id(), branch);
                }
                audit.record(tx, new AuditEvent(renamed ? "repo.rename" : "repo.update", actor, "repository",
                        current.fullName(), renamed ? Map.of("new_name", row.fullName()) : Map.of()));
                return row;
            });
        } catch (SQLException e) {
            if (isDuplicate(e)) {
                throw RepositoryNames.invalid("name", "already_exists", "name already exists on this account");
            }
            throw new IllegalStateException("Could not update the repository: " + e.getMessage(), e);
        } finally {
            if (renamed && accounts.find(current.owner()).map(Account::organization).orElse(false)) {
                organizations.renameRepository(current.owner(), current.name(), newName);
            }
        }
    }

    private void requireBranch(Repository repository, String branch) {
        try (org.eclipse.jgit.lib.Repository git = directories.open(repository.id())) {
            boolean empty = git.getRefDatabase().getRefsByPrefix(Constants.R_HEADS).isEmpty();
            if (!empty && git.exactRef(Constants.R_HEADS + branch) == null) {
                throw RepositoryNames.invalid("default_branch", "invalid", "no branch named " + branch);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not read the repository: " + e.getMessage(), e);
        }
    }

    private void setHead(long id, String branch) throws SQLException {
        try (org.eclipse.jgit.lib.Repository git = directories.open(id)) {
            RefUpdate head = git.updateRef(Constants.HEAD);
            head.disableRefLog();
            head.link(Constants.R_HEADS + branch);
        } catch (IOException e) {
            throw new SQLException("Could not move HEAD: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(String owner, String name, Actor actor) {
        Optional<Repository> found = find(owner, name);
        if (found.isEmpty()) {
            return false;
        }
        Repository repository = found.get();
        try {
            database.inTransaction(tx -> {
                update(tx, "DELETE FROM git.repositories WHERE id = ?", repository.id());
                outbox.publish(tx, Topics.GIT_REPOSITORY_DELETED, event(repository, actor));
                audit.record(tx, new AuditEvent("repo.destroy", actor, "repository", repository.fullName()));
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete the repository: " + e.getMessage(), e);
        }
        if (accounts.find(repository.owner()).map(Account::organization).orElse(false)) {
            organizations.forgetRepository(repository.owner(), repository.name());
        }
        removeQuietly(repository.id());
        return true;
    }

    private static Map<String, Object> event(Repository repository, Actor actor) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("repository_id", repository.id());
        props.put("repository", repository.fullName());
        props.put("actor", actor.login());
        return props;
    }

    // ---- JDBC

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(Work<T> work) {
        try (Connection c = database.dataSource().getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Database failure: " + e.getMessage(), e);
        }
    }

    private static String prefixed(String alias) {
        return Arrays.stream(COLUMNS.split(",\\s*")).map(c -> alias + "." + c).reduce((a, b) -> a + ", " + b).orElseThrow();
    }

    private static Optional<Repository> one(Connection c, String sql, Object... args) throws SQLException {
        List<Repository> rows = list(c, sql, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static List<Repository> list(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            bind(statement, args);
            try (ResultSet rs = statement.executeQuery()) {
                List<Repository> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(repository(rs));
                }
                return out;
            }
        }
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            bind(statement, args);
            return statement.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
    }

    private static Repository repository(ResultSet rs) throws SQLException {
        Array topics = rs.getArray(6);
        long parentId = rs.getLong(11);
        Long parent = rs.wasNull() ? null : parentId;
        return new Repository(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                topics == null ? List.of() : Arrays.asList((String[]) topics.getArray()),
                Visibility.valueOf(rs.getString(7)), rs.getString(8), rs.getBoolean(9), rs.getBoolean(10),
                parent, instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)),
                instant(rs.getTimestamp(14)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static boolean isDuplicate(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
