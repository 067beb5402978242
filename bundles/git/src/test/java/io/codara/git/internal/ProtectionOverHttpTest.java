package io.codara.git.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.codara.api.audit.Actor;
import io.codara.api.audit.AuditLog;
import io.codara.api.auth.SshKey;
import io.codara.api.auth.SshKeys;
import io.codara.api.git.NewRepository;
import io.codara.api.git.ProtectionRule;
import io.codara.api.git.Repository;
import io.codara.api.identity.Account;
import io.codara.api.identity.AccountType;
import io.codara.api.identity.Accounts;
import io.codara.api.identity.Email;
import io.codara.api.identity.Organizations;
import io.codara.api.identity.TeamMembership;
import io.codara.api.identity.TeamRole;
import io.codara.api.security.Permissions;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Principal;
import io.codara.api.security.Role;
import io.codara.api.storage.EventOutbox;
import io.codara.auth.internal.AccountSignatureVerifier;
import io.codara.auth.internal.PostgresGpgKeys;
import io.codara.auth.internal.SignatureVerifierConfig;
import io.codara.testing.EmbeddedDatabase;

/**
 * Branch and tag protection enforced at receive, end to end without Karaf: {@link GitHttpServlet} in an embedded
 * Jetty on a real PostgreSQL, the real repository permission rules, driven by the real git CLI. Repositories belong
 * to the organisation {@code acme}: {@code boss} is an admin, {@code maint} a maintainer, {@code carol},
 * {@code dave} (team {@code core}) and {@code erin} may write. Every refusal is checked for its {@code remote:}
 * message and for the ref it leaves untouched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtectionOverHttpTest {

    private static final String ZERO = ObjectId.zeroId().name();

    private Path temp;
    private GitDirectories directories;
    private PostgresRepositories repositories;
    private PostgresBranchProtections protections;
    private EmbeddedDatabase database;
    private PushProtection protection;
    private final Accounts accounts = mock(Accounts.class);
    private final Organizations organizations = mock(Organizations.class);
    private final SshKeys keys = mock(SshKeys.class);
    private PostgresGpgKeys gpgKeys;
    private CommitSignatures signatures;
    private Server server;
    private String base;
    private GitCli git;
    private GitBranchCommits branchCommits;
    private final EventOutbox commitOutbox = mock(EventOutbox.class);
    private final Actor boss = new Actor("boss", "10.0.0.1");

    @BeforeAll
    void start(@TempDir Path temp) throws Exception {
        this.temp = temp;
        Instant now = Instant.now();
        when(accounts.find(anyString())).thenReturn(Optional.empty());
        for (String login : List.of("boss", "maint", "carol", "dave", "erin")) {
            when(accounts.find(login)).thenReturn(Optional.of(new Account(login.hashCode(), login, AccountType.USER, login,
                    login + "@example.com", null, null, null, null, false, null, null, null, now, now)));
        }
        when(accounts.find("acme")).thenReturn(Optional.of(new Account(99, "acme", AccountType.ORGANIZATION, "Acme",
                null, null, null, null, null, false, null, null, null, now, now)));
        when(accounts.emails("carol")).thenReturn(List.of(new Email("test@example.com", true, false, null)));
        when(organizations.repositoryRole(anyString(), anyString(), anyString())).thenReturn(Optional.empty());
        when(organizations.repositoryRole(anyString(), anyString(), any())).thenAnswer(call -> Optional.ofNullable(
                Map.of("boss", Role.ADMIN, "maint", Role.MAINTAIN, "carol", Role.WRITE, "dave", Role.WRITE, "erin", Role.WRITE)
                        .get(call.<String>getArgument(2))));
        when(organizations.teamMembership(anyString(), anyString(), anyString())).thenReturn(Optional.empty());
        when(organizations.teamMembership("acme", "core", "dave"))
                .thenReturn(Optional.of(new TeamMembership("core", "dave", TeamRole.MEMBER)));
        when(organizations.team(anyString(), anyString())).thenReturn(Optional.empty());
        when(organizations.team("acme", "core")).thenReturn(Optional.of(new io.codara.api.identity.Team(5, "acme", "Core",
                "core", null, false, 1, now, now)));
        when(keys.findByFingerprint(anyString())).thenReturn(Optional.empty());

        database = EmbeddedDatabase.create("git");
        directories = new GitDirectories(temp.resolve("repos"));
        RepositoryRoles roles = new RepositoryRoles(accounts, organizations);
        repositories = new PostgresRepositories(new GitSchema(), database, directories, accounts, organizations, roles,
                mock(EventOutbox.class), mock(AuditLog.class));
        RepositoryAuthority authority = new RepositoryAuthority(repositories, roles);
        Permissions permissions = (principal, action, resource) -> authority.decide(principal, action, resource.id());
        protections = new PostgresBranchProtections(new GitSchema(), database, accounts, organizations,
                mock(EventOutbox.class), mock(AuditLog.class));
        when(accounts.findByEmail(anyString(), org.mockito.ArgumentMatchers.anyBoolean())).thenReturn(Optional.empty());
        Optional<Account> carolAccount = accounts.find("carol");
        when(accounts.findByEmail("test@example.com", false)).thenReturn(carolAccount);
        EmbeddedDatabase authDatabase = EmbeddedDatabase.create("auth");
        authDatabase.execute("INSERT INTO auth.accounts (login, type) VALUES ('carol', 'User')");
        gpgKeys = new PostgresGpgKeys(null, authDatabase, mock(AuditLog.class));
        signatures = new CommitSignatures(new AccountSignatureVerifier(gpgKeys, keys, accounts, database,
                mock(SignatureVerifierConfig.class)));
        protection = new PushProtection(protections, permissions, organizations, signatures);
        branchCommits = new GitBranchCommits(repositories, directories, database, commitOutbox, protection);
        GitHttpServlet servlet = new GitHttpServlet(repositories, permissions, directories, database,
                mock(EventOutbox.class), new PushLimits(64L << 20, 32L << 20),
                new LfsServer(repositories, permissions, database, new LfsObjectStore(temp.resolve("lfs")), 1L << 20),
                protection, new CloneTraffic(new GitSchema(), database));

        Files.createDirectories(temp.resolve("home"));
        git = new GitCli(temp.resolve("home"));
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(new FilterHolder(authentication()), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(servlet), "/");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterAll
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void forcePushesAndDeletionsAreRefusedNamingTheRuleAndAdminsBypassUnlessEnforced() throws Exception {
        Repository repo = repository("force");
        String seeded = seed(repo);
        protections.put(repo, "main", ProtectionRule.DEFAULT, boss);

        Path carol = clone(repo, "carol");
        String forward = commit(carol, "a.txt", "fast forward\n");
        git.run(carol, "push", "origin", "main").ok();
        assertThat(serverRef(repo, "main")).isEqualTo(forward);

        git.run(carol, "reset", "-q", "--hard", seeded).ok();
        commit(carol, "b.txt", "rewritten\n");
        GitCli.Result force = git.run(carol, "push", "--force", "origin", "main");
        assertThat(force.exit()).isNotZero();
        assertThat(force.err())
                .contains("remote: refs/heads/main is protected: force pushes are not allowed (rule \"main\")")
                .contains("[remote rejected] main -> main (protected branch: force push not allowed)");
        assertThat(serverRef(repo, "main")).isEqualTo(forward);

        GitCli.Result delete = git.run(carol, "push", "origin", ":main");
        assertThat(delete.exit()).isNotZero();
        assertThat(delete.err()).contains("remote: refs/heads/main is protected: deletions are not allowed (rule \"main\")");
        assertThat(serverRef(repo, "main")).isEqualTo(forward);

        // An administrator bypasses the rule while it does not enforce admins.
        Path admin = clone(repo, "boss");
        git.run(admin, "reset", "-q", "--hard", seeded).ok();
        String rewritten = commit(admin, "c.txt", "admin rewrite\n");
        git.run(admin, "push", "--force", "origin", "main").ok();
        assertThat(serverRef(repo, "main")).isEqualTo(rewritten);

        protections.put(repo, "main", new ProtectionRule(null, true, null, null, false, false, false, false), boss);
        git.run(admin, "reset", "-q", "--hard", seeded).ok();
        commit(admin, "d.txt", "admin rewrite refused\n");
        GitCli.Result enforced = git.run(admin, "push", "--force", "origin", "main");
        assertThat(enforced.err()).contains("remote: refs/heads/main is protected: force pushes are not allowed (rule \"main\")");
        assertThat(serverRef(repo, "main")).isEqualTo(rewritten);

        // With both allowed, the same rule lets them through.
        protections.put(repo, "main", new ProtectionRule(null, true, null, null, false, true, true, false), boss);
        git.run(admin, "push", "--force", "origin", "main").ok();
        git.run(admin, "push", "origin", ":main").ok();
        assertThat(serverRef(repo, "main")).isNull();
    }

    @Test
    void patternsProtectEveryMatchingBranchAndNothingElse() throws Exception {
        Repository repo = repository("patterns");
        seed(repo);
        protections.put(repo, "release/*", ProtectionRule.DEFAULT, boss);
        Path carol = clone(repo, "carol");
        git.run(carol, "push", "origin", "main:release/1.0", "main:feature/x", "main:release/2.0/deep").ok();

        GitCli.Result delete = git.run(carol, "push", "origin", ":release/1.0", ":feature/x", ":release/2.0/deep");
        assertThat(delete.exit()).isNotZero();
        assertThat(delete.err())
                .contains("remote: refs/heads/release/1.0 is protected: deletions are not allowed (rule \"release/*\")")
                .contains("[remote rejected] release/1.0 (protected branch: deletion not allowed)")
                .contains("[deleted]");
        assertThat(serverRef(repo, "release/1.0")).isNotNull();
        assertThat(serverRef(repo, "feature/x")).as("a non-atomic push applies what is allowed").isNull();
        assertThat(serverRef(repo, "release/2.0/deep")).as("* does not cross /").isNull();
    }

    @Test
    void anAtomicPushWithOneRefusedCommandChangesNothing() throws Exception {
        Repository repo = repository("atomic");
        String seeded = seed(repo);
        protections.put(repo, "main", ProtectionRule.DEFAULT, boss);
        Path carol = clone(repo, "carol");
        git.run(carol, "checkout", "-q", "-b", "topic").ok();
        commit(carol, "topic.txt", "topic\n");
        GitCli.Result atomic = git.run(carol, "push", "--atomic", "origin", "topic", ":main");
        assertThat(atomic.exit()).isNotZero();
        assertThat(atomic.err()).contains("remote: refs/heads/main is protected: deletions are not allowed (rule \"main\")");
        assertThat(serverRef(repo, "topic")).isNull();
        assertThat(serverRef(repo, "main")).isEqualTo(seeded);
        git.run(carol, "push", "--atomic", "origin", "topic").ok();
        assertThat(serverRef(repo, "topic")).isEqualTo(head(carol));
    }

    @Test
    void serverSideCommitsGoThroughTheProtectionRulesAndPublishThePush() throws Exception {
        Repository repo = repository("server-commits");
        String seeded = seed(repo);
        protections.put(repo, "main", new ProtectionRule(null, false, null,
                new ProtectionRule.Restrictions(List.of("carol"), List.of()), false, false, false, false), boss);
        Principal erin = new Principal("erin", false, null);
        Principal carol = new Principal("carol", false, null);

        ApiException refused = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class, () ->
                branchCommits.commitFiles(repo.id(), "main", seeded, Map.of("README.md", "by erin\n"), "Erin", erin));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.getMessage()).contains("you are not allowed to push to this branch");
        assertThat(serverRef(repo, "main")).isEqualTo(seeded);

        String sha = branchCommits.commitFiles(repo.id(), "main", seeded, Map.of("README.md", "by carol\n"),
                "Apply suggestion", carol);
        assertThat(serverRef(repo, "main")).isEqualTo(sha);
        try (org.eclipse.jgit.lib.Repository db = directories.open(repo.id());
                org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(db)) {
            var commit = walk.parseCommit(ObjectId.fromString(sha));
            assertThat(commit.getParent(0).name()).isEqualTo(seeded);
            assertThat(commit.getFullMessage()).isEqualTo("Apply suggestion\n");
            assertThat(commit.getAuthorIdent().getName()).isEqualTo("carol");
            try (var tree = org.eclipse.jgit.treewalk.TreeWalk.forPath(db, "README.md", commit.getTree())) {
                assertThat(new String(db.open(tree.getObjectId(0)).getBytes(), java.nio.charset.StandardCharsets.UTF_8))
                        .isEqualTo("by carol\n");
            }
        }
        org.mockito.Mockito.verify(commitOutbox).publish(any(java.sql.Connection.class),
                org.mockito.ArgumentMatchers.eq(io.codara.api.event.Topics.GIT_PUSH),
                org.mockito.ArgumentMatchers.argThat(m -> m.get("pusher").equals("carol")
                        && m.get("ref_updates").toString().contains(sha)));

        // From a commit that is no longer the branch's: a conflict, nothing moves; a path that is no file: 422.
        ApiException moved = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class, () ->
                branchCommits.commitFiles(repo.id(), "main", seeded, Map.of("README.md", "late\n"), "Late", carol));
        assertThat(moved.status()).isEqualTo(409);
        ApiException missing = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class, () ->
                branchCommits.commitFiles(repo.id(), "main", sha, Map.of("nope.txt", "x\n"), "Nope", carol));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(serverRef(repo, "main")).isEqualTo(sha);
    }

    @Test
    void restrictedBranchesTakePushesFromListedUsersAndTeamsOnly() throws Exception {
        Repository repo = repository("restricted");
        seed(repo);
        protections.put(repo, "main", new ProtectionRule(null, false, null,
                new ProtectionRule.Restrictions(List.of("carol"), List.of("core")), false, false, false, false), boss);

        Path erin = clone(repo, "erin");
        commit(erin, "erin.txt", "erin\n");
        GitCli.Result refused = git.run(erin, "push", "origin", "main");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err())
                .contains("remote: refs/heads/main is protected: you are not allowed to push to this branch (rule \"main\")")
                .contains("(push restricted to listed users and teams)");
        git.run(erin, "push", "origin", "main:erin/topic").ok();

        Path carol = clone(repo, "carol");
        String byCarol = commit(carol, "carol.txt", "carol\n");
        git.run(carol, "push", "origin", "main").ok();
        Path dave = clone(repo, "dave");
        String byDave = commit(dave, "dave.txt", "dave, through team core\n");
        git.run(dave, "push", "origin", "main").ok();
        assertThat(serverRef(repo, "main")).isEqualTo(byDave).isNotEqualTo(byCarol);
    }

    @Test
    void linearHistoryRefusesMergeCommitsButTakesRebasedOnes() throws Exception {
        Repository repo = repository("linear");
        String seeded = seed(repo);
        protections.put(repo, "main", new ProtectionRule(null, false, null, null, true, false, false, false), boss);
        Path carol = clone(repo, "carol");
        git.run(carol, "checkout", "-q", "-b", "side").ok();
        commit(carol, "side.txt", "side\n");
        git.run(carol, "checkout", "-q", "main").ok();
        commit(carol, "main.txt", "main\n");
        git.run(carol, "merge", "-q", "--no-ff", "-m", "Merge side", "side").ok();
        String merge = head(carol);

        GitCli.Result refused = git.run(carol, "push", "origin", "main");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("remote: refs/heads/main is protected: merge commits are not allowed, "
                + merge.substring(0, 7) + " is a merge commit (rule \"main\")");
        assertThat(serverRef(repo, "main")).isEqualTo(seeded);

        git.run(carol, "reset", "-q", "--hard", "HEAD~1").ok();
        git.run(carol, "rebase", "-q", "side").ok();
        git.run(carol, "push", "origin", "main").ok();
        assertThat(serverRef(repo, "main")).isEqualTo(head(carol));
        // A merge on an unprotected branch is fine.
        git.run(carol, "checkout", "-q", "-b", "merged", seeded).ok();
        git.run(carol, "merge", "-q", "--no-ff", "-m", "Merge side", "side").ok();
        git.run(carol, "push", "origin", "merged").ok();
    }

    @Test
    void requiredSignaturesTakeOnlyCommitsSignedWithARegisteredSshKeyOfTheCommitter() throws Exception {
        Repository repo = repository("signed");
        String seeded = seed(repo);
        protections.put(repo, "main", ProtectionRule.DEFAULT.withRequiredSignatures(true), boss);
        Path carol = clone(repo, "carol");

        String unsigned = commit(carol, "unsigned.txt", "no signature\n");
        GitCli.Result refused = git.run(carol, "push", "origin", "main");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("remote: refs/heads/main is protected: commits must have verified signatures, "
                + unsigned.substring(0, 7) + " is not verified (unsigned): it is not signed (rule \"main\")")
                .contains("(protected branch: verified signatures required)");
        assertThat(serverRef(repo, "main")).isEqualTo(seeded);
        git.run(carol, "reset", "-q", "--hard", seeded).ok();

        // Keys of each type OpenSSH signs with, registered to carol, whose account has the committer email.
        for (String type : List.of("ed25519", "ecdsa", "rsa")) {
            Path key = sshKey("carol-" + type, type);
            register(key, "carol");
            String signed = signedCommit(carol, key, type + ".txt");
            git.run(carol, "push", "origin", "main").ok();
            assertThat(serverRef(repo, "main")).as(type).isEqualTo(signed);
        }

        // A valid signature by a key no account has is not verified.
        Path stranger = sshKey("stranger", "ed25519");
        String byStranger = signedCommit(carol, stranger, "stranger.txt");
        GitCli.Result unknown = git.run(carol, "push", "origin", "main");
        assertThat(unknown.err()).contains("commits must have verified signatures, " + byStranger.substring(0, 7)
                + " is not verified (unknown_key): its signing key " + fingerprint(stranger)
                + " is not registered with any Codara account");
        git.run(carol, "reset", "-q", "--hard", "HEAD~1").ok();

        // A key of someone whose account does not have the committer's email is not verified either.
        Path erins = sshKey("erin", "ed25519");
        register(erins, "erin");
        signedCommit(carol, erins, "erin.txt");
        GitCli.Result foreign = git.run(carol, "push", "origin", "main");
        assertThat(foreign.err()).contains("is not verified (bad_email): its signing key belongs to erin, whose"
                + " account does not have the committer email test@example.com");
        git.run(carol, "reset", "-q", "--hard", "HEAD~1").ok();

        // The commit must be exactly what was signed: a changed message breaks the signature.
        String good = head(carol);
        try (org.eclipse.jgit.lib.Repository db = org.eclipse.jgit.storage.file.FileRepositoryBuilder.create(
                carol.resolve(".git").toFile())) {
            byte[] raw = db.open(ObjectId.fromString(good)).getBytes();
            assertThat(signatures.verify(RevCommit.parse(raw)).verified()).isTrue();
            byte[] tampered = new String(raw, StandardCharsets.UTF_8).replace("signed rsa.txt", "signed rsa.TXT")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(signatures.verify(RevCommit.parse(tampered)).reason()).isEqualTo("invalid");
            String pgp = new String(raw, StandardCharsets.UTF_8).replaceAll("(?s)-----BEGIN SSH SIGNATURE-----.*-----END SSH SIGNATURE-----",
                    "-----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----");
            assertThat(signatures.verify(RevCommit.parse(pgp.getBytes(StandardCharsets.UTF_8))).reason())
                    .isEqualTo("malformed_signature");
        }
    }

    @Test
    void requiredSignaturesTakeCommitsSignedByTheRealGpgWithARegisteredKeyOfTheCommitter() throws Exception {
        Repository repo = repository("gpg-signed");
        String seeded = seed(repo);
        protections.put(repo, "main", ProtectionRule.DEFAULT.withRequiredSignatures(true), boss);
        Path carol = clone(repo, "carol");
        Path home = Files.createDirectories(temp.resolve("gnupg-carol"));
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Map<String, String> env = Map.of("GNUPGHOME", home.toString());
        try {
            run(List.of("gpg", "--homedir", home.toString(), "--batch", "--passphrase", "", "--quick-gen-key",
                    "Carol <test@example.com>", "ed25519", "sign", "never"));
            String keyId = java.util.Arrays.stream(run(List.of("gpg", "--homedir", home.toString(), "--with-colons",
                    "--list-keys")).split("\n")).filter(line -> line.startsWith("pub:")).findFirst().orElseThrow()
                    .split(":")[4];

            // Signed, but the key is not registered yet.
            GitCli.write(carol.resolve("gpg.txt"), "gpg\n");
            git.run(carol, "add", "-A").ok();
            git.run(carol, env, "-c", "gpg.program=gpg", "-c", "user.signingkey=" + keyId, "commit", "-q", "-S", "-m",
                    "signed with gpg").ok();
            String signed = head(carol);
            GitCli.Result refused = git.run(carol, "push", "origin", "main");
            assertThat(refused.err()).contains(signed.substring(0, 7) + " is not verified (unknown_key): its signing"
                    + " key " + keyId + " is not registered with any Codara account");
            assertThat(serverRef(repo, "main")).isEqualTo(seeded);

            gpgKeys.add("carol", "laptop", run(List.of("gpg", "--homedir", home.toString(), "--armor", "--export",
                    keyId)), boss);
            git.run(carol, "push", "origin", "main").ok();
            assertThat(serverRef(repo, "main")).isEqualTo(signed);
        } finally {
            run(List.of("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent"));
        }
    }

    @Test
    void protectedTagsAreForMaintainersAndAdminsOnly() throws Exception {
        Repository repo = repository("tags");
        seed(repo);
        protections.protectTags(repo, "v*", boss);
        Path carol = clone(repo, "carol");
        git.run(carol, "tag", "v1.0").ok();
        git.run(carol, "tag", "nightly-1").ok();
        GitCli.Result refused = git.run(carol, "push", "origin", "v1.0", "nightly-1");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err())
                .contains("remote: refs/tags/v1.0 is protected: only users with the maintain or admin role may create,"
                        + " update or delete it (tag protection \"v*\")")
                .contains("[remote rejected] v1.0 -> v1.0 (protected tag)");
        assertThat(serverTag(repo, "v1.0")).isNull();
        assertThat(serverTag(repo, "nightly-1")).isNotNull();

        Path maint = clone(repo, "maint");
        git.run(maint, "tag", "v1.0").ok();
        git.run(maint, "push", "origin", "v1.0").ok();
        assertThat(serverTag(repo, "v1.0")).isNotNull();
        GitCli.Result delete = git.run(carol, "push", "origin", ":refs/tags/v1.0");
        assertThat(delete.err()).contains("remote: refs/tags/v1.0 is protected");
        assertThat(serverTag(repo, "v1.0")).isNotNull();
        git.run(maint, "push", "origin", ":refs/tags/v1.0").ok();
        assertThat(serverTag(repo, "v1.0")).isNull();
    }

    // ---- helpers

    @Test
    void serverSideBranchUpdatesAreCheckedLikePushesMoveOnlyFromTheExpectedCommitAndPublishThePush() throws Exception {
        Repository repo = repository("server");
        String seeded = seed(repo);
        Path carol = clone(repo, "carol");
        git.run(carol, "checkout", "-q", "-b", "side").ok();
        String side = commit(carol, "side.txt", "side\n");
        git.run(carol, "push", "-q", "origin", "side").ok();
        EventOutbox outbox = mock(EventOutbox.class);
        ServerBranchUpdates updates = new ServerBranchUpdates(database, outbox, directories, repositories, protection);
        Principal asCarol = new Principal("carol", false, null);
        Principal asDave = new Principal("dave", false, null);

        // Compare-and-set: an expected commit that is not the branch's is refused, nothing moves.
        assertThat(updates.update(repo.id(), "main", side, side, asCarol, "test").status())
                .isEqualTo(io.codara.api.git.BranchUpdate.Status.MOVED);
        assertThat(serverRef(repo, "main")).isEqualTo(seeded);

        // The rule of the branch applies to the actor as it would to a push.
        protections.put(repo, "main", new ProtectionRule(null, false, null,
                new ProtectionRule.Restrictions(List.of("dave"), List.of()), false, false, false, false), boss);
        io.codara.api.git.BranchUpdate refused = updates.update(repo.id(), "main", seeded, side, asCarol, "merge");
        assertThat(refused.status()).isEqualTo(io.codara.api.git.BranchUpdate.Status.REFUSED);
        assertThat(refused.message()).contains("refs/heads/main is protected: you are not allowed to push");
        assertThat(serverRef(repo, "main")).isEqualTo(seeded);
        org.mockito.Mockito.verifyNoInteractions(outbox);

        assertThat(updates.update(repo.id(), "main", seeded, side, asDave, "merge").updated()).isTrue();
        assertThat(serverRef(repo, "main")).isEqualTo(side);
        org.mockito.Mockito.verify(outbox).publish(any(java.sql.Connection.class),
                org.mockito.ArgumentMatchers.eq(io.codara.api.event.Topics.GIT_PUSH),
                org.mockito.ArgumentMatchers.argThat(event -> "dave".equals(event.get("pusher"))
                        && event.get("ref_updates").equals(List.of(Map.of("ref", "refs/heads/main", "before", seeded,
                                "after", side)))));

        // Deleting a protected branch is refused; an unprotected one goes.
        assertThat(updates.update(repo.id(), "main", side, null, asDave, "delete").status())
                .isEqualTo(io.codara.api.git.BranchUpdate.Status.REFUSED);
        assertThat(updates.update(repo.id(), "side", side, null, asCarol, "delete").updated()).isTrue();
        assertThat(serverRef(repo, "side")).isNull();
        assertThat(serverRef(repo, "main")).isEqualTo(side);
    }

    private Repository repository(String name) {
        return repositories.create("acme", new NewRepository(name, null, null, null, false, null, null, null), boss);
    }

    private String seed(Repository repo) {
        Path clone = temp.resolve(repo.name() + "-seed");
        git.run(temp, "clone", url("boss", repo), clone.toString()).ok();
        String id = commit(clone, "README.md", "# " + repo.name() + "\n");
        git.run(clone, "push", "origin", "main").ok();
        return id;
    }

    private Path clone(Repository repo, String login) {
        Path clone = temp.resolve(repo.name() + "-" + login);
        git.run(temp, "clone", url(login, repo), clone.toString()).ok();
        return clone;
    }

    private String commit(Path workTree, String file, String content) {
        GitCli.write(workTree.resolve(file), content);
        git.run(workTree, "add", "-A").ok();
        git.run(workTree, "commit", "-q", "-m", "change " + file).ok();
        return head(workTree);
    }

    private String signedCommit(Path workTree, Path key, String file) {
        GitCli.write(workTree.resolve(file), file + "\n");
        git.run(workTree, "add", "-A").ok();
        git.run(workTree, "-c", "gpg.format=ssh", "-c", "user.signingkey=" + key, "commit", "-q", "-S", "-m",
                "signed " + file).ok();
        return head(workTree);
    }

    private Path sshKey(String name, String type) {
        Path key = temp.resolve("keys").resolve(name);
        try {
            Files.createDirectories(key.getParent());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> command = new java.util.ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C", name,
                "-f", key.toString()));
        if (type.equals("rsa")) {
            command.addAll(List.of("-b", "3072"));
        }
        run(command);
        return key;
    }

    private String fingerprint(Path key) {
        return run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", key + ".pub")).split("\\s+")[1];
    }

    private void register(Path key, String owner) {
        String fingerprint = fingerprint(key);
        when(keys.findByFingerprint(fingerprint)).thenReturn(Optional.of(new SshKey(fingerprint.hashCode(), owner,
                key.getFileName().toString(), "unused", "ssh", 256, fingerprint, Instant.now(), null)));
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new AssertionError(command + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String head(Path workTree) {
        return git.run(workTree, "rev-parse", "HEAD").ok().out().strip();
    }

    private String serverRef(Repository repo, String branch) throws IOException {
        return ref(repo, Constants.R_HEADS + branch);
    }

    private String serverTag(Repository repo, String tag) throws IOException {
        return ref(repo, Constants.R_TAGS + tag);
    }

    private String ref(Repository repo, String name) throws IOException {
        try (org.eclipse.jgit.lib.Repository db = directories.open(repo.id())) {
            var found = db.exactRef(name);
            return found == null ? null : found.getObjectId().name();
        }
    }

    private String url(String login, Repository repo) {
        return base.replace("http://", "http://" + login + ":pw@") + "/" + repo.fullName() + ".git";
    }

    /** Stands in for Codara's authentication: HTTP Basic, any password. */
    private static Filter authentication() {
        return (request, response, chain) -> {
            String header = ((HttpServletRequest) request).getHeader("Authorization");
            if (header != null && header.startsWith("Basic ")) {
                String login = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8).split(":", 2)[0];
                request.setAttribute(Principal.REQUEST_ATTRIBUTE, new Principal(login, false, null));
            }
            chain.doFilter(request, response);
        };
    }
}
