package io.codara.ci.internal;

import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.audit.AuditLog;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.git.RepositoryDirectories;
import io.codara.api.git.Visibility;
import io.codara.api.identity.Account;
import io.codara.api.identity.AccountType;
import io.codara.api.identity.Accounts;
import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.Role;
import io.codara.api.storage.EventOutbox;
import io.codara.testing.EmbeddedDatabase;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The CI bundle's services and resources on a real PostgreSQL and a real git repository; accounts and
 * repositories are mocked records, and the permission service follows GitHub's repository roles: a private
 * repository is invisible (404) to whoever has no role on it, reading needs nothing on a public one, writing
 * needs {@code write}, secrets need {@code admin}; organisation settings need an owner.
 */
final class CiFixture {

    static final Principal ALICE = new Principal("alice", false, null);  // owns alice/tools and alice/hidden
    static final Principal BOB = new Principal("bob", false, null);      // no role anywhere; member of acme
    static final Principal CAROL = new Principal("carol", false, null);  // read on alice/tools and alice/hidden
    static final Principal DAVE = new Principal("dave", false, null);    // write on alice/tools; owner of acme

    final EmbeddedDatabase database = EmbeddedDatabase.create("ci");
    final Repositories repositories = mock(Repositories.class);
    final Accounts accounts = mock(Accounts.class);
    final EventOutbox outbox = mock(EventOutbox.class);
    final AuditLog audit = mock(AuditLog.class);
    final Repository tools;
    final Repository hidden;
    final Repository widgets;
    final Account acme;
    final Path gitDir;
    /** Git directories of repositories other than the shared one (a fork), by id. */
    final Map<Long, Path> otherGitDirs = new java.util.concurrent.ConcurrentHashMap<>();
    final String first;
    final String second;
    final String tagged;
    final SecretCipher cipher;
    final Permissions permissions;
    final PostgresCommitStatuses statuses;
    final PostgresCiSecrets secrets;
    final CiAccess access;

    CiFixture(Path root) throws Exception {
        Instant now = Instant.now();
        tools = repository(7, "alice", "tools", Visibility.PUBLIC, now);
        hidden = repository(8, "alice", "hidden", Visibility.PRIVATE, now);
        widgets = repository(9, "acme", "widgets", Visibility.PRIVATE, now);
        acme = account(20, "acme", AccountType.ORGANIZATION, now);
        when(accounts.find(anyString())).thenReturn(Optional.empty());
        when(accounts.find(anyLong())).thenReturn(Optional.empty());
        long id = 1;
        for (String login : List.of("alice", "bob", "carol", "dave")) {
            Account account = account(id++, login, AccountType.USER, now);
            when(accounts.find(login)).thenReturn(Optional.of(account));
            when(accounts.find(account.id())).thenReturn(Optional.of(account));
        }
        when(accounts.find("acme")).thenReturn(Optional.of(acme));
        when(accounts.find(acme.id())).thenReturn(Optional.of(acme));
        when(repositories.find(anyLong())).thenReturn(Optional.empty());
        when(repositories.resolve(anyString(), anyString())).thenReturn(Optional.empty());
        for (Repository r : List.of(tools, hidden, widgets)) {
            when(repositories.find(r.id())).thenReturn(Optional.of(r));
            when(repositories.resolve(r.owner(), r.name())).thenReturn(Optional.of(r));
        }

        // One real repository behind all three: main has two commits, feature/x the first, annotated tag v1 the first.
        Path work = Files.createDirectories(root.resolve("work"));
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            Files.writeString(work.resolve("README.md"), "one\n");
            git.add().addFilepattern(".").call();
            RevCommit one = git.commit().setMessage("one").setAuthor("Alice", "alice@example.com")
                    .setCommitter("Alice", "alice@example.com").setSign(false).call();
            git.tag().setName("v1").setMessage("release").setAnnotated(true).setSigned(false).setObjectId(one).call();
            git.branchCreate().setName("feature/x").setStartPoint(one).call();
            Files.writeString(work.resolve("README.md"), "two\n");
            git.add().addFilepattern(".").call();
            RevCommit two = git.commit().setMessage("two").setAuthor("Alice", "alice@example.com")
                    .setCommitter("Alice", "alice@example.com").setSign(false).call();
            first = one.name();
            second = two.name();
            tagged = one.name();
        }
        gitDir = work.resolve(".git");
        RepositoryDirectories directories = repositoryId -> otherGitDirs.getOrDefault(repositoryId, gitDir);

        Map<String, Map<String, Role>> roles = Map.of(
                "alice", Map.of("alice/tools", Role.ADMIN, "alice/hidden", Role.ADMIN),
                "carol", Map.of("alice/tools", Role.READ, "alice/hidden", Role.READ),
                "dave", Map.of("alice/tools", Role.WRITE));
        Set<String> acmeMembers = Set.of("bob", "dave");
        permissions = (principal, action, resource) -> {
            if (resource.type().equals("organization")) {
                if (!resource.id().equals("acme")) {
                    return Decision.NOT_FOUND;
                }
                if (action.equals("read")) {
                    return Decision.ALLOW;
                }
                boolean allowed = action.equals("member") ? acmeMembers.contains(principal.login())
                        : "dave".equals(principal.login());
                return allowed ? Decision.ALLOW : Decision.FORBIDDEN;
            }
            Repository repository = List.of(tools, hidden, widgets).stream()
                    .filter(r -> r.fullName().equals(resource.id())).findFirst().orElse(null);
            if (repository == null) {
                return Decision.NOT_FOUND;
            }
            Role role = principal.anonymous() ? null
                    : roles.getOrDefault(principal.login(), Map.of()).get(repository.fullName());
            if (repository.visibility() != Visibility.PUBLIC && role == null) {
                return Decision.NOT_FOUND;
            }
            Role needed = switch (action) {
                case "read" -> null;
                case "write" -> Role.WRITE;
                default -> Role.ADMIN;
            };
            return needed == null || role != null && role.includes(needed) ? Decision.ALLOW : Decision.FORBIDDEN;
        };
        cipher = new SecretCipher(root.resolve("codara/ci/secrets.key"));
        statuses = new PostgresCommitStatuses(new CiSchema(), database, outbox, repositories, directories, accounts);
        secrets = new PostgresCiSecrets(new CiSchema(), database, cipher, repositories, accounts, audit);
        access = new CiAccess(repositories, accounts, permissions);
    }

    private static Repository repository(long id, String owner, String name, Visibility visibility, Instant now) {
        return new Repository(id, owner, name, null, null, List.of(), visibility, "main", false, false, null, now, now,
                null);
    }

    private static Account account(long id, String login, AccountType type, Instant now) {
        return new Account(id, login, type, null, null, null, null, null, null, false, null, null, null, now, now);
    }

    static HttpServletRequest request(Principal principal) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getAttribute(Principal.REQUEST_ATTRIBUTE)).thenReturn(principal);
        when(request.getRemoteAddr()).thenReturn("10.0.0.1");
        return request;
    }

    /** The request URL {@code http://codara.test/api/v3/<path>} (path relative to the API base, query allowed). */
    static UriInfo uri(String path) {
        URI base = URI.create("http://codara.test/api/v3/");
        URI full = base.resolve(path);
        UriInfo uri = mock(UriInfo.class);
        when(uri.getBaseUri()).thenReturn(base);
        when(uri.getRequestUri()).thenReturn(full);
        when(uri.getRequestUriBuilder()).thenAnswer(i -> UriBuilder.fromUri(full));
        when(uri.getAbsolutePathBuilder()).thenAnswer(i -> UriBuilder.fromUri(full).replaceQuery(null));
        return uri;
    }
}
