package io.codara.review.internal;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.git.BranchCommits;
import io.codara.api.git.ForkSort;
import io.codara.api.identity.Organizations;
import io.codara.api.rest.ApiException;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.git.RepositoryDirectories;
import io.codara.api.git.Visibility;
import io.codara.api.identity.Account;
import io.codara.api.identity.AccountType;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.Role;
import io.codara.api.storage.EventOutbox;
import io.codara.api.storage.Job;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.JobState;
import io.codara.testing.EmbeddedDatabase;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The review bundle on a real PostgreSQL and real git repositories: {@code alice/app} (public, branches of its
 * own), {@code bob/app} (a fork made with {@code git clone --bare --shared}, borrowing alice's objects) and
 * {@code alice/secret} (private). Accounts and repository records are mocked; the permission service follows
 * GitHub's roles: a private repository is a 404 to whoever has no role on it, writing needs {@code write}.
 * The job queue is a recorder whose mergeability jobs the tests run through {@link PushFollower}.
 */
final class ReviewFixture {

    static final Principal ALICE = new Principal("alice", false, null);  // owns alice/app and alice/secret
    static final Principal BOB = new Principal("bob", false, null);      // owns bob/app, no role on alice's
    static final Principal CAROL = new Principal("carol", false, null);  // write on alice/app
    static final Principal DAVE = new Principal("dave", false, null);    // write on alice/app

    final EmbeddedDatabase database = EmbeddedDatabase.create("review");
    final Repositories repositories = mock(Repositories.class);
    final Accounts accounts = mock(Accounts.class);
    final EventOutbox outbox = mock(EventOutbox.class);
    final JobQueue jobs = mock(JobQueue.class);
    final List<String> queued = new ArrayList<>();
    final Repository app;
    final Repository fork;
    final Repository secret;
    final Path appWork;
    final Path appDir;
    final Path forkDir;
    final Path secretWork;
    final Permissions permissions;
    final PostgresPullRequests pulls;
    final ReviewAccess access;
    final PullRequestViews views;
    final PullRequestsResource resource;
    final RequestedReviewersResource reviewers;
    final PushFollower follower;
    final Organizations organizations = mock(Organizations.class);
    final List<String> commits = new ArrayList<>();
    final PostgresReviews reviews;
    final ReviewViews reviewViews;
    final ReviewsResource reviewsResource;
    final ReviewCommentsResource comments;
    final PullCommentsResource pullComments;
    final IssueCommentsResource issues;
    final ReviewFollower reviewFollower;
    final PullRequestMerger merger;
    final PostgresLabels labels;
    final LabelsResource labelsResource;
    final IssueLabelsResource issueLabels;
    final IssueAssigneesResource issueAssignees;
    final AutoMergeTrigger autoMerge;
    final List<String> autoQueued = new ArrayList<>();
    /** Branch protection rules by exact branch name of alice/app. */
    final Map<String, io.codara.api.git.ProtectionRule> rules = new java.util.concurrent.ConcurrentHashMap<>();
    /** Commit statuses: context to state, by sha. */
    final Map<String, Map<String, io.codara.api.ci.CommitState>> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    /** Approvals by pull request id. */
    final Map<Long, PullRequestApprovals.ApprovalState> approvals = new java.util.concurrent.ConcurrentHashMap<>();
    /** The branch moves made through {@link io.codara.api.git.BranchUpdates}: "repo branch old new actor". */
    final List<String> moves = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The protection rules of {@link #rules} and the branch moves of {@link #moves}, as the git capability's services. */
    final io.codara.api.git.BranchProtections protections;
    final io.codara.api.git.BranchUpdates branchUpdates;
    final RepositoryDirectories directories;
    final CommitTags commitTags;
    final CommitTagsResource commitTagsResource;
    final CommitImpactResource commitImpactResource;

    ReviewFixture(Path root) throws Exception {
        Instant now = Instant.now();
        app = repository(7, "alice", "app", Visibility.PUBLIC, null, now);
        fork = repository(8, "bob", "app", Visibility.PUBLIC, 7L, now);
        secret = repository(9, "alice", "secret", Visibility.PRIVATE, null, now);
        when(accounts.find(anyString())).thenReturn(Optional.empty());
        when(accounts.find(anyLong())).thenReturn(Optional.empty());
        when(accounts.findByEmail(anyString(), anyBoolean())).thenReturn(Optional.empty());
        long id = 1;
        for (String login : List.of("alice", "bob", "carol", "dave")) {
            Account account = new Account(id++, login, AccountType.USER, null, null, null, null, null, null, false,
                    null, null, null, now, now);
            when(accounts.find(login)).thenReturn(Optional.of(account));
            when(accounts.find(account.id())).thenReturn(Optional.of(account));
            when(accounts.findByEmail(login + "@example.com", true)).thenReturn(Optional.of(account));
        }
        when(repositories.find(anyLong())).thenReturn(Optional.empty());
        when(repositories.find(anyString(), anyString())).thenReturn(Optional.empty());
        when(repositories.resolve(anyString(), anyString())).thenReturn(Optional.empty());
        for (Repository r : List.of(app, fork, secret)) {
            when(repositories.find(r.id())).thenReturn(Optional.of(r));
            when(repositories.find(r.owner(), r.name())).thenReturn(Optional.of(r));
            when(repositories.resolve(r.owner(), r.name())).thenReturn(Optional.of(r));
        }
        when(repositories.forks(eq("alice"), eq("app"), any(ForkSort.class), any(Principal.class),
                any(PageRequest.class))).thenAnswer(i -> new Page<>(List.of(fork), i.getArgument(4), 1));
        when(jobs.enqueue(any(java.sql.Connection.class), eq(PullRequestMerger.QUEUE), anyString(), any()))
                .thenAnswer(i -> {
                    autoQueued.add(i.getArgument(2));
                    return new Job(autoQueued.size(), PullRequestMerger.QUEUE, i.getArgument(2), JobState.QUEUED, 0, 5,
                            Instant.now(), null, Instant.now());
                });
        when(jobs.enqueue(any(java.sql.Connection.class), eq(PostgresPullRequests.QUEUE), anyString(), any()))
                .thenAnswer(i -> {
                    queued.add(i.getArgument(2));
                    return new Job(queued.size(), PostgresPullRequests.QUEUE, i.getArgument(2), JobState.QUEUED, 0, 5,
                            Instant.now(), null, Instant.now());
                });

        // alice/app: main with README and app.txt; feature adds a line; other changes app.txt's first line.
        appWork = Files.createDirectories(root.resolve("app"));
        try (Git git = Git.init().setDirectory(appWork.toFile()).setInitialBranch("main").call()) {
            write(appWork, "README.md", "# app\n");
            write(appWork, "app.txt", "one\ntwo\nthree\n");
            commit(git, "alice", "Initial commit");
            git.branchCreate().setName("same").call();
            git.branchCreate().setName("feature").call();
            git.branchCreate().setName("other").call();
        }
        appDir = appWork.resolve(".git");
        checkout(appWork, "feature");
        write(appWork, "app.txt", "one\ntwo\nthree\nfour\n");
        write(appWork, "NEW.md", "new file\n");
        commit(appWork, "alice", "Add four");
        checkout(appWork, "other");
        write(appWork, "app.txt", "ONE\ntwo\nthree\n");
        commit(appWork, "alice", "Shout one");
        checkout(appWork, "main");

        // bob/app: a bare fork that borrows alice's objects, with a branch of bob's own.
        forkDir = root.resolve("fork.git");
        run(root, "git", "clone", "--quiet", "--bare", "--shared", appDir.toString(), forkDir.toString());
        Path forkWork = root.resolve("fork-work");
        try (Git git = Git.cloneRepository().setURI(forkDir.toUri().toString()).setDirectory(forkWork.toFile())
                .setBranch("main").call()) {
            git.checkout().setCreateBranch(true).setName("patch").call();
            write(forkWork, "app.txt", "zero\none\ntwo\nthree\n");
            commit(git, "bob", "Add zero");
            git.push().setRemote("origin").add("patch").call();
        }

        secretWork = Files.createDirectories(root.resolve("secret"));
        try (Git git = Git.init().setDirectory(secretWork.toFile()).setInitialBranch("main").call()) {
            write(secretWork, "s.txt", "s\n");
            commit(git, "alice", "secret");
            git.branchCreate().setName("topic").call();
        }
        checkout(secretWork, "topic");
        write(secretWork, "s.txt", "t\n");
        commit(secretWork, "alice", "topic");
        checkout(secretWork, "main");

        Map<Long, Path> dirs = Map.of(app.id(), appDir, fork.id(), forkDir, secret.id(), secretWork.resolve(".git"));
        RepositoryDirectories directories = dirs::get;
        Map<String, Map<String, Role>> roles = Map.of(
                "alice", Map.of("alice/app", Role.ADMIN, "alice/secret", Role.ADMIN),
                "bob", Map.of("bob/app", Role.ADMIN),
                "carol", Map.of("alice/app", Role.WRITE),
                "dave", Map.of("alice/app", Role.WRITE));
        permissions = (principal, action, resource) -> {
            Repository repository = List.of(app, fork, secret).stream()
                    .filter(r -> r.fullName().equals(resource.id())).findFirst().orElse(null);
            if (repository == null) {
                return Decision.NOT_FOUND;
            }
            Role role = principal.anonymous() ? null
                    : roles.getOrDefault(principal.login(), Map.of()).get(repository.fullName());
            if (repository.visibility() != Visibility.PUBLIC && role == null) {
                return Decision.NOT_FOUND;
            }
            Role needed = action.equals("read") ? null : action.equals("write") ? Role.WRITE : Role.ADMIN;
            return needed == null || role != null && role.includes(needed) ? Decision.ALLOW : Decision.FORBIDDEN;
        };
        pulls = new PostgresPullRequests(new ReviewSchema(), database, outbox, jobs, repositories, directories,
                accounts);
        access = new ReviewAccess(repositories, accounts, permissions);
        reviews = new PostgresReviews(new ReviewSchema(), database, outbox, pulls, repositories, directories);
        protections = new RulesByName();
        branchUpdates = new CompareAndSet(dirs);
        this.directories = directories;
        merger = new PullRequestMerger(database, jobs, repositories, directories, accounts, permissions,
                protections, branchUpdates, pulls);
        merger.statuses = new StatusesBySha();
        // The one test double the brief allows: approvals answered from a map (reviews are another bundle's work).
        merger.approvals = pullId -> approvals.getOrDefault(pullId, PullRequestApprovals.ApprovalState.NONE);
        autoMerge = new AutoMergeTrigger(merger);
        labels = new PostgresLabels(database, repositories, pulls);
        views = new PullRequestViews(access, pulls, reviews, merger, labels);
        resource = new PullRequestsResource(access, pulls, views, merger, labels);
        labelsResource = new LabelsResource(access, labels);
        commitTags = new CommitTags(new ReviewSchema(), database, directories);
        commitTagsResource = new CommitTagsResource(access, commitTags);
        commitImpactResource = new CommitImpactResource(access, new CommitImpact(directories));
        issueLabels = new IssueLabelsResource(access, labels, pulls, views);
        issueAssignees = new IssueAssigneesResource(access, labels, pulls, views);
        reviewers = new RequestedReviewersResource(access, pulls, views);
        follower = new PushFollower(pulls);
        reviewViews = new ReviewViews(access, pulls, reviews);
        reviewsResource = new ReviewsResource(access, reviewViews, reviews);
        comments = new ReviewCommentsResource(access, reviewViews, reviews, pulls, branchCommits(dirs));
        pullComments = new PullCommentsResource(access, reviewViews, reviews);
        issues = new IssueCommentsResource(access, reviewViews, reviews);
        when(organizations.teamMembers(anyString(), anyString(), any(PageRequest.class)))
                .thenAnswer(i -> new Page<>(List.of(), i.getArgument(2), 0));
        reviewFollower = new ReviewFollower(pulls, reviews, access, directories, organizations, permissions);
    }

    /**
     * The git bundle's server-side commits, with JGit on the fixture's repositories: the branch moves only from the
     * expected commit (409 otherwise), as {@code GitBranchCommits} does; each new commit is recorded.
     */
    private BranchCommits branchCommits(Map<Long, Path> dirs) {
        return (repositoryId, branch, expectedHead, files, message, author) -> {
            try (org.eclipse.jgit.lib.Repository git = new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
                    .setGitDir(dirs.get(repositoryId).toFile()).setMustExist(true).build();
                    ObjectInserter inserter = git.newObjectInserter();
                    RevWalk walk = new RevWalk(git)) {
                ObjectId before = git.exactRef("refs/heads/" + branch).getObjectId();
                if (!before.name().equals(expectedHead)) {
                    throw new ApiException(409, "moved");
                }
                DirCache index = DirCache.newInCore();
                DirCacheBuilder builder = index.builder();
                try (var reader = git.newObjectReader()) {
                    builder.addTree(new byte[0], 0, reader, walk.parseCommit(before).getTree());
                }
                builder.finish();
                DirCacheEditor editor = index.editor();
                files.forEach((path, text) -> editor.add(new DirCacheEditor.PathEdit(path) {
                    @Override
                    public void apply(DirCacheEntry entry) {
                        entry.setFileMode(FileMode.REGULAR_FILE);
                        try {
                            entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, text.getBytes(StandardCharsets.UTF_8)));
                        } catch (java.io.IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }));
                editor.finish();
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(index.writeTree(inserter));
                commit.setParentId(before);
                PersonIdent who = new PersonIdent(author.login(), author.login() + "@users.noreply.codara");
                commit.setAuthor(who);
                commit.setCommitter(who);
                commit.setMessage(message + "\n");
                ObjectId after = inserter.insert(commit);
                inserter.flush();
                RefUpdate move = git.updateRef("refs/heads/" + branch);
                move.setExpectedOldObjectId(before);
                move.setNewObjectId(after);
                if (move.update() != RefUpdate.Result.FAST_FORWARD) {
                    throw new ApiException(409, "moved");
                }
                commits.add(after.name());
                return after.name();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** Runs the queued auto-merge jobs, as the job queue would. */
    void runAutoMergeJobs() throws Exception {
        List<String> payloads = List.copyOf(autoQueued);
        autoQueued.clear();
        for (String payload : payloads) {
            autoMerge.handle(new Job(1, PullRequestMerger.QUEUE, payload, JobState.RUNNING, 1, 5, Instant.now(), null,
                    Instant.now()));
        }
    }

    /** The rules of {@link #rules}, exact names only (the git capability's pattern rules are tested there). */
    private final class RulesByName implements io.codara.api.git.BranchProtections {

        @Override
        public List<io.codara.api.git.BranchProtection> list(long repositoryId) {
            return rules.entrySet().stream().map(e -> protection(repositoryId, e.getKey(), e.getValue())).toList();
        }

        @Override
        public Optional<io.codara.api.git.BranchProtection> find(long repositoryId, String pattern) {
            return effective(repositoryId, pattern);
        }

        @Override
        public Optional<io.codara.api.git.BranchProtection> effective(long repositoryId, String branch) {
            io.codara.api.git.ProtectionRule rule = repositoryId == app.id() ? rules.get(branch) : null;
            return Optional.ofNullable(rule).map(r -> protection(repositoryId, branch, r));
        }

        private io.codara.api.git.BranchProtection protection(long repositoryId, String name,
                io.codara.api.git.ProtectionRule rule) {
            return new io.codara.api.git.BranchProtection(1, repositoryId, name, rule, Instant.now(), Instant.now());
        }

        @Override
        public io.codara.api.git.BranchProtection put(Repository repository, String pattern,
                io.codara.api.git.ProtectionRule rule, io.codara.api.audit.Actor actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean delete(Repository repository, String pattern, io.codara.api.audit.Actor actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<io.codara.api.git.TagProtection> tagProtections(long repositoryId) {
            return List.of();
        }

        @Override
        public io.codara.api.git.TagProtection protectTags(Repository repository, String pattern,
                io.codara.api.audit.Actor actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean unprotectTags(Repository repository, long id, io.codara.api.audit.Actor actor) {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * The git capability's branch moves, reduced to what merging relies on: a compare-and-set JGit ref update
     * (deletions of protected branches refused), recorded in {@link #moves}. Its protection and push event are
     * tested in the git bundle ({@code ProtectionOverHttpTest}).
     */
    private final class CompareAndSet implements io.codara.api.git.BranchUpdates {

        private final Map<Long, Path> dirs;

        CompareAndSet(Map<Long, Path> dirs) {
            this.dirs = dirs;
        }

        @Override
        public io.codara.api.git.BranchUpdate update(long repositoryId, String branch, String expectedOld,
                String newSha, Principal actor, String reason) {
            if (newSha == null && rules.containsKey(branch)) {
                return new io.codara.api.git.BranchUpdate(io.codara.api.git.BranchUpdate.Status.REFUSED,
                        "refs/heads/" + branch + " is protected: deletions are not allowed");
            }
            try (org.eclipse.jgit.lib.Repository db = new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
                    .setGitDir(dirs.get(repositoryId).toFile()).setMustExist(true).build()) {
                org.eclipse.jgit.lib.RefUpdate move = db.updateRef("refs/heads/" + branch);
                move.setExpectedOldObjectId(expectedOld == null ? org.eclipse.jgit.lib.ObjectId.zeroId()
                        : org.eclipse.jgit.lib.ObjectId.fromString(expectedOld));
                move.setNewObjectId(newSha == null ? org.eclipse.jgit.lib.ObjectId.zeroId()
                        : org.eclipse.jgit.lib.ObjectId.fromString(newSha));
                move.setForceUpdate(true);
                org.eclipse.jgit.lib.RefUpdate.Result result = newSha == null ? move.delete() : move.update();
                if (result == org.eclipse.jgit.lib.RefUpdate.Result.LOCK_FAILURE) {
                    return new io.codara.api.git.BranchUpdate(io.codara.api.git.BranchUpdate.Status.MOVED, "moved");
                }
                moves.add(repositoryId + " " + branch + " " + expectedOld + " " + newSha + " " + actor.login());
                return new io.codara.api.git.BranchUpdate(io.codara.api.git.BranchUpdate.Status.UPDATED, null);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Commit statuses from {@link #statuses}. */
    private final class StatusesBySha implements io.codara.api.ci.CommitStatuses {

        @Override
        public io.codara.api.ci.CommitStatus create(long repositoryId, String sha, io.codara.api.ci.NewCommitStatus status,
                io.codara.api.audit.Actor creator) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Page<io.codara.api.ci.CommitStatus> list(long repositoryId, String sha, PageRequest page) {
            throw new UnsupportedOperationException();
        }

        @Override
        public io.codara.api.ci.CombinedStatus combined(long repositoryId, String sha, PageRequest page) {
            List<io.codara.api.ci.CommitStatus> latest = repositoryId != app.id() ? List.of()
                    : statuses.getOrDefault(sha, Map.of()).entrySet().stream()
                            .map(e -> new io.codara.api.ci.CommitStatus(1, repositoryId, sha, e.getValue(), null, null,
                                    e.getKey(), null, Instant.now(), Instant.now())).toList();
            return new io.codara.api.ci.CombinedStatus(repositoryId, sha, io.codara.api.ci.CommitState.PENDING, latest,
                    latest.size());
        }

        @Override
        public Optional<String> resolve(long repositoryId, String ref) {
            return Optional.empty();
        }
    }

    /** Runs the queued mergeability jobs, as the job queue would. */
    void runJobs() throws Exception {
        List<String> payloads = List.copyOf(queued);
        queued.clear();
        for (String payload : payloads) {
            follower.handle(new Job(1, PostgresPullRequests.QUEUE, payload, JobState.RUNNING, 1, 5, Instant.now(),
                    null, Instant.now()));
        }
    }

    static void write(Path work, String file, String text) throws Exception {
        Files.writeString(work.resolve(file), text);
    }

    static RevCommit commit(Path work, String login, String message) throws Exception {
        try (Git git = Git.open(work.toFile())) {
            return commit(git, login, message);
        }
    }

    static RevCommit commit(Git git, String login, String message) throws Exception {
        git.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent(login, login + "@example.com");
        return git.commit().setMessage(message + "\n").setAuthor(who).setCommitter(who).setSign(false).call();
    }

    static void checkout(Path work, String branch) throws Exception {
        try (Git git = Git.open(work.toFile())) {
            git.checkout().setName(branch).call();
        }
    }

    static void run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static Repository repository(long id, String owner, String name, Visibility visibility, Long parent,
            Instant now) {
        return new Repository(id, owner, name, null, null, List.of(), visibility, "main", false, false, parent, now,
                now, null);
    }

    static HttpServletRequest request(Principal principal) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getAttribute(Principal.REQUEST_ATTRIBUTE)).thenReturn(principal);
        when(request.getRemoteAddr()).thenReturn("10.0.0.1");
        return request;
    }

    static UriInfo uri(String path) {
        URI base = URI.create("http://codara.test/api/v3/");
        URI full = base.resolve(path);
        UriInfo uri = mock(UriInfo.class);
        when(uri.getBaseUri()).thenReturn(base);
        when(uri.getRequestUri()).thenReturn(full);
        when(uri.getRequestUriBuilder()).thenAnswer(i -> UriBuilder.fromUri(full));
        return uri;
    }

    /** A JSON body from key-value pairs, as resources receive it. */
    static java.util.Map<String, Object> body(Object... pairs) {
        java.util.Map<String, Object> body = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    /** The {@link io.codara.api.rest.ApiException} that {@code action} throws; an error when it throws none. */
    static io.codara.api.rest.ApiException failure(Runnable action) {
        try {
            action.run();
        } catch (io.codara.api.rest.ApiException e) {
            return e;
        }
        throw new AssertionError("expected an ApiException");
    }
}
