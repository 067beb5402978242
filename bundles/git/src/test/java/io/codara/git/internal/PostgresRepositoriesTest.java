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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import io.codara.api.audit.Actor;
import io.codara.api.audit.AuditLog;
import io.codara.api.git.NewRepository;
import io.codara.api.git.Repository;
import io.codara.api.git.RepositoryUpdate;
import io.codara.api.event.Topics;
import io.codara.api.git.Visibility;
import io.codara.api.identity.Account;
import io.codara.api.identity.AccountType;
import io.codara.api.identity.Accounts;
import io.codara.api.identity.Organizations;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Principal;
import io.codara.api.security.Role;
import io.codara.api.storage.EventOutbox;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresRepositoriesTest {

    private static final Actor ALICE_ACTOR = new Actor("alice", "10.0.0.1");
    private static final Principal ALICE = new Principal("alice", false, null);
    private static final Principal BOB = new Principal("bob", false, null);

    @TempDir
    Path root;

    private final Accounts accounts = mock(Accounts.class);
    private final Organizations organizations = mock(Organizations.class);
    private final EventOutbox outbox = mock(EventOutbox.class);
    private final AuditLog audit = mock(AuditLog.class);
    private GitDirectories directories;
    private PostgresRepositories repositories;

    private static Account account(long id, String login, AccountType type) {
        Instant now = Instant.now();
        return new Account(id, login, type, null, null, null, null, null, null, false, null, null,
                type == AccountType.ORGANIZATION ? Role.READ : null, now, now);
    }

    @BeforeEach
    void wire() {
        when(accounts.find("alice")).thenReturn(Optional.of(account(1, "alice", AccountType.USER)));
        when(accounts.find("acme")).thenReturn(Optional.of(account(2, "acme", AccountType.ORGANIZATION)));
        directories = new GitDirectories(root.resolve("mnt/repos"));
        repositories = new PostgresRepositories(new GitSchema(), EmbeddedDatabase.create("git"), directories, accounts,
                organizations, new RepositoryRoles(accounts, organizations), outbox, audit);
    }

    private static ApiException error(Runnable action) {
        try {
            action.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected an ApiException");
    }

    private static NewRepository plain(String name) {
        return new NewRepository(name, null, null, null, false, null, null, null);
    }

    @Test
    void anInitialisedRepositoryHasItsFilesOnTheDefaultBranchAndAnEvent() throws Exception {
        Repository created = repositories.create("alice", new NewRepository("Widgets", "Tools", null,
                Visibility.PRIVATE, true, "java", "MIT", null), ALICE_ACTOR);
        assertThat(created.fullName()).isEqualTo("alice/Widgets");
        assertThat(created.defaultBranch()).isEqualTo("main");
        Path dir = directories.directory(created.id());
        assertThat(dir).startsWith(root.resolve("mnt/repos")).isDirectory();
        assertThat(dir.getFileName().toString()).isEqualTo(created.id() + ".git");
        try (org.eclipse.jgit.lib.Repository git = directories.open(created.id()); RevWalk walk = new RevWalk(git)) {
            assertThat(git.getFullBranch()).isEqualTo("refs/heads/main");
            ObjectId head = git.resolve(Constants.HEAD);
            RevCommit commit = walk.parseCommit(head);
            assertThat(commit.getAuthorIdent().getName()).isEqualTo("alice");
            TreeWalk tree = new TreeWalk(git);
            tree.addTree(commit.getTree());
            List<String> files = new java.util.ArrayList<>();
            while (tree.next()) {
                files.add(tree.getPathString());
            }
            assertThat(files).containsExactly(".gitignore", "LICENSE", "README.md");
            assertThat(git.getConfig().getBoolean("core", "fsyncObjectFiles", false)).isTrue();
        }
        verify(outbox).publish(any(), eq("codara/git/repository_created"), any(Map.class));
    }

    @Test
    void namesAreUniquePerOwnerWithoutRegardToCaseAndAFailedCreateLeavesNoDirectory() throws Exception {
        repositories.create("alice", plain("tool"), ALICE_ACTOR);
        ApiException duplicate = error(() -> repositories.create("alice", plain("TOOL"), ALICE_ACTOR));
        assertThat(duplicate.errors()).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo("already_exists"));
        assertThat(repositories.create("acme", plain("tool"), ALICE_ACTOR).fullName()).isEqualTo("acme/tool");
        try (var dirs = Files.walk(root.resolve("mnt/repos"), 2)) {
            assertThat(dirs.filter(p -> p.toString().endsWith(".git"))).hasSize(2);
        }
    }

    @Test
    void badNamesTemplatesAndBranchesAreRefused() {
        for (String bad : new String[] {"..", ".", "a..b", "has space", "x".repeat(101), "a/b", "repo.git", "ünïcode", ""}) {
            assertThat(error(() -> repositories.create("alice", plain(bad), ALICE_ACTOR)).status()).as(bad).isEqualTo(422);
        }
        assertThat(error(() -> repositories.create("alice", new NewRepository("x", null, null, null, true, "Cobol", null,
                null), ALICE_ACTOR)).errors().get(0).field()).isEqualTo("gitignore_template");
        assertThat(error(() -> repositories.create("alice", new NewRepository("x", null, null, null, true, null, "wtfpl",
                null), ALICE_ACTOR)).errors().get(0).field()).isEqualTo("license_template");
        assertThat(error(() -> repositories.create("alice", new NewRepository("x", null, null, null, false, null, null,
                "bad..branch"), ALICE_ACTOR)).errors().get(0).field()).isEqualTo("default_branch");
        assertThat(error(() -> repositories.create("nobody", plain("x"), ALICE_ACTOR)).status()).isEqualTo(404);
    }

    @Test
    void aRenameLeavesARedirectUntilTheNameIsTakenAgain() {
        Repository original = repositories.create("alice", plain("old-name"), ALICE_ACTOR);
        Repository renamed = repositories.update("alice", "old-name",
                new RepositoryUpdate("new-name", "desc", null, List.of("Java", "tools"), null, null, true, null), ALICE_ACTOR);
        assertThat(renamed.id()).isEqualTo(original.id());
        assertThat(renamed.topics()).containsExactly("java", "tools");
        assertThat(renamed.archived()).isTrue();
        assertThat(repositories.find("alice", "old-name")).isEmpty();
        assertThat(repositories.resolve("alice", "OLD-NAME")).map(Repository::fullName).contains("alice/new-name");
        Repository taken = repositories.create("alice", plain("old-name"), ALICE_ACTOR);
        assertThat(repositories.resolve("alice", "old-name")).map(Repository::id).contains(taken.id());
        assertThat(error(() -> repositories.update("alice", "new-name",
                new RepositoryUpdate(null, null, null, List.of("Not A Topic"), null, null, null, null), ALICE_ACTOR))
                .errors().get(0).field()).isEqualTo("topics");
        assertThat(error(() -> repositories.update("alice", "new-name",
                new RepositoryUpdate("old-name", null, null, null, null, null, null, null), ALICE_ACTOR)).status())
                .isEqualTo(422);
    }

    @Test
    void theDefaultBranchMustExistOnceThereAreBranches() throws Exception {
        repositories.create("alice", new NewRepository("init", null, null, null, true, null, null, null), ALICE_ACTOR);
        assertThat(error(() -> repositories.update("alice", "init",
                new RepositoryUpdate(null, null, null, null, null, "develop", null, null), ALICE_ACTOR)).status())
                .isEqualTo(422);
        repositories.create("alice", plain("empty"), ALICE_ACTOR);
        assertThat(repositories.update("alice", "empty",
                new RepositoryUpdate(null, null, null, null, null, "trunk", null, null), ALICE_ACTOR).defaultBranch())
                .isEqualTo("trunk");
        verify(outbox).publish(any(), eq(Topics.GIT_DEFAULT_BRANCH_CHANGED), argThat(p -> "main".equals(p.get("from"))
                && "trunk".equals(p.get("to")) && p.get("repository_id") != null));
        repositories.update("alice", "empty", new RepositoryUpdate(null, "same branch", null, null, null, "trunk", null,
                null), ALICE_ACTOR);
        verify(outbox).publish(any(), eq(Topics.GIT_DEFAULT_BRANCH_CHANGED), any(Map.class)); // still only once
    }

    @Test
    void deletingRemovesTheRowTheDirectoryAndTeamGrants() {
        Repository repository = repositories.create("acme", plain("gone"), ALICE_ACTOR);
        Path dir = directories.directory(repository.id());
        assertThat(repositories.delete("acme", "gone", ALICE_ACTOR)).isTrue();
        assertThat(dir).doesNotExist();
        assertThat(repositories.find("acme", "gone")).isEmpty();
        assertThat(repositories.delete("acme", "gone", ALICE_ACTOR)).isFalse();
        verify(organizations).forgetRepository("acme", "gone");
    }

    @Test
    void listsShowOnlyWhatTheViewerMaySee() {
        repositories.create("acme", new NewRepository("open", null, null, Visibility.PUBLIC, false, null, null, null), ALICE_ACTOR);
        repositories.create("acme", new NewRepository("inner", null, null, Visibility.INTERNAL, false, null, null, null), ALICE_ACTOR);
        repositories.create("acme", new NewRepository("secret", null, null, Visibility.PRIVATE, false, null, null, null), ALICE_ACTOR);
        when(organizations.repositoryRole(eq("acme"), anyString(), eq("alice"))).thenReturn(Optional.of(Role.READ));
        when(organizations.repositoryRole(eq("acme"), anyString(), eq("bob"))).thenReturn(Optional.empty());
        assertThat(repositories.list("acme", Principal.ANONYMOUS, PageRequest.of(1, 10)).items())
                .extracting(Repository::name).containsExactly("open");
        assertThat(repositories.list("acme", BOB, PageRequest.of(1, 10)).items())
                .extracting(Repository::name).containsExactly("inner", "open");
        // A token without repo:read lists what anonymous callers see, whoever holds it.
        assertThat(repositories.list("acme", new Principal("alice", false, java.util.Set.of("admin:org")),
                PageRequest.of(1, 10)).items()).extracting(Repository::name).containsExactly("open");
        assertThat(repositories.list("acme", new Principal("alice", false, java.util.Set.of("repo:read")),
                PageRequest.of(1, 10)).total()).isEqualTo(3);
        var page = repositories.list("acme", ALICE, PageRequest.of(2, 2));
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.items()).extracting(Repository::name).containsExactly("secret");

        // The caller's own and its organisations' it has a role on (GET /user/repos).
        repositories.create("alice", new NewRepository("mine", null, null, Visibility.PRIVATE, false, null, null, null), ALICE_ACTOR);
        when(organizations.organizationsOf("alice")).thenReturn(List.of(account(2, "acme", AccountType.ORGANIZATION)));
        assertThat(repositories.accessible(ALICE, PageRequest.of(1, 100)).items()).extracting(Repository::fullName)
                .contains("acme/inner", "acme/open", "acme/secret", "alice/mine").isSortedAccordingTo(
                        java.util.Comparator.comparing((String n) -> n.toLowerCase(java.util.Locale.ROOT)));
        assertThat(repositories.accessible(new Principal("alice", false, java.util.Set.of("admin:org")),
                PageRequest.of(1, 100)).items()).extracting(Repository::fullName)
                .contains("acme/open").doesNotContain("acme/inner", "acme/secret", "alice/mine");
        assertThat(repositories.accessible(BOB, PageRequest.of(1, 100)).items()).as("in no organisation, owns nothing")
                .isEmpty();
        assertThat(repositories.accessible(Principal.ANONYMOUS, PageRequest.of(1, 100)).total()).isZero();

        // Everything visible, by id (GET /repositories): the same rules across owners.
        long open = repositories.find("acme", "open").orElseThrow().id();
        assertThat(repositories.visible(Principal.ANONYMOUS, open - 1, 100)).extracting(Repository::fullName)
                .contains("acme/open").doesNotContain("acme/inner", "acme/secret");
        assertThat(repositories.visible(BOB, open - 1, 100)).extracting(Repository::fullName)
                .contains("acme/open", "acme/inner").doesNotContain("acme/secret");
        assertThat(repositories.visible(new Principal("alice", false, java.util.Set.of("admin:org")), open - 1, 100))
                .extracting(Repository::fullName).doesNotContain("acme/inner", "acme/secret");
        assertThat(repositories.visible(ALICE, open - 1, 100)).extracting(Repository::fullName)
                .containsSubsequence("acme/open", "acme/inner", "acme/secret");
        assertThat(repositories.visible(ALICE, open, 1)).extracting(Repository::fullName).containsExactly("acme/inner");
        assertThat(repositories.visible(ALICE, open - 1, 2)).hasSize(2)
                .allSatisfy(r -> assertThat(r.id()).isGreaterThan(open - 1));
    }
}
