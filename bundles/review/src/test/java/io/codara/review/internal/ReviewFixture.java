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
        views = new PullRequestViews(access, pulls, reviews);
        resource = new PullRequestsResource(access, pulls, views);
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
}
