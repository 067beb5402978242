package io.codara.git.internal;

import io.codara.testing.EmbeddedDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

import io.codara.api.audit.Actor;
import io.codara.api.audit.AuditEvent;
import io.codara.api.audit.AuditLog;
import io.codara.api.event.Topics;
import io.codara.api.git.ForkNode;
import io.codara.api.git.ForkSort;
import io.codara.api.git.NewFork;
import io.codara.api.git.NewFromTemplate;
import io.codara.api.git.NewRepository;
import io.codara.api.git.Repository;
import io.codara.api.git.RepositoryUpdate;
import io.codara.api.git.UpstreamSync;
import io.codara.api.git.Visibility;
import io.codara.api.identity.Account;
import io.codara.api.identity.AccountType;
import io.codara.api.identity.Accounts;
import io.codara.api.identity.Organizations;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Principal;
import io.codara.api.security.Role;
import io.codara.api.storage.Cache;
import io.codara.api.storage.EventOutbox;
import io.codara.api.storage.JobQueue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forks, templates, transfers, pins and merge settings of {@link PostgresRepositories}, on a real PostgreSQL and
 * real bare repositories, checked with the real git. {@code alice} and {@code bob} are users, {@code acme} an
 * organisation whose members read its repositories.
 */
class RepositoryLifecycleTest {

    private static final Actor ALICE_ACTOR = new Actor("alice", "10.0.0.1");
    private static final Actor BOB_ACTOR = new Actor("bob", "10.0.0.2");
    private static final Principal ALICE = new Principal("alice", false, null);
    private static final Principal BOB = new Principal("bob", false, null);

    @TempDir
    Path root;

    private final Accounts accounts = mock(Accounts.class);
    private final Organizations organizations = mock(Organizations.class);
    private final EventOutbox outbox = mock(EventOutbox.class);
    private final AuditLog audit = mock(AuditLog.class);
    private GitDirectories directories;
    private EmbeddedDatabase database;
    private PostgresRepositories repositories;
    private GitCli git;

    private static Account account(long id, String login, AccountType type) {
        Instant now = Instant.now();
        return new Account(id, login, type, null, null, null, null, null, null, false, null, null,
                type == AccountType.ORGANIZATION ? Role.READ : null, now, now);
    }

    @BeforeEach
    void wire() throws Exception {
        when(accounts.find(anyString())).thenReturn(Optional.empty());
        when(accounts.find("alice")).thenReturn(Optional.of(account(1, "alice", AccountType.USER)));
        when(accounts.find("bob")).thenReturn(Optional.of(account(3, "bob", AccountType.USER)));
        when(accounts.find("acme")).thenReturn(Optional.of(account(2, "acme", AccountType.ORGANIZATION)));
        when(organizations.repositoryRole(anyString(), anyString(), anyString())).thenReturn(Optional.empty());
        directories = new GitDirectories(root.resolve("mnt/repos"));
        database = EmbeddedDatabase.create("git");
        repositories = new PostgresRepositories(new GitSchema(), database, directories, accounts,
                organizations, new RepositoryRoles(accounts, organizations), outbox, audit);
        Files.createDirectories(root.resolve("home"));
        git = new GitCli(root.resolve("home"));
    }

    private static ApiException error(Runnable action) {
        try {
            action.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected an ApiException");
    }

    private Repository create(String owner, String name, Visibility visibility) {
        return repositories.create(owner, new NewRepository(name, null, null, visibility, true, null, null, null),
                ALICE_ACTOR);
    }

    private Path dir(Repository repository) {
        return directories.directory(repository.id());
    }

    /** A clone of {@code repository}'s directory, to commit and push with the real git. */
    private Path clone(Repository repository, String as) {
        Path work = root.resolve("work").resolve(as);
        git.run(root, "clone", "-q", dir(repository).toString(), work.toString()).ok();
        return work;
    }

    private String commit(Path work, String file, String content) {
        GitCli.write(work.resolve(file), content);
        git.run(work, "add", "-A").ok();
        git.run(work, "commit", "-q", "-m", "change " + file).ok();
        return git.run(work, "rev-parse", "HEAD").ok().out().strip();
    }

    private String ref(Repository repository, String ref) {
        return git.run(root, "--git-dir", dir(repository).toString(), "rev-parse", "--verify", "-q", ref).out().strip();
    }

    // ---- forks

    @Test
    void aForkBorrowsItsParentsObjectsAndCopiesItsBranchesAndTags() throws Exception {
        Repository parent = create("alice", "tools", Visibility.PUBLIC);
        Path work = clone(parent, "tools");
        git.run(work, "checkout", "-q", "-b", "feature").ok();
        String feature = commit(work, "f.txt", "feature\n");
        git.run(work, "tag", "-a", "v1", "-m", "one").ok();
        git.run(work, "push", "-q", "origin", "feature", "v1").ok();

        Repository fork = repositories.fork("alice", "tools", new NewFork("bob", null, false), BOB_ACTOR);
        assertThat(fork.fullName()).isEqualTo("bob/tools");
        assertThat(fork.parentId()).isEqualTo(parent.id());
        assertThat(fork.fork()).isTrue();
        assertThat(repositories.find(parent.id()).orElseThrow().forksCount()).isEqualTo(1);
        Path alternates = dir(fork).resolve("objects/info/alternates");
        assertThat(Files.readString(alternates).strip()).doesNotStartWith("/").endsWith(parent.id() + ".git/objects");
        // Cheap: no object of its own.
        try (Stream<Path> objects = Files.walk(dir(fork).resolve("objects"))) {
            assertThat(objects.filter(Files::isRegularFile).filter(p -> !p.toString().contains("info")))
                    .isEmpty();
        }
        assertThat(ref(fork, "refs/heads/feature")).isEqualTo(feature);
        assertThat(ref(fork, "refs/tags/v1")).isEqualTo(ref(parent, "refs/tags/v1"));
        assertThat(ref(fork, "refs/heads/main")).isEqualTo(ref(parent, "refs/heads/main"));
        assertThat(git.run(root, "--git-dir", dir(fork).toString(), "fsck", "--strict").exit()).isZero();
        verify(outbox).publish(any(), eq(Topics.GIT_REPOSITORY_CREATED),
                argThat(p -> "alice/tools".equals(p.get("fork_of"))));

        // Forking again into the same owner answers the fork there; only the default branch when asked.
        assertThat(repositories.fork("alice", "tools", new NewFork("bob", "other", false), BOB_ACTOR).id())
                .isEqualTo(fork.id());
        Repository slim = repositories.fork("alice", "tools", new NewFork("acme", "slim", true), ALICE_ACTOR);
        assertThat(ref(slim, "refs/heads/main")).isNotEmpty();
        assertThat(ref(slim, "refs/heads/feature")).isEmpty();
        assertThat(ref(slim, "refs/tags/v1")).isEmpty();
    }

    @Test
    void forksKeepThePrivacyOfTheirParentAndNamesMustBeFree() {
        Repository secret = create("alice", "secret", Visibility.PRIVATE);
        Repository fork = repositories.fork("alice", "secret", new NewFork("acme", null, false), ALICE_ACTOR);
        assertThat(fork.visibility()).isEqualTo(Visibility.PRIVATE);
        create("bob", "secret", Visibility.PUBLIC);
        assertThat(error(() -> repositories.fork("alice", "secret", new NewFork("bob", null, false), BOB_ACTOR))
                .errors().get(0).code()).isEqualTo("already_exists");
        assertThat(error(() -> repositories.fork("alice", "secret", new NewFork("nobody", null, false), BOB_ACTOR))
                .status()).isEqualTo(422);
        assertThat(error(() -> repositories.fork("alice", "gone", new NewFork("bob", null, false), BOB_ACTOR))
                .status()).isEqualTo(404);
        assertThat(secret.fork()).isFalse();
    }

    @Test
    void forkListsAndTheNetworkShowOnlyWhatTheViewerMaySee() {
        create("alice", "net", Visibility.PUBLIC);
        Repository first = repositories.fork("alice", "net", new NewFork("bob", "net-1", false), BOB_ACTOR);
        Repository second = repositories.fork("alice", "net", new NewFork("acme", "net-2", false), ALICE_ACTOR);
        repositories.update("acme", "net-2", new RepositoryUpdate(null, null, null, null, Visibility.PRIVATE, null,
                null, null), ALICE_ACTOR);
        Repository grandchild = repositories.fork("bob", "net-1", new NewFork("alice", "net-1-1", false), ALICE_ACTOR);
        when(organizations.repositoryRole("acme", "net-2", "alice")).thenReturn(Optional.of(Role.ADMIN));

        assertThat(repositories.forks("alice", "net", ForkSort.NEWEST, ALICE, PageRequest.of(1, 10)).items())
                .extracting(Repository::id).containsExactly(second.id(), first.id());
        assertThat(repositories.forks("alice", "net", ForkSort.OLDEST, ALICE, PageRequest.of(1, 10)).items())
                .extracting(Repository::id).containsExactly(first.id(), second.id());
        assertThat(repositories.forks("alice", "net", ForkSort.NEWEST, BOB, PageRequest.of(1, 10)).items())
                .extracting(Repository::id).containsExactly(first.id());

        // From the grandchild, the tree starts at the root.
        ForkNode tree = repositories.network("alice", "net-1-1", 5, BOB);
        assertThat(tree.repository().fullName()).isEqualTo("alice/net");
        assertThat(tree.forks()).extracting(n -> n.repository().fullName()).containsExactly("bob/net-1");
        assertThat(tree.forks().get(0).forks()).extracting(n -> n.repository().id()).containsExactly(grandchild.id());
        ForkNode shallow = repositories.network("alice", "net", 1, ALICE);
        assertThat(shallow.forks()).extracting(n -> n.repository().fullName()).containsExactly("bob/net-1", "acme/net-2");
        assertThat(shallow.forks().get(0).forks()).isEmpty();
        assertThat(shallow.forks().get(0).truncated()).isTrue();
        assertThat(error(() -> repositories.network("acme", "net-2", 3, BOB)).status()).isEqualTo(404);
    }

    @Test
    void aForkStillClonesAfterItsParentWasDeletedAndForksAreReparented() throws Exception {
        Repository parent = create("alice", "base", Visibility.PUBLIC);
        Path work = clone(parent, "base");
        String head = commit(work, "more.txt", "more\n");
        git.run(work, "push", "-q", "origin", "main").ok();
        Repository oldest = repositories.fork("alice", "base", new NewFork("bob", null, false), BOB_ACTOR);
        Repository younger = repositories.fork("alice", "base", new NewFork("acme", null, false), ALICE_ACTOR);
        Repository grandchild = repositories.fork("bob", "base", new NewFork("alice", "base-2", false), ALICE_ACTOR);
        String lfsOid = "ab".repeat(32);
        database.query("INSERT INTO git.lfs_objects (repository_id, oid, size) VALUES (?, ?, 7) RETURNING size",
                parent.id(), lfsOid);

        assertThat(repositories.delete("alice", "base", ALICE_ACTOR)).isTrue();
        assertThat(dir(parent)).doesNotExist();
        for (Repository fork : List.of(oldest, younger, grandchild)) {
            Path copy = root.resolve("clones").resolve(fork.name() + fork.id());
            git.run(root, "clone", "-q", dir(fork).toString(), copy.toString()).ok();
            assertThat(git.run(copy, "rev-parse", "HEAD").ok().out().strip()).isEqualTo(head);
            assertThat(git.run(root, "--git-dir", dir(fork).toString(), "fsck", "--strict").exit())
                    .as(fork.fullName()).isZero();
        }
        // The oldest fork is the new root of the network; the others are its forks.
        assertThat(repositories.find(oldest.id()).orElseThrow().parentId()).isNull();
        assertThat(repositories.find(younger.id()).orElseThrow().parentId()).isEqualTo(oldest.id());
        assertThat(repositories.find(grandchild.id()).orElseThrow().parentId()).isEqualTo(oldest.id());
        assertThat(dir(oldest).resolve("objects/info/alternates")).doesNotExist();
        // The direct forks took over the LFS objects the parent held (the grandchild still reaches them through them).
        for (Repository fork : List.of(oldest, younger)) {
            assertThat(database.query("SELECT size FROM git.lfs_objects WHERE repository_id = ? AND oid = ?", fork.id(),
                    lfsOid)).as(fork.fullName()).isEqualTo(7L);
        }

        // The younger fork does not borrow from its new parent: syncing fetches what it lacks.
        Path next = clone(oldest, "next");
        String moved = commit(next, "next.txt", "next\n");
        git.run(next, "push", "-q", "origin", "main").ok();
        UpstreamSync sync = repositories.mergeUpstream("acme", "base", "main", ALICE_ACTOR);
        assertThat(sync.mergeType()).isEqualTo("fast-forward");
        assertThat(ref(younger, "refs/heads/main")).isEqualTo(moved);
        assertThat(git.run(root, "--git-dir", dir(younger).toString(), "fsck", "--strict").exit()).isZero();
    }

    @Test
    void deletingAForkOfAForkMovesItsForksUpAndTheyBorrowFromTheGrandparent() throws Exception {
        Repository top = create("alice", "top", Visibility.PUBLIC);
        Repository middle = repositories.fork("alice", "top", new NewFork("bob", null, false), BOB_ACTOR);
        Path work = clone(middle, "middle");
        String own = commit(work, "mid.txt", "middle's own\n");
        git.run(work, "push", "-q", "origin", "main").ok();
        Repository bottom = repositories.fork("bob", "top", new NewFork("acme", null, false), ALICE_ACTOR);

        repositories.delete("bob", "top", BOB_ACTOR);
        assertThat(repositories.find(bottom.id()).orElseThrow().parentId()).isEqualTo(top.id());
        assertThat(directories.alternates(bottom.id())).containsExactly(directories.objects(top.id()));
        assertThat(ref(bottom, "refs/heads/main")).isEqualTo(own);
        assertThat(git.run(root, "--git-dir", dir(bottom).toString(), "fsck", "--strict").exit()).isZero();
    }

    @Test
    void garbageCollectionOfAParentAfterAForcePushKeepsWhatItsForksNeed() throws Exception {
        // Two parents, the same story; only one has a fork. The other shows what collection would drop.
        Repository lender = create("alice", "lender", Visibility.PUBLIC);
        Repository alone = create("alice", "alone", Visibility.PUBLIC);
        Map<Repository, String> dropped = new java.util.HashMap<>();
        for (Repository parent : List.of(lender, alone)) {
            Path work = clone(parent, parent.name());
            dropped.put(parent, commit(work, "doomed.txt", "only the fork will keep this\n"));
            git.run(work, "push", "-q", "origin", "main").ok();
        }
        Repository fork = repositories.fork("alice", "lender", new NewFork("bob", null, false), BOB_ACTOR);
        for (Repository parent : List.of(lender, alone)) {
            Path work = root.resolve("work").resolve(parent.name());
            git.run(work, "reset", "-q", "--hard", "HEAD~1").ok();
            commit(work, "other.txt", "history rewritten\n");
            git.run(work, "push", "-q", "--force", "origin", "main").ok();
            // Reflogs would keep the old commit reachable: expire them, and age every file past JGit's expiries.
            git.run(root, "--git-dir", dir(parent).toString(), "reflog", "expire", "--expire=now", "--all").ok();
            age(dir(parent).resolve("objects"));
        }
        RepositoryMaintenance maintenance = maintenance();
        for (Repository parent : List.of(lender, alone)) {
            maintenance.collect(repositories.find(parent.id()).orElseThrow());
            maintenance.collect(repositories.find(parent.id()).orElseThrow());
        }
        assertThat(git.run(root, "--git-dir", dir(alone).toString(), "cat-file", "-e", dropped.get(alone)).exit())
                .as("without forks, collection drops the unreachable commit").isNotZero();
        assertThat(git.run(root, "--git-dir", dir(lender).toString(), "cat-file", "-e", dropped.get(lender)).exit())
                .isZero();
        assertThat(ref(fork, "refs/heads/main")).isEqualTo(dropped.get(lender));
        assertThat(git.run(root, "--git-dir", dir(fork).toString(), "fsck", "--full", "--strict").ok().exit()).isZero();
        Path copy = root.resolve("clones/fork");
        git.run(root, "clone", "-q", dir(fork).toString(), copy.toString()).ok();
        assertThat(copy.resolve("doomed.txt")).exists();
    }

    private RepositoryMaintenance maintenance() {
        RepositoryMaintenanceConfig config = mock(RepositoryMaintenanceConfig.class);
        when(config.delay_seconds()).thenReturn(0);
        return new RepositoryMaintenance(repositories, directories, mock(JobQueue.class), mock(Cache.class),
                mock(RepositorySizes.class), config);
    }

    private static void age(Path objects) throws Exception {
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofDays(30)));
        try (Stream<Path> files = Files.walk(objects)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, old);
            }
        }
    }

    // ---- merge-upstream

    @Test
    void mergeUpstreamFastForwardsOrSaysWhyNot() throws Exception {
        Repository parent = create("alice", "up", Visibility.PUBLIC);
        Repository fork = repositories.fork("alice", "up", new NewFork("bob", null, false), BOB_ACTOR);
        assertThat(repositories.mergeUpstream("bob", "up", "main", BOB_ACTOR))
                .isEqualTo(new UpstreamSync("This branch is not behind the upstream", "none", "alice:main"));

        Path work = clone(parent, "up");
        String before = ref(fork, "refs/heads/main");
        String ahead = commit(work, "new.txt", "new\n");
        git.run(work, "push", "-q", "origin", "main").ok();
        UpstreamSync sync = repositories.mergeUpstream("bob", "up", "main", BOB_ACTOR);
        assertThat(sync.mergeType()).isEqualTo("fast-forward");
        assertThat(sync.baseBranch()).isEqualTo("alice:main");
        assertThat(ref(fork, "refs/heads/main")).isEqualTo(ahead);
        verify(outbox).publish(any(), eq(Topics.GIT_PUSH), argThat(p -> Long.valueOf(fork.id()).equals(p.get("repository_id"))
                && p.get("ref_updates").equals(List.of(Map.of("ref", "refs/heads/main", "before", before,
                        "after", ahead)))));

        Path mine = clone(fork, "up-fork");
        commit(mine, "mine.txt", "fork's own\n");
        git.run(mine, "push", "-q", "origin", "main").ok();
        commit(work, "theirs.txt", "upstream's\n");
        git.run(work, "push", "-q", "origin", "main").ok();
        assertThat(error(() -> repositories.mergeUpstream("bob", "up", "main", BOB_ACTOR)).status()).isEqualTo(409);
        assertThat(error(() -> repositories.mergeUpstream("bob", "up", "nope", BOB_ACTOR)).status()).isEqualTo(422);
        assertThat(error(() -> repositories.mergeUpstream("bob", "up", null, BOB_ACTOR)).status()).isEqualTo(422);
        assertThat(error(() -> repositories.mergeUpstream("alice", "up", "main", ALICE_ACTOR)).getMessage())
                .contains("not a fork");
    }

    // ---- templates

    @Test
    void generatingFromATemplateMakesFreshHistoryWithTheTemplatesTrees() throws Exception {
        Repository template = create("alice", "starter", Visibility.PUBLIC);
        Path work = clone(template, "starter");
        commit(work, "src/app.txt", "app\n");
        git.run(work, "push", "-q", "origin", "main").ok();
        git.run(work, "checkout", "-q", "-b", "docs").ok();
        commit(work, "docs/intro.md", "intro\n");
        git.run(work, "push", "-q", "origin", "docs").ok();

        assertThat(error(() -> repositories.generate("alice", "starter", new NewFromTemplate("bob", "mine", null,
                false, null), BOB_ACTOR)).getMessage()).contains("not a template");
        repositories.update("alice", "starter", new RepositoryUpdate(null, null, null, null, null, null, null, true),
                ALICE_ACTOR);

        Repository one = repositories.generate("alice", "starter", new NewFromTemplate("bob", "mine", "Mine",
                false, Visibility.PRIVATE), BOB_ACTOR);
        assertThat(one.templateId()).isEqualTo(template.id());
        assertThat(one.visibility()).isEqualTo(Visibility.PRIVATE);
        assertThat(one.fork()).isFalse();
        assertThat(dir(one).resolve("objects/info/alternates")).doesNotExist();
        assertThat(ref(one, "refs/heads/docs")).isEmpty();
        try (org.eclipse.jgit.lib.Repository generated = directories.open(one.id());
                org.eclipse.jgit.lib.Repository source = directories.open(template.id());
                RevWalk walk = new RevWalk(generated); RevWalk sourceWalk = new RevWalk(source)) {
            RevCommit root = walk.parseCommit(generated.resolve("refs/heads/main"));
            assertThat(root.getParentCount()).isZero();
            assertThat(root.getAuthorIdent().getName()).isEqualTo("bob");
            RevCommit original = sourceWalk.parseCommit(source.resolve("refs/heads/main"));
            assertThat(root.getTree().getId()).isEqualTo(original.getTree().getId());
            assertThat(root.getId()).isNotEqualTo(original.getId());
        }
        assertThat(git.run(root, "--git-dir", dir(one).toString(), "fsck", "--strict").exit()).isZero();

        Repository all = repositories.generate("alice", "starter", new NewFromTemplate("acme", "all", null, true,
                null), ALICE_ACTOR);
        assertThat(ref(all, "refs/heads/docs")).isNotEmpty();
        assertThat(git.run(root, "--git-dir", dir(all).toString(), "rev-list", "--count", "refs/heads/docs").ok()
                .out().strip()).isEqualTo("1");
        assertThat(error(() -> repositories.generate("alice", "starter", new NewFromTemplate("acme", "all", null,
                true, null), ALICE_ACTOR)).errors().get(0).code()).isEqualTo("already_exists");
    }

    // ---- transfer

    @Test
    void aTransferMovesTheRepositoryAndLeavesARedirect() throws Exception {
        Repository original = create("acme", "moving", Visibility.PUBLIC);
        Repository moved = repositories.transfer("acme", "moving", "bob", "moved", ALICE_ACTOR);
        assertThat(moved.id()).isEqualTo(original.id());
        assertThat(moved.fullName()).isEqualTo("bob/moved");
        assertThat(repositories.find("acme", "moving")).isEmpty();
        assertThat(repositories.resolve("acme", "moving")).map(Repository::fullName).contains("bob/moved");
        verify(outbox).publish(any(), eq(Topics.GIT_REPOSITORY_TRANSFERRED),
                argThat(p -> "acme/moving".equals(p.get("from")) && "bob/moved".equals(p.get("to"))));
        verify(audit).record(any(), argThat((AuditEvent e) -> "repo.transfer".equals(e.action())));
        verify(organizations).forgetRepository("acme", "moving");

        create("alice", "moved", Visibility.PUBLIC);
        assertThat(error(() -> repositories.transfer("bob", "moved", "alice", null, BOB_ACTOR)).errors().get(0).code())
                .isEqualTo("already_exists");
        assertThat(error(() -> repositories.transfer("bob", "moved", "bob", null, BOB_ACTOR)).status()).isEqualTo(422);
        assertThat(error(() -> repositories.transfer("bob", "moved", "nobody", null, BOB_ACTOR)).status())
                .isEqualTo(422);
    }

    // ---- pins

    @Test
    void pinsAreOrderedAtMostSixOwnedOrWritableAndShownOnlyToWhoMaySeeThem() {
        for (String name : List.of("a", "b", "c", "d", "e", "f", "g")) {
            create("alice", name, Visibility.PUBLIC);
        }
        create("alice", "hidden", Visibility.PRIVATE);
        create("bob", "bobs", Visibility.PUBLIC);
        create("acme", "team", Visibility.PUBLIC);
        when(organizations.repositoryRole("acme", "team", "alice")).thenReturn(Optional.of(Role.WRITE));

        assertThat(repositories.pin("alice", List.of("alice/c", "acme/team", "alice/hidden"), ALICE, ALICE_ACTOR))
                .extracting(Repository::fullName).containsExactly("alice/c", "acme/team", "alice/hidden");
        assertThat(repositories.pinned("alice", BOB)).extracting(Repository::fullName)
                .containsExactly("alice/c", "acme/team");
        assertThat(repositories.pinned("alice", Principal.ANONYMOUS)).hasSize(2);

        ApiException tooMany = error(() -> repositories.pin("alice", List.of("alice/a", "alice/b", "alice/c", "alice/d",
                "alice/e", "alice/f", "alice/g"), ALICE, ALICE_ACTOR));
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.errors().get(0).message()).contains("at most 6");
        assertThat(error(() -> repositories.pin("alice", List.of("bob/bobs"), ALICE, ALICE_ACTOR)).errors().get(0)
                .message()).contains("neither owned");
        assertThat(error(() -> repositories.pin("alice", List.of("alice/a", "alice/a"), ALICE, ALICE_ACTOR)).status())
                .isEqualTo(422);
        assertThat(error(() -> repositories.pin("bob", List.of("alice/hidden"), BOB, BOB_ACTOR)).errors().get(0)
                .message()).contains("no repository named");
        // A refusal changed nothing.
        assertThat(repositories.pinned("alice", ALICE)).hasSize(3);
        // An organisation pins what it owns.
        assertThat(repositories.pin("acme", List.of("acme/team"), ALICE, ALICE_ACTOR)).hasSize(1);
        assertThat(error(() -> repositories.pin("acme", List.of("alice/a"), ALICE, ALICE_ACTOR)).status()).isEqualTo(422);
        assertThat(repositories.pin("alice", List.of(), ALICE, ALICE_ACTOR)).isEmpty();
    }

    // ---- settings

    @Test
    void mergeSettingsAreKeptAndOneMethodMustStayAllowed() {
        create("alice", "settings", Visibility.PUBLIC);
        Repository updated = repositories.update("alice", "settings", new RepositoryUpdate(null, null, null, null, null,
                null, null, null, true, false, true, null), ALICE_ACTOR);
        assertThat(updated.merging().deleteBranchOnMerge()).isTrue();
        assertThat(updated.merging().allowMergeCommit()).isFalse();
        assertThat(repositories.find("alice", "settings").orElseThrow().merging()).isEqualTo(updated.merging());
        assertThat(error(() -> repositories.update("alice", "settings", new RepositoryUpdate(null, null, null, null,
                null, null, null, null, null, false, false, false), ALICE_ACTOR)).status()).isEqualTo(422);
        // An unrelated update keeps them.
        assertThat(repositories.update("alice", "settings", new RepositoryUpdate(null, "d", null, null, null, null,
                null, null), ALICE_ACTOR).merging()).isEqualTo(updated.merging());
    }
}
