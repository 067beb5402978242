package io.codara.search.internal;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

import io.codara.api.git.Languages;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.git.RepositoryDirectories;
import io.codara.api.git.Visibility;
import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;
import io.codara.api.storage.Job;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.JobState;
import io.codara.api.storage.QueueStats;
import io.codara.search.internal.dependencies.ManifestParsers;

/**
 * Real git repositories (JGit, in a temporary directory) and a real code index, with the repository records,
 * permissions and job queue of the git and storage capabilities played by Mockito: a private repository is readable
 * by its owner only, every job queued is kept until {@link #drain} runs it.
 */
final class SearchFixture implements AutoCloseable {

    final Path root;
    final Map<Long, Repository> repositories = new LinkedHashMap<>();
    final Map<Long, Git> gits = new LinkedHashMap<>();
    final List<String> queued = new ArrayList<>();
    final Repositories repositoryService = mock(Repositories.class);
    final Permissions permissions = mock(Permissions.class);
    final JobQueue jobs = mock(JobQueue.class);
    final RepositoryDirectories directories = id -> gits.containsKey(id)
            ? gits.get(id).getRepository().getDirectory().toPath() : Path.of("/nonexistent/" + id);
    CodeIndex index;
    CodeIndexer indexer;
    SearchScope scope;
    IndexedCodeSearch search;
    IndexedDependencySearch dependencies;
    IndexedStackTraceSearch stackTraces;
    private final int maxFileBytes;
    private long nextId = 1;
    private int tick;

    SearchFixture(Path root, String... branchPatterns) throws IOException {
        this(root, 64 * 1024, branchPatterns);
    }

    /** A fixture whose indexer skips files larger than {@code maxFileBytes} (the tests' default is 64 KiB). */
    SearchFixture(Path root, int maxFileBytes, String... branchPatterns) throws IOException {
        this.root = root;
        this.maxFileBytes = maxFileBytes;
        when(repositoryService.find(anyLong())).thenAnswer(i -> Optional.ofNullable(repositories.get((Long) i.getArgument(0))));
        when(repositoryService.resolve(anyString(), anyString())).thenAnswer(i -> repositories.values().stream()
                .filter(r -> r.fullName().equalsIgnoreCase(i.getArgument(0) + "/" + i.getArgument(1))).findFirst());
        when(repositoryService.visible(any(), anyLong(), anyInt())).thenAnswer(i -> repositories.values().stream()
                .filter(r -> r.id() > (Long) i.getArgument(1) && mayRead(i.getArgument(0), r))
                .sorted(Comparator.comparingLong(Repository::id)).limit((Integer) i.getArgument(2)).toList());
        when(permissions.decide(any(), eq("read"), any())).thenAnswer(i -> {
            ResourceRef ref = i.getArgument(2);
            return repositories.values().stream().filter(r -> r.fullName().equalsIgnoreCase(ref.id())).findFirst()
                    .filter(r -> mayRead(i.getArgument(0), r)).map(r -> Decision.ALLOW).orElse(Decision.NOT_FOUND);
        });
        when(jobs.enqueue(anyString(), anyString(), any())).thenAnswer(i -> {
            queued.add(i.getArgument(1));
            return job(i.getArgument(1));
        });
        when(jobs.stats(anyString())).thenAnswer(i -> new QueueStats(i.getArgument(0), queued.size(), 0, 0, 0));
        open(branchPatterns);
    }

    /** (Re)opens the index, indexer and search, as a restart of the bundle does. */
    void open(String... branchPatterns) throws IOException {
        index = new CodeIndex(root.resolve("search/code"));
        indexer = new CodeIndexer(index, jobs, repositoryService, directories, new TestLanguages(), new ManifestParsers(),
                config(branchPatterns, maxFileBytes, false));
        scope = new SearchScope(index, repositoryService, permissions);
        search = new IndexedCodeSearch(index, scope);
        dependencies = new IndexedDependencySearch(index, scope);
        stackTraces = new IndexedStackTraceSearch(index, scope, directories);
    }

    static CodeIndexerConfig config(String[] branches, int maxFileBytes, boolean catchUp) {
        CodeIndexerConfig config = mock(CodeIndexerConfig.class);
        when(config.branches()).thenReturn(branches);
        when(config.max_file_bytes()).thenReturn(maxFileBytes);
        when(config.catch_up_on_start()).thenReturn(catchUp);
        return config;
    }

    private static boolean mayRead(Principal principal, Repository r) {
        return r.visibility() == Visibility.PUBLIC || principal.siteAdmin()
                || r.owner().equalsIgnoreCase(principal.login());
    }

    static Principal user(String login) {
        return new Principal(login, false, null);
    }

    private static Job job(String payload) {
        return new Job(1, CodeIndexer.QUEUE, payload, JobState.RUNNING, 1, 5, Instant.now(), null, Instant.now());
    }

    /** Creates a repository (with its git repository, HEAD on {@code main}) and its record. */
    Repository create(String owner, String name, Visibility visibility) throws GitAPIException {
        long id = nextId++;
        Path dir = root.resolve("repos").resolve(owner + "-" + name);
        Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
        gits.put(id, git);
        Repository r = new Repository(id, owner, name, null, null, List.of(), visibility, "main", false, false, null,
                Instant.now(), Instant.now(), null);
        repositories.put(id, r);
        return r;
    }

    /** Registers an existing git repository (its working tree at {@code workTree}, HEAD on {@code main}). */
    Repository adopt(String owner, String name, Path workTree) throws IOException {
        long id = nextId++;
        gits.put(id, Git.open(workTree.toFile()));
        Repository r = new Repository(id, owner, name, null, null, List.of(), Visibility.PUBLIC, "main", false, false,
                null, Instant.now(), Instant.now(), null);
        repositories.put(id, r);
        return r;
    }

    /** Writes {@code files} (path to content; {@code null} deletes) and commits them on the current branch. */
    RevCommit commit(Repository r, Map<String, String> files) throws IOException, GitAPIException {
        Git git = gits.get(r.id());
        Path work = git.getRepository().getWorkTree().toPath();
        // One add and one rm for all files: JGit rewrites its index file on each.
        org.eclipse.jgit.api.AddCommand add = git.add();
        org.eclipse.jgit.api.RmCommand rm = git.rm();
        boolean adds = false;
        boolean removals = false;
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = work.resolve(f.getKey());
            if (f.getValue() == null) {
                Files.deleteIfExists(file);
                rm.addFilepattern(f.getKey());
                removals = true;
            } else {
                Files.createDirectories(file.getParent() == null ? work : file.getParent());
                Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
                add.addFilepattern(f.getKey());
                adds = true;
            }
        }
        if (adds) {
            add.call();
        }
        if (removals) {
            rm.call();
        }
        PersonIdent who = new PersonIdent("Ada", "ada@example.com", Instant.ofEpochSecond(1_700_000_000L + tick++),
                java.time.ZoneOffset.UTC);
        return git.commit().setMessage("change " + tick).setAuthor(who).setCommitter(who).setAllowEmpty(true).call();
    }

    /** Writes raw bytes and commits them. */
    RevCommit commitBytes(Repository r, String path, byte[] bytes) throws IOException, GitAPIException {
        Git git = gits.get(r.id());
        Path file = git.getRepository().getWorkTree().toPath().resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        git.add().addFilepattern(path).call();
        PersonIdent who = new PersonIdent("Ada", "ada@example.com", Instant.ofEpochSecond(1_700_000_000L + tick++),
                java.time.ZoneOffset.UTC);
        return git.commit().setMessage("bytes").setAuthor(who).setCommitter(who).call();
    }

    /** Runs every queued job (and those they queue) through the indexer, as the worker would. */
    int drain() throws Exception {
        int ran = 0;
        while (!queued.isEmpty()) {
            String payload = queued.remove(0);
            indexer.handle(job(payload));
            ran++;
        }
        return ran;
    }

    /** Changes a repository's record (rename, visibility, default branch...). */
    Repository replace(Repository r, String owner, String name, Visibility visibility, String defaultBranch) {
        Repository changed = new Repository(r.id(), owner, name, null, null, List.of(), visibility, defaultBranch, false,
                false, null, r.createdAt(), Instant.now(), null);
        repositories.put(r.id(), changed);
        return changed;
    }

    @Override
    public void close() throws IOException {
        gits.values().forEach(Git::close);
        index.close();
    }

    /** The languages of the sample files, by extension, and vendored/generated/documentation as linguist says. */
    static final class TestLanguages implements Languages {
        private static final Map<String, String> BY_EXTENSION = Map.ofEntries(Map.entry("java", "Java"),
                Map.entry("go", "Go"), Map.entry("py", "Python"), Map.entry("ts", "TypeScript"),
                Map.entry("js", "JavaScript"), Map.entry("rs", "Rust"), Map.entry("md", "Markdown"),
                Map.entry("c", "C"), Map.entry("rb", "Ruby"), Map.entry("json", "JSON"));

        @Override
        public String language(String path) {
            int dot = path.lastIndexOf('.');
            return dot < 0 ? null : BY_EXTENSION.get(path.substring(dot + 1).toLowerCase(Locale.ROOT));
        }

        @Override
        public boolean vendored(String path) {
            return path.startsWith("node_modules/") || path.contains("/node_modules/") || path.startsWith("vendor/");
        }

        @Override
        public boolean generated(String path) {
            return path.endsWith(".min.js");
        }

        @Override
        public boolean documentation(String path) {
            return path.startsWith("docs/") || path.matches("(?i)(.*/)?readme(\\..*)?");
        }
    }
}
