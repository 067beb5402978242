package io.codara.git.internal;

import io.codara.auth.internal.AccountSignatureVerifier;
import io.codara.auth.internal.PostgresGpgKeys;
import io.codara.auth.internal.PostgresSshKeys;
import io.codara.auth.internal.SignatureVerifierConfig;
import io.codara.testing.EmbeddedDatabase;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

import io.codara.api.audit.Actor;
import io.codara.api.audit.AuditLog;
import io.codara.api.git.NewRepository;
import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
import io.codara.api.identity.Account;
import io.codara.api.identity.AccountType;
import io.codara.api.identity.Accounts;
import io.codara.api.identity.Organizations;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.storage.EventOutbox;

/**
 * Real repositories for the browsing tests: rows in a real PostgreSQL, bare directories on disk, and a history made
 * with JGit's porcelain in a clone and pushed, as a client would. {@code alice/tools} holds:
 *
 * <pre>
 * c1 2024-01-01 Alice  README.md, src/main.c, docs/guide.md, docs/readme.txt, bin/run (executable), link (symlink)
 * c2 2024-02-01 Bob    src/main.c changed, logo.png added (binary)                 tags v1.0 (c1, light), v2.0 (c2, annotated)
 * c3 2024-03-01 Alice  docs/guide.md renamed to docs/manual.md, bin/run removed    main
 * c4 2024-02-15 Carol  feature.txt added on c2                                      feature/deep/x
 * </pre>
 *
 * {@code alice/empty} has no commit; {@code alice/secret} is private.
 */
final class BrowsingFixture {

    static final Instant T1 = Instant.parse("2024-01-01T10:00:00Z");
    static final Instant T2 = Instant.parse("2024-02-01T10:00:00Z");
    static final Instant T3 = Instant.parse("2024-03-01T10:00:00Z");
    static final Instant T4 = Instant.parse("2024-02-15T10:00:00Z");
    static final String GUIDE = "# Guide\n\n" + "Line of the guide.\n".repeat(20);
    static final byte[] LOGO = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 1, 2};
    static final Principal ALICE = new Principal("alice", false, null);
    static final Principal BOB = new Principal("bob", false, null);

    final GitDirectories directories;
    final EmbeddedDatabase database = EmbeddedDatabase.create("git");
    final PostgresRepositories repositories;
    final Accounts accounts = mock(Accounts.class);
    final Permissions permissions;
    final RepositoryAccess access;
    final RepositoryBrowser browser;
    final Organizations organizations = mock(Organizations.class);
    final AuditLog audit = mock(AuditLog.class);
    final PostgresBranchProtections protections;
    final EmbeddedDatabase authDatabase = EmbeddedDatabase.create("auth");
    final PostgresGpgKeys gpgKeys = new PostgresGpgKeys(null, authDatabase, audit);
    final PostgresSshKeys sshKeys = new PostgresSshKeys(authDatabase, audit);
    final CommitSignatures signatures;
    final Repository tools;
    final Repository empty;
    final Repository secret;
    final String c1;
    final String c2;
    final String c3;
    final String c4;

    BrowsingFixture(Path root, RepositoryBrowser.Limits limits) throws Exception {
        Instant now = Instant.now();
        when(accounts.find(anyString())).thenReturn(Optional.empty());
        when(accounts.find("alice")).thenReturn(Optional.of(new Account(1, "alice", AccountType.USER, "Alice",
                "alice@example.com", null, null, null, null, false, null, null, null, now, now)));
        when(accounts.find("bob")).thenReturn(Optional.of(new Account(3, "bob", AccountType.USER, "Bob",
                "bob@work.example", null, null, null, null, false, null, null, null, now, now)));
        RepositoryRoles roles = new RepositoryRoles(accounts, organizations);
        directories = new GitDirectories(root.resolve("mnt/repos"));
        repositories = new PostgresRepositories(new GitSchema(), database, directories, accounts,
                organizations, roles, mock(EventOutbox.class), audit);
        protections = new PostgresBranchProtections(new GitSchema(), database, accounts, organizations,
                mock(EventOutbox.class), audit);
        RepositoryAuthority authority = new RepositoryAuthority(repositories, roles);
        permissions = (principal, action, resource) -> authority.decide(principal, action, resource.id());
        access = new RepositoryAccess(repositories, permissions);
        browser = new RepositoryBrowser(directories, limits);
        signatures = new CommitSignatures(new AccountSignatureVerifier(gpgKeys, sshKeys, accounts, authDatabase,
                mock(SignatureVerifierConfig.class)));

        Actor alice = new Actor("alice", "10.0.0.1");
        tools = repositories.create("alice", new NewRepository("tools", null, null, null, false, null, null, null), alice);
        empty = repositories.create("alice", new NewRepository("empty", null, null, null, false, null, null, null), alice);
        secret = repositories.create("alice", new NewRepository("secret", null, null, Visibility.PRIVATE, true, null,
                null, null), alice);

        Path work = root.resolve("work");
        try (Git git = Git.cloneRepository().setURI(directories.directory(tools.id()).toUri().toString())
                .setDirectory(work.toFile()).call()) {
            // The clone of an empty repository does not know the remote's HEAD: commit on main, as the server has it.
            git.getRepository().updateRef(Constants.HEAD).link(Constants.R_HEADS + "main");
            write(work, "README.md", "# Tools\n\nSmall tools.\n");
            write(work, "src/main.c", "int main(void) {\n    return 0;\n}\n");
            write(work, "docs/guide.md", GUIDE);
            write(work, "docs/readme.txt", "About the docs.\n");
            write(work, "bin/run", "#!/bin/sh\necho run\n");
            work.resolve("bin/run").toFile().setExecutable(true);
            Files.createSymbolicLink(work.resolve("link"), Path.of("src/main.c"));
            git.add().addFilepattern(".").call();
            c1 = commit(git, "First tools\n\nWith a body.", "Alice", "alice@example.com", T1);

            write(work, "src/main.c", "#include <stdio.h>\n\nint main(void) {\n    puts(\"hi\");\n    return 0;\n}\n");
            Files.write(work.resolve("logo.png"), LOGO);
            git.add().addFilepattern(".").call();
            c2 = commit(git, "Say hi, add a logo", "Bob", "bob@work.example", T2);

            git.branchCreate().setName("feature/deep/x").call();
            git.tag().setName("v1.0").setObjectId(git.getRepository().parseCommit(
                    git.getRepository().resolve(c1))).setAnnotated(false).call();
            git.tag().setName("v2.0").setMessage("Release 2.0").setTagger(person("Bob", "bob@work.example", T2)).call();

            write(work, "docs/manual.md", GUIDE); // JGit has no mv: a copy and a removal, detected as a rename
            git.rm().addFilepattern("docs/guide.md").addFilepattern("bin/run").call();
            git.add().addFilepattern("docs/manual.md").call();
            c3 = commit(git, "Rename the guide, drop run", "Alice", "alice@example.com", T3);

            git.checkout().setName("feature/deep/x").call();
            write(work, "feature.txt", "A feature.\n");
            git.add().addFilepattern("feature.txt").call();
            c4 = commit(git, "Add a feature", "Carol", "carol@elsewhere.example", T4);

            git.push().setPushAll().setPushTags().call();
        }
    }

    private static void write(Path work, String path, String text) throws IOException {
        Path file = work.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static PersonIdent person(String name, String email, Instant when) {
        return new PersonIdent(name, email, when, ZoneOffset.UTC);
    }

    private static String commit(Git git, String message, String name, String email, Instant when) throws Exception {
        PersonIdent who = person(name, email, when);
        RevCommit commit = git.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
        return commit.name();
    }

    /** The git capability's server-side branch moves over this fixture's database, directories and rules. */
    io.codara.api.git.BranchUpdates branchUpdates() {
        return new ServerBranchUpdates(database, mock(EventOutbox.class), directories, repositories,
                new PushProtection(protections, permissions, organizations, signatures));
    }

    /** A request by {@code principal} with the given Accept headers (as the client sent them). */
    static HttpServletRequest request(Principal principal, String... accept) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getAttribute(Principal.REQUEST_ATTRIBUTE)).thenReturn(principal);
        when(request.getHeaders("Accept")).thenReturn(Collections.enumeration(List.of(accept)));
        return request;
    }

    /** The request URL {@code http://codara.test/api/v3/<path>} (path relative to the API base, query allowed). */
    static UriInfo uri(String path) {
        URI base = URI.create("http://codara.test/api/v3/");
        URI full = base.resolve(path);
        UriInfo uri = mock(UriInfo.class);
        when(uri.getBaseUri()).thenReturn(base);
        when(uri.getRequestUri()).thenReturn(full);
        when(uri.getPath(false)).thenReturn(full.getRawPath().substring(base.getRawPath().length()));
        return uri;
    }
}
