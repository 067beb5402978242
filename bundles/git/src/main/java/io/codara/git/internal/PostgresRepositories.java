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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;

import io.codara.api.audit.Actor;
import io.codara.api.audit.AuditEvent;
import io.codara.api.audit.AuditLog;
import io.codara.api.auth.Scopes;
import io.codara.api.event.Topics;
import io.codara.api.git.ForkNode;
import io.codara.api.git.ForkSort;
import io.codara.api.git.MergeSettings;
import io.codara.api.git.NewFork;
import io.codara.api.git.NewFromTemplate;
import io.codara.api.git.NewRepository;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.git.RepositoryUpdate;
import io.codara.api.git.UpstreamSync;
import io.codara.api.git.Visibility;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.identity.Organizations;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Principal;
import io.codara.api.security.Role;
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
    /** The columns of a {@link Repository}, from {@code git.repositories r}. */
    static final String COLUMNS = "r.id, r.owner_login, r.name, r.description, r.homepage, r.topics, r.visibility,"
            + " r.default_branch, r.archived, r.template, r.parent_id, r.created_at, r.updated_at, r.pushed_at,"
            + " r.template_id, r.allow_merge_commit, r.allow_squash_merge, r.allow_rebase_merge,"
            + " r.delete_branch_on_merge, (SELECT count(*) FROM git.repositories f WHERE f.parent_id = r.id),"
            + " (SELECT s.pack_bytes + s.loose_bytes FROM git.size_samples s WHERE s.repository_id = r.id"
            + " ORDER BY s.sampled_at DESC LIMIT 1), r.stargazers_count, r.language";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM git.repositories r";
    /** GitHub's limit of pinned repositories. */
    static final int MAX_PINS = 6;

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
                Repository row = insert(tx, account, name, blank(input.description()), blank(input.homepage()),
                        visibility, branch, null, null);
                created[0] = row.id();
                try (org.eclipse.jgit.lib.Repository git = directories.create(row.id(), branch)) {
                    if (input.autoInit() || !initial.files().isEmpty()) {
                        initialCommit(git, branch, initial, actor, name, input.description());
                    }
                } catch (IOException e) {
                    throw new SQLException("Could not create the git directory: " + e.getMessage(), e);
                }
                watch(tx, row, actor);
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

    /** Inserts a row; the new repository takes the name over from any redirect that still points elsewhere. */
    private static Repository insert(Connection tx, Account account, String name, String description, String homepage,
            Visibility visibility, String branch, Long parentId, Long templateId) throws SQLException {
        Repository row = one(tx, "INSERT INTO git.repositories AS r (owner_login, owner_type, name, description,"
                + " homepage, visibility, default_branch, parent_id, template_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " RETURNING " + COLUMNS, account.login(), account.type().githubName(), name, description, homepage,
                visibility.name(), branch, parentId, templateId).orElseThrow();
        update(tx, "DELETE FROM git.repository_redirects WHERE lower(owner_login) = lower(?) AND lower(name) = lower(?)",
                account.login(), name);
        return row;
    }

    /** The creator of a repository watches it, as on GitHub (an organisation's repository: the member who made it). */
    private void watch(Connection tx, Repository row, Actor actor) throws SQLException {
        Optional<Account> creator = accounts.find(actor.login()).filter(a -> !a.organization());
        if (creator.isPresent()) {
            update(tx, "INSERT INTO git.subscriptions (repository_id, account_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    row.id(), creator.get().id());
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
        return one(c, SELECT + " WHERE lower(r.owner_login) = lower(?) AND lower(r.name) = lower(?)", owner, name);
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
            return one(c, "SELECT " + COLUMNS + " FROM git.repository_redirects d JOIN git.repositories r"
                    + " ON r.id = d.repository_id WHERE lower(d.owner_login) = lower(?) AND lower(d.name) = lower(?)",
                    owner, name);
        });
    }

    @Override
    public Optional<Repository> find(long id) {
        return read(c -> one(c, SELECT + " WHERE r.id = ?", id));
    }

    @Override
    public Page<Repository> list(String owner, Principal principal, PageRequest page) {
        // A token that may not read repositories lists what anonymous callers see: private names never leak
        // through a token without repo:read, whoever asks for the list (REST, shell, plugins).
        Principal viewer = viewer(principal);
        List<Repository> all = read(c -> list(c, SELECT + " WHERE lower(r.owner_login) = lower(?) ORDER BY lower(r.name)",
                owner));
        // Visibility depends on roles the identity capability knows; owners rarely have so many repositories
        // that filtering them here costs more than a query would.
        List<Repository> visible = all.stream()
                .filter(r -> RepositoryRoles.visible(viewer, r, roles.role(viewer, r))).toList();
        int from = (int) Math.min(page.offset(), visible.size());
        int to = Math.min(from + page.perPage(), visible.size());
        return new Page<>(visible.subList(from, to), page, visible.size());
    }

    @Override
    public Page<Repository> accessible(Principal principal, PageRequest page) {
        if (principal.anonymous()) {
            return new Page<>(List.of(), page, 0);
        }
        Principal viewer = viewer(principal); // a token without repo:read: the public ones only
        List<String> owners = new ArrayList<>();
        owners.add(principal.login().toLowerCase(Locale.ROOT));
        organizations.organizationsOf(principal.login()).forEach(o -> owners.add(o.login().toLowerCase(Locale.ROOT)));
        String placeholders = String.join(", ", java.util.Collections.nCopies(owners.size(), "?"));
        List<Repository> candidates = read(c -> list(c, SELECT + " WHERE lower(r.owner_login) IN (" + placeholders
                + ") ORDER BY lower(r.owner_login), lower(r.name)", owners.toArray()));
        List<Repository> mine = candidates.stream()
                .filter(r -> r.owner().equalsIgnoreCase(principal.login()) || roles.role(principal, r).isPresent())
                .filter(r -> visible(viewer, r)).toList();
        int from = (int) Math.min(page.offset(), mine.size());
        int to = Math.min(from + page.perPage(), mine.size());
        return new Page<>(mine.subList(from, to), page, mine.size());
    }

    @Override
    public List<Repository> visible(Principal principal, long sinceId, int limit) {
        Principal viewer = viewer(principal);
        boolean anonymous = viewer.anonymous();
        List<Repository> found = new ArrayList<>();
        long after = sinceId;
        // Public (and, for a signed-in viewer, internal and private) rows in id order, a batch at a time; a
        // private one is kept only when the identity capability gives the viewer a role on it.
        while (found.size() < limit) {
            long from = after;
            List<Repository> batch = read(c -> list(c, SELECT + " WHERE r.id > ?"
                    + (anonymous ? " AND r.visibility = 'PUBLIC'" : "") + " ORDER BY r.id LIMIT 500", from));
            for (Repository repository : batch) {
                if (found.size() < limit && visible(viewer, repository)) {
                    found.add(repository);
                }
            }
            if (batch.size() < 500) {
                break;
            }
            after = batch.get(batch.size() - 1).id();
        }
        return found;
    }

    /** Who a principal lists as: a token without {@code repo:read} sees what anonymous callers see. */
    private static Principal viewer(Principal principal) {
        return principal.scopes() == null || Scopes.satisfies(principal.scopes(), Scopes.REPO_READ)
                ? principal : Principal.ANONYMOUS;
    }

    private boolean visible(Principal viewer, Repository repository) {
        return RepositoryRoles.visible(viewer, repository, roles.role(viewer, repository));
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
        MergeSettings was = current.merging();
        MergeSettings merging = new MergeSettings(
                update.allowMergeCommit() == null ? was.allowMergeCommit() : update.allowMergeCommit(),
                update.allowSquashMerge() == null ? was.allowSquashMerge() : update.allowSquashMerge(),
                update.allowRebaseMerge() == null ? was.allowRebaseMerge() : update.allowRebaseMerge(),
                update.deleteBranchOnMerge() == null ? was.deleteBranchOnMerge() : update.deleteBranchOnMerge());
        if (!merging.allowMergeCommit() && !merging.allowSquashMerge() && !merging.allowRebaseMerge()) {
            throw RepositoryNames.invalid("allow_merge_commit", "invalid", "at least one merge method must be allowed");
        }
        boolean renamed = !newName.equals(current.name());
        try {
            return database.inTransaction(tx -> {
                if (renamed && !newName.equalsIgnoreCase(current.name()) && find(tx, current.owner(), newName).isPresent()) {
                    throw RepositoryNames.invalid("name", "already_exists", "name already exists on this account");
                }
                Repository row = one(tx, "UPDATE git.repositories AS r SET name = ?, description = ?, homepage = ?,"
                        + " topics = ?, visibility = ?, default_branch = ?, archived = ?, template = ?,"
                        + " allow_merge_commit = ?, allow_squash_merge = ?, allow_rebase_merge = ?,"
                        + " delete_branch_on_merge = ?, updated_at = now() WHERE r.id = ? RETURNING " + COLUMNS, newName,
                        update.description() == null ? current.description() : blank(update.description()),
                        update.homepage() == null ? current.homepage() : blank(update.homepage()),
                        tx.createArrayOf("text", topics.toArray()),
                        (update.visibility() == null ? current.visibility() : update.visibility()).name(), branch,
                        update.archived() == null ? current.archived() : update.archived(),
                        update.template() == null ? current.template() : update.template(),
                        merging.allowMergeCommit(), merging.allowSquashMerge(), merging.allowRebaseMerge(),
                        merging.deleteBranchOnMerge(), current.id()).orElseThrow();
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
                if (row.visibility() != current.visibility()) {
                    Map<String, Object> props = event(row, actor);
                    props.put("from", current.visibility().githubName());
                    props.put("to", row.visibility().githubName());
                    outbox.publish(tx, Topics.GIT_REPOSITORY_VISIBILITY_CHANGED, props);
                }
                if (!branch.equals(current.defaultBranch())) {
                    setHead(current.id(), branch);
                    Map<String, Object> props = event(row, actor);
                    props.put("from", current.defaultBranch());
                    props.put("to", branch);
                    outbox.publish(tx, Topics.GIT_DEFAULT_BRANCH_CHANGED, props);
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
                // Forking takes this row's lock too: no fork can start borrowing while its lender goes.
                lock(tx, repository.id(), "FOR UPDATE");
                detachForks(tx, repository);
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

    /**
     * Before a repository with forks goes: each direct fork gets the objects it borrowed (linked, not copied, where
     * the file system allows) and borrows what the repository borrowed; forks of a fork move up to its parent,
     * and forks of a network's root form a new network rooted at the oldest of them, as GitHub does.
     */
    private void detachForks(Connection tx, Repository repository) throws SQLException {
        List<Repository> forks = list(tx, SELECT + " WHERE r.parent_id = ? ORDER BY r.created_at, r.id", repository.id());
        if (forks.isEmpty()) {
            return;
        }
        for (Repository fork : forks) {
            try {
                directories.detach(fork.id(), repository.id());
            } catch (IOException e) {
                throw new SQLException("Could not give fork " + fork.fullName() + " its own objects: " + e.getMessage(), e);
            }
            // Its LFS objects too: a fork serves those of its ancestors (LfsObjects), and this one is going.
            update(tx, "INSERT INTO git.lfs_objects (repository_id, oid, size) SELECT ?, oid, size FROM git.lfs_objects"
                    + " WHERE repository_id = ? ON CONFLICT (repository_id, oid) DO NOTHING", fork.id(), repository.id());
        }
        if (repository.parentId() != null) {
            update(tx, "UPDATE git.repositories SET parent_id = ? WHERE parent_id = ?", repository.parentId(),
                    repository.id());
        } else {
            long heir = forks.get(0).id();
            update(tx, "UPDATE git.repositories SET parent_id = NULL WHERE id = ?", heir);
            update(tx, "UPDATE git.repositories SET parent_id = ? WHERE parent_id = ?", heir, repository.id());
        }
    }

    private static Map<String, Object> event(Repository repository, Actor actor) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("repository_id", repository.id());
        props.put("repository", repository.fullName());
        props.put("actor", actor.login());
        return props;
    }

    // ---- forks

    @Override
    public Repository fork(String owner, String name, NewFork input, Actor actor) {
        Repository parent = find(owner, name).orElseThrow(ApiException::notFound);
        Account account = accounts.find(input.owner() == null ? actor.login() : input.owner())
                .orElseThrow(() -> RepositoryNames.invalid("organization", "invalid", "no such user or organization"));
        String forkName = RepositoryNames.name(input.name() == null ? parent.name() : input.name());
        long[] created = {0};
        try {
            Repository fork = database.inTransaction(tx -> {
                // The parent's row lock, shared: a deletion of the parent waits, and one that went first is seen.
                if (!lock(tx, parent.id(), "FOR SHARE")) {
                    throw ApiException.notFound();
                }
                Optional<Repository> existing = one(tx, SELECT + " WHERE r.parent_id = ? AND lower(r.owner_login) = lower(?)",
                        parent.id(), account.login());
                if (existing.isPresent()) {
                    return existing.get();
                }
                if (find(tx, account.login(), forkName).isPresent()) {
                    throw RepositoryNames.invalid("name", "already_exists", "name already exists on this account");
                }
                Repository row = insert(tx, account, forkName, parent.description(), parent.homepage(),
                        parent.visibility(), parent.defaultBranch(), parent.id(), null);
                created[0] = row.id();
                try {
                    directories.create(row.id(), parent.defaultBranch()).close();
                    directories.borrow(row.id(), parent.id());
                    try (org.eclipse.jgit.lib.Repository from = directories.open(parent.id());
                            org.eclipse.jgit.lib.Repository to = directories.open(row.id())) {
                        RepositoryHistory.copyRefs(from, to, parent.defaultBranch(), input.defaultBranchOnly());
                    }
                } catch (IOException e) {
                    throw new SQLException("Could not create the fork's git directory: " + e.getMessage(), e);
                }
                Map<String, Object> props = event(row, actor);
                watch(tx, row, actor);
                props.put("fork_of", parent.fullName());
                outbox.publish(tx, Topics.GIT_REPOSITORY_CREATED, props);
                audit.record(tx, new AuditEvent("repo.create", actor, "repository", row.fullName(),
                        Map.of("visibility", row.visibility().githubName(), "fork_of", parent.fullName())));
                return row;
            });
            created[0] = 0;
            return fork;
        } catch (SQLException e) {
            if (isDuplicate(e)) {
                throw RepositoryNames.invalid("name", "already_exists", "name already exists on this account");
            }
            throw new IllegalStateException("Could not fork the repository: " + e.getMessage(), e);
        } finally {
            if (created[0] != 0) {
                removeQuietly(created[0]);
            }
        }
    }

    @Override
    public Page<Repository> forks(String owner, String name, ForkSort sort, Principal principal, PageRequest page) {
        Repository parent = find(owner, name).orElseThrow(ApiException::notFound);
        Principal viewer = viewer(principal);
        String order = sort == ForkSort.OLDEST ? "r.created_at, r.id" : "r.created_at DESC, r.id DESC";
        List<Repository> visible = read(c -> list(c, SELECT + " WHERE r.parent_id = ? ORDER BY " + order, parent.id()))
                .stream().filter(r -> visible(viewer, r)).toList();
        int from = (int) Math.min(page.offset(), visible.size());
        int to = Math.min(from + page.perPage(), visible.size());
        return new Page<>(visible.subList(from, to), page, visible.size());
    }

    @Override
    public ForkNode network(String owner, String name, int depth, Principal principal) {
        Principal viewer = viewer(principal);
        Repository root = find(owner, name).filter(r -> visible(viewer, r)).orElseThrow(ApiException::notFound);
        java.util.Set<Long> seen = new java.util.HashSet<>(List.of(root.id()));
        while (root.parentId() != null && seen.add(root.parentId())) {
            Optional<Repository> parent = find(root.parentId()).filter(r -> visible(viewer, r));
            if (parent.isEmpty()) {
                break;
            }
            root = parent.get();
        }
        Repository top = root;
        return read(c -> node(c, top, Math.max(0, depth), viewer));
    }

    private ForkNode node(Connection c, Repository repository, int depth, Principal viewer) throws SQLException {
        List<Repository> forks = list(c, SELECT + " WHERE r.parent_id = ? ORDER BY r.created_at, r.id", repository.id())
                .stream().filter(r -> visible(viewer, r)).toList();
        if (depth == 0) {
            return new ForkNode(repository, List.of(), !forks.isEmpty());
        }
        List<ForkNode> nodes = new ArrayList<>();
        for (Repository fork : forks) {
            nodes.add(node(c, fork, depth - 1, viewer));
        }
        return new ForkNode(repository, nodes, false);
    }

    @Override
    public UpstreamSync mergeUpstream(String owner, String name, String branch, Actor actor) {
        Repository fork = find(owner, name).orElseThrow(ApiException::notFound);
        if (branch == null || branch.isBlank()) {
            throw RepositoryNames.invalid("branch", "missing_field", "branch is required");
        }
        String ref = Constants.R_HEADS + RepositoryNames.branch(branch);
        if (fork.parentId() == null) {
            throw new ApiException(422, "This repository is not a fork");
        }
        Repository upstream = find(fork.parentId())
                .orElseThrow(() -> new ApiException(422, "The upstream repository no longer exists"));
        String base = upstream.owner() + ":" + branch;
        try (org.eclipse.jgit.lib.Repository up = directories.open(upstream.id());
                org.eclipse.jgit.lib.Repository mine = directories.open(fork.id())) {
            Ref theirs = up.exactRef(ref);
            Ref ours = mine.exactRef(ref);
            if (theirs == null || ours == null) {
                throw new ApiException(422, (theirs == null ? upstream.fullName() : fork.fullName())
                        + " has no branch " + branch);
            }
            ObjectId target = theirs.getObjectId();
            ObjectId before = ours.getObjectId();
            if (!mine.getObjectDatabase().has(target)) {
                // A fork that no longer borrows from its upstream (its first parent was deleted) fetches.
                try (Git git = Git.wrap(mine)) {
                    git.fetch().setRemote(up.getDirectory().toURI().toString())
                            .setRefSpecs(new RefSpec(ref)).call();
                } catch (GitAPIException e) {
                    throw new IOException("Could not fetch from the upstream: " + e.getMessage(), e);
                }
            }
            try (RevWalk walk = new RevWalk(mine)) {
                RevCommit upstreamTip = walk.parseCommit(target);
                RevCommit forkTip = walk.parseCommit(before);
                if (walk.isMergedInto(upstreamTip, forkTip)) {
                    return new UpstreamSync("This branch is not behind the upstream", "none", base);
                }
                walk.reset();
                if (!walk.isMergedInto(walk.parseCommit(before), walk.parseCommit(target))) {
                    throw new ApiException(409, "This branch has commits that are not upstream, so it cannot be"
                            + " fast-forwarded to " + base);
                }
            }
            database.inTransaction(tx -> {
                if (update(tx, "UPDATE git.repositories SET pushed_at = now() WHERE id = ?", fork.id()) != 1) {
                    throw ApiException.notFound();
                }
                Map<String, Object> props = new LinkedHashMap<>();
                props.put("repository_id", fork.id());
                props.put("repository", fork.fullName());
                props.put("pusher", actor.login());
                props.put("ref_updates", List.of(Map.of("ref", ref, "before", before.name(), "after", target.name())));
                outbox.publish(tx, Topics.GIT_PUSH, props);
                RefUpdate.Result result;
                try {
                    RefUpdate move = mine.updateRef(ref);
                    move.setExpectedOldObjectId(before);
                    move.setNewObjectId(target);
                    move.setRefLogIdent(new PersonIdent(actor.login(), actor.login() + "@users.noreply.codara"));
                    move.setRefLogMessage("merge-upstream: fast-forward to " + base, false);
                    result = move.update();
                } catch (IOException e) {
                    throw new SQLException("Could not move " + ref + ": " + e.getMessage(), e);
                }
                if (result != RefUpdate.Result.FAST_FORWARD) {
                    throw new ApiException(409, "The branch moved meanwhile; try again");
                }
                return null;
            });
            return new UpstreamSync("Successfully fetched and fast-forwarded from upstream " + base, "fast-forward",
                    base);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not sync with the upstream: " + e.getMessage(), e);
        }
    }

    // ---- templates

    @Override
    public Repository generate(String owner, String name, NewFromTemplate input, Actor actor) {
        Repository template = find(owner, name).orElseThrow(ApiException::notFound);
        if (!template.template()) {
            throw new ApiException(422, template.fullName() + " is not a template repository");
        }
        String newName = RepositoryNames.name(input.name());
        if (input.description() != null && input.description().length() > 350) {
            throw RepositoryNames.invalid("description", "invalid", "description is longer than 350 characters");
        }
        Account account = accounts.find(input.owner() == null ? actor.login() : input.owner())
                .orElseThrow(() -> RepositoryNames.invalid("owner", "invalid", "no such user or organization"));
        Visibility visibility = input.visibility() == null ? Visibility.PUBLIC : input.visibility();
        long[] created = {0};
        try {
            Repository repository = database.inTransaction(tx -> {
                if (find(tx, account.login(), newName).isPresent()) {
                    throw RepositoryNames.invalid("name", "already_exists", "name already exists on this account");
                }
                Repository row = insert(tx, account, newName, blank(input.description()), null, visibility,
                        template.defaultBranch(), null, template.id());
                created[0] = row.id();
                try (org.eclipse.jgit.lib.Repository from = directories.open(template.id());
                        org.eclipse.jgit.lib.Repository to = directories.create(row.id(), template.defaultBranch())) {
                    List<String> branches = RepositoryHistory.branches(from).stream()
                            .filter(b -> input.includeAllBranches() || b.equals(template.defaultBranch())).toList();
                    if (!branches.isEmpty()) {
                        RepositoryHistory.generate(from, to, branches,
                                new PersonIdent(actor.login(), actor.login() + "@users.noreply.codara"));
                    }
                } catch (IOException e) {
                    throw new SQLException("Could not create the git directory: " + e.getMessage(), e);
                }
                Map<String, Object> props = event(row, actor);
                watch(tx, row, actor);
                props.put("template", template.fullName());
                outbox.publish(tx, Topics.GIT_REPOSITORY_CREATED, props);
                audit.record(tx, new AuditEvent("repo.create", actor, "repository", row.fullName(),
                        Map.of("visibility", visibility.githubName(), "template", template.fullName())));
                return row;
            });
            created[0] = 0;
            return repository;
        } catch (SQLException e) {
            if (isDuplicate(e)) {
                throw RepositoryNames.invalid("name", "already_exists", "name already exists on this account");
            }
            throw new IllegalStateException("Could not generate the repository: " + e.getMessage(), e);
        } finally {
            if (created[0] != 0) {
                removeQuietly(created[0]);
            }
        }
    }

    // ---- transfer

    @Override
    public Repository transfer(String owner, String name, String newOwner, String newName, Actor actor) {
        Repository current = find(owner, name).orElseThrow(ApiException::notFound);
        if (newOwner == null || newOwner.isBlank()) {
            throw RepositoryNames.invalid("new_owner", "missing_field", "new_owner is required");
        }
        Account account = accounts.find(newOwner)
                .orElseThrow(() -> RepositoryNames.invalid("new_owner", "invalid", "no user or organization named "
                        + newOwner));
        if (account.login().equalsIgnoreCase(current.owner())) {
            throw RepositoryNames.invalid("new_owner", "invalid", current.fullName() + " is already owned by "
                    + account.login());
        }
        String targetName = newName == null || newName.isBlank() ? current.name() : RepositoryNames.name(newName);
        try {
            Repository moved = database.inTransaction(tx -> {
                if (find(tx, account.login(), targetName).isPresent()) {
                    throw RepositoryNames.invalid("new_owner", "already_exists", account.login()
                            + " already has a repository named " + targetName);
                }
                Repository row = one(tx, "UPDATE git.repositories AS r SET owner_login = ?, owner_type = ?, name = ?,"
                        + " updated_at = now() WHERE r.id = ? RETURNING " + COLUMNS, account.login(),
                        account.type().githubName(), targetName, current.id()).orElseThrow();
                update(tx, "DELETE FROM git.repository_redirects WHERE lower(owner_login) = lower(?)"
                        + " AND lower(name) = lower(?)", account.login(), targetName);
                update(tx, "INSERT INTO git.repository_redirects (owner_login, name, repository_id) VALUES (?, ?, ?)",
                        current.owner(), current.name(), current.id());
                Map<String, Object> props = event(row, actor);
                props.put("from", current.fullName());
                props.put("to", row.fullName());
                outbox.publish(tx, Topics.GIT_REPOSITORY_TRANSFERRED, props);
                audit.record(tx, new AuditEvent("repo.transfer", actor, "repository", current.fullName(),
                        Map.of("new_owner", account.login(), "new_name", row.fullName())));
                return row;
            });
            if (accounts.find(current.owner()).map(Account::organization).orElse(false)) {
                organizations.forgetRepository(current.owner(), current.name());
            }
            return moved;
        } catch (SQLException e) {
            if (isDuplicate(e)) {
                throw RepositoryNames.invalid("new_owner", "already_exists", account.login()
                        + " already has a repository named " + targetName);
            }
            throw new IllegalStateException("Could not transfer the repository: " + e.getMessage(), e);
        }
    }

    // ---- pins

    @Override
    public List<Repository> pinned(String login, Principal principal) {
        Account account = accounts.find(login).orElseThrow(ApiException::notFound);
        Principal viewer = viewer(principal);
        return read(c -> list(c, "SELECT " + COLUMNS + " FROM git.pinned_repositories p JOIN git.repositories r"
                + " ON r.id = p.repository_id WHERE p.account_id = ? ORDER BY p.position", account.id()))
                .stream().filter(r -> visible(viewer, r)).toList();
    }

    @Override
    public List<Repository> pin(String login, List<String> fullNames, Principal principal, Actor actor) {
        Account account = accounts.find(login).orElseThrow(ApiException::notFound);
        if (fullNames == null) {
            throw RepositoryNames.invalid("repositories", "missing_field", "repositories is required");
        }
        if (fullNames.size() > MAX_PINS) {
            throw RepositoryNames.invalid("repositories", "invalid", "at most " + MAX_PINS
                    + " repositories can be pinned");
        }
        Principal viewer = viewer(principal);
        Principal member = new Principal(account.login(), false, null);
        List<Repository> chosen = new ArrayList<>();
        for (String fullName : fullNames) {
            int slash = fullName == null ? -1 : fullName.indexOf('/');
            Optional<Repository> found = slash <= 0 ? Optional.empty()
                    : resolve(fullName.substring(0, slash), fullName.substring(slash + 1));
            Repository repository = found.filter(r -> visible(viewer, r)).orElseThrow(() -> RepositoryNames.invalid(
                    "repositories", "invalid", "no repository named " + fullName));
            boolean owned = repository.owner().equalsIgnoreCase(account.login());
            boolean contributes = !account.organization() && roles.role(member, repository)
                    .map(r -> r.includes(Role.WRITE)).orElse(false);
            if (!owned && !contributes) {
                throw RepositoryNames.invalid("repositories", "invalid", repository.fullName() + " is neither owned by"
                        + " nor writable by " + account.login());
            }
            if (chosen.stream().anyMatch(r -> r.id() == repository.id())) {
                throw RepositoryNames.invalid("repositories", "invalid", repository.fullName() + " is listed twice");
            }
            chosen.add(repository);
        }
        try {
            database.inTransaction(tx -> {
                update(tx, "DELETE FROM git.pinned_repositories WHERE account_id = ?", account.id());
                for (int i = 0; i < chosen.size(); i++) {
                    update(tx, "INSERT INTO git.pinned_repositories (account_id, position, repository_id)"
                            + " VALUES (?, ?, ?)", account.id(), (short) i, chosen.get(i).id());
                }
                audit.record(tx, new AuditEvent("profile.pin", actor, account.organization() ? "organization" : "user",
                        account.login(), Map.of("repositories", String.join(",",
                                chosen.stream().map(Repository::fullName).toList()))));
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not pin the repositories: " + e.getMessage(), e);
        }
        return pinned(account.login(), principal);
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

    /** Takes a repository row's lock ({@code FOR UPDATE} or {@code FOR SHARE}); false when there is no such row. */
    private static boolean lock(Connection c, long id, String mode) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("SELECT id FROM git.repositories WHERE id = ? " + mode)) {
            statement.setLong(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
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

    static Repository repository(ResultSet rs) throws SQLException {
        Array topics = rs.getArray(6);
        long parentId = rs.getLong(11);
        Long parent = rs.wasNull() ? null : parentId;
        long templateId = rs.getLong(15);
        Long template = rs.wasNull() ? null : templateId;
        return new Repository(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                topics == null ? List.of() : Arrays.asList((String[]) topics.getArray()),
                Visibility.valueOf(rs.getString(7)), rs.getString(8), rs.getBoolean(9), rs.getBoolean(10),
                parent, instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)),
                instant(rs.getTimestamp(14)), template, new MergeSettings(rs.getBoolean(16), rs.getBoolean(17),
                        rs.getBoolean(18), rs.getBoolean(19)), rs.getInt(20), rs.getObject(21, Long.class),
                rs.getInt(22), rs.getString(23));
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
