package io.codara.git.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevBlob;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.AndRevFilter;
import org.eclipse.jgit.revwalk.filter.CommitTimeRevFilter;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Reads a hosted repository's refs, trees, files, history and diffs for the browsing API, with JGit, returning
 * plain records. Every name and path a caller gives is looked up through {@link Revisions}; nothing reaches the
 * file system or a command line. An empty repository (no refs at all) answers 409, as GitHub's does.
 */
@Component(service = RepositoryBrowser.class)
public final class RepositoryBrowser {

    /**
     * How much one request may read.
     *
     * @param treeEntries entries of one tree listing before it is {@code truncated}
     * @param inlineBytes file size up to which contents carry the file, base64
     * @param blobBytes blob size up to which {@code git/blobs} answers base64 (raw streams any size)
     * @param diffFileBytes file size beyond which a diff treats a file as binary
     * @param diffFiles files listed per commit or comparison
     * @param patchBytes patch size per file beyond which the patch is left out
     * @param totalPatchBytes patch bytes per answer beyond which further patches are left out
     * @param compareCommits commits listed by a comparison
     * @param countCommits commits counted past a page of history to tell how many pages there are
     */
    record Limits(int treeEntries, long inlineBytes, long blobBytes, int diffFileBytes, int diffFiles, int patchBytes,
            long totalPatchBytes, int compareCommits, int countCommits) {

        static final Limits DEFAULT = new Limits(100_000, 1 << 20, 10L << 20, 4 << 20, 300, 256 << 10, 4L << 20, 250,
                10_000);
    }

    /** An author or committer. */
    record Person(String name, String email, Instant date) {
    }

    /** A commit's own facts. */
    record Commit(String sha, String tree, Person author, Person committer, String message, List<String> parents,
            CommitSignatures.Signed signed) {
    }

    /** A branch or tag in a list: its short name and the commit it points at. */
    record Named(String name, String sha) {
    }

    /** A ref as {@code git/refs} shows it: full name, the object it points at and that object's type. */
    record RefEntry(String ref, String sha, String type) {
    }

    /** An entry of {@code git/trees}; {@code size} only for blobs. */
    record TreeEntry(String path, String mode, String type, String sha, Long size) {
    }

    record Tree(String sha, List<TreeEntry> entries, boolean truncated) {
    }

    /** A blob; {@code content} is {@code null} when it is larger than the limit for inline answers. */
    record Blob(String sha, long size, byte[] content) {
    }

    /** What {@code contents/{path}} finds: a file (or symlink or submodule) or a directory. */
    sealed interface Content permits File, Directory {
    }

    /**
     * A file, symlink or submodule. {@code type} is GitHub's: {@code file}, {@code dir}, {@code symlink} or
     * {@code submodule}; {@code content} is {@code null} above the inline limit and for directories and submodules;
     * {@code target} is a symlink's target or a submodule's commit.
     */
    record File(String name, String path, String type, String sha, long size, byte[] content, String target)
            implements Content {
    }

    record Directory(String path, List<File> entries) implements Content {
    }

    /** A commit with the files it changed from its first parent. */
    record CommitDetail(Commit commit, Diffs.Changes changes) {
    }

    /** {@code base...head}: GitHub's status, counts, the commits on head only, and the files changed on head. */
    record Comparison(String status, int aheadBy, int behindBy, Commit base, Commit mergeBase, List<Commit> commits,
            Diffs.Changes changes) {
    }

    /**
     * The filters of a history listing.
     *
     * @param sha where to start: branch, tag or commit; {@code null} for the default branch
     * @param path only commits that changed this path
     * @param author a login or a part of an email address
     * @param authorEmails further exact email addresses of that author (known to Codara)
     * @param since commits committed at or after
     * @param until commits committed at or before
     */
    record CommitQuery(String sha, String path, String author, Set<String> authorEmails, Instant since, Instant until) {

        CommitQuery {
            authorEmails = authorEmails == null ? Set.of() : Set.copyOf(authorEmails);
        }
    }

    private final GitDirectories directories;
    private final Limits limits;

    @Activate
    public RepositoryBrowser(@Reference GitDirectories directories) {
        this(directories, Limits.DEFAULT);
    }

    RepositoryBrowser(GitDirectories directories, Limits limits) {
        this.directories = directories;
        this.limits = limits;
    }

    Limits limits() {
        return limits;
    }

    // ---- refs

    Page<Named> branches(Repository repository, PageRequest page) {
        return read(repository, (git, walk) -> page(named(git, walk, Constants.R_HEADS, false), page));
    }

    /** A branch's head commit, if there is such a branch. */
    Optional<Commit> branch(Repository repository, String name) {
        return read(repository, (git, walk) -> {
            if (name == null || !org.eclipse.jgit.lib.Repository.isValidRefName(Constants.R_HEADS + name)) {
                return Optional.empty();
            }
            Ref ref = git.exactRef(Constants.R_HEADS + name);
            if (ref == null || ref.getObjectId() == null) {
                return Optional.empty();
            }
            RevObject peeled = Revisions.peel(walk, walk.parseAny(ref.getObjectId()));
            return peeled instanceof RevCommit commit ? Optional.of(commit(walk.parseCommit(commit))) : Optional.empty();
        });
    }

    /** Tags, newest name first as GitHub lists them, each with the commit it (or its annotated tag) points at. */
    Page<Named> tags(Repository repository, PageRequest page) {
        return read(repository, (git, walk) -> page(named(git, walk, Constants.R_TAGS, true), page));
    }

    private static List<Named> named(org.eclipse.jgit.lib.Repository git, RevWalk walk, String prefix, boolean newestFirst)
            throws IOException {
        List<Named> out = new ArrayList<>();
        for (Ref ref : git.getRefDatabase().getRefsByPrefix(prefix)) {
            if (ref.getObjectId() == null) {
                continue;
            }
            RevObject peeled;
            try {
                peeled = Revisions.peel(walk, walk.parseAny(ref.getObjectId()));
            } catch (MissingObjectException e) {
                continue; // a ref to an object that is gone is not worth failing a whole list for
            }
            out.add(new Named(ref.getName().substring(prefix.length()), peeled.name()));
        }
        Comparator<Named> byName = Comparator.comparing(Named::name);
        out.sort(newestFirst ? byName.reversed() : byName);
        return out;
    }

    /**
     * Refs whose name, without {@code refs/}, starts with {@code prefix} ({@code ""} for all), sorted by name. The
     * prefix is matched against the listed names, never handed to the ref database, so it cannot name a file.
     */
    List<RefEntry> refs(Repository repository, String prefix) {
        return read(repository, (git, walk) -> {
            requireNotEmpty(git);
            String wanted = Constants.R_REFS + (prefix == null ? "" : prefix);
            List<RefEntry> out = new ArrayList<>();
            for (Ref ref : git.getRefDatabase().getRefsByPrefix(Constants.R_REFS)) {
                if (ref.getObjectId() == null || !ref.getName().startsWith(wanted)) {
                    continue;
                }
                int type;
                try {
                    type = walk.getObjectReader().open(ref.getObjectId()).getType();
                } catch (MissingObjectException e) {
                    continue;
                }
                out.add(new RefEntry(ref.getName(), ref.getObjectId().name(), Constants.typeString(type)));
            }
            out.sort(Comparator.comparing(RefEntry::ref));
            return out;
        });
    }

    // ---- trees and blobs

    /** The tree named by {@code treeish} (a tree id, or a commit, branch or tag whose tree it is). */
    Tree tree(Repository repository, String treeish, boolean recursive) {
        return read(repository, (git, walk) -> {
            requireNotEmpty(git);
            RevTree tree = Revisions.tree(git, walk, treeish).orElseThrow(ApiException::notFound);
            ObjectReader reader = walk.getObjectReader();
            List<TreeEntry> entries = new ArrayList<>();
            boolean truncated = false;
            try (TreeWalk tw = new TreeWalk(reader)) {
                tw.addTree(tree);
                tw.setRecursive(false);
                while (tw.next()) {
                    if (entries.size() >= limits.treeEntries()) {
                        truncated = true;
                        break;
                    }
                    FileMode mode = tw.getFileMode(0);
                    ObjectId id = tw.getObjectId(0);
                    String type = Constants.typeString(mode.getObjectType());
                    Long size = mode.getObjectType() == Constants.OBJ_BLOB ? size(reader, id) : null;
                    entries.add(new TreeEntry(tw.getPathString(), mode(mode), type, id.name(), size));
                    if (recursive && tw.isSubtree()) {
                        tw.enterSubtree();
                    }
                }
            }
            return new Tree(tree.name(), entries, truncated);
        });
    }

    /** The blob with id {@code sha}; its content when it is within the inline limit for blobs. */
    Blob blob(Repository repository, String sha) {
        return read(repository, (git, walk) -> {
            requireNotEmpty(git);
            ObjectId id = Revisions.id(walk.getObjectReader(), sha).orElseThrow(ApiException::notFound);
            ObjectLoader loader = walk.getObjectReader().open(id);
            if (loader.getType() != Constants.OBJ_BLOB) {
                throw ApiException.notFound();
            }
            long size = loader.getSize();
            return new Blob(id.name(), size, size <= limits.blobBytes() ? loader.getCachedBytes((int) size) : null);
        });
    }

    /** Copies blob {@code sha} to {@code out} as it is, streamed whatever its size. */
    void copyBlob(Repository repository, String sha, OutputStream out) {
        read(repository, (git, walk) -> {
            ObjectId id = Revisions.id(walk.getObjectReader(), sha).orElseThrow(ApiException::notFound);
            ObjectLoader loader = walk.getObjectReader().open(id, Constants.OBJ_BLOB);
            loader.copyTo(out);
            return null;
        });
    }

    // ---- contents

    /**
     * The file or directory at {@code path} ({@code ""}: the root) in commit {@code ref} ({@code null}: the
     * default branch).
     */
    Content content(Repository repository, String path, String ref) {
        String p = Revisions.path(path);
        return read(repository, (git, walk) -> {
            RevCommit commit = commitOrFail(git, walk, ref == null || ref.isBlank() ? repository.defaultBranch() : ref);
            return find(walk.getObjectReader(), commit.getTree(), p).orElseThrow(ApiException::notFound);
        });
    }

    /**
     * The README of directory {@code dir} ({@code ""}: the root): {@code README.md} first, then {@code README},
     * then any {@code README.*}, without regard to case.
     */
    Optional<File> readme(Repository repository, String dir, String ref) {
        String d = Revisions.path(dir);
        return read(repository, (git, walk) -> {
            if (!git.getRefDatabase().hasRefs()) {
                return Optional.empty();
            }
            RevCommit commit = commitOrFail(git, walk, ref == null || ref.isBlank() ? repository.defaultBranch() : ref);
            ObjectReader reader = walk.getObjectReader();
            Optional<Content> found = find(reader, commit.getTree(), d);
            if (found.isEmpty() || !(found.get() instanceof Directory directory)) {
                return Optional.empty();
            }
            Optional<File> best = directory.entries().stream()
                    .filter(f -> f.type().equals("file") && readmeRank(f.name()) < Integer.MAX_VALUE)
                    .min(Comparator.comparingInt((File f) -> readmeRank(f.name())).thenComparing(File::name));
            if (best.isEmpty()) {
                return Optional.empty();
            }
            return find(reader, commit.getTree(), best.get().path()).map(File.class::cast);
        });
    }

    private static int readmeRank(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("readme.md")) {
            return 0;
        }
        if (lower.equals("readme")) {
            return 1;
        }
        return lower.startsWith("readme.") ? 2 : Integer.MAX_VALUE;
    }

    /**
     * The file at {@code refAndPath}, {@code <ref>/<path>} where the ref may contain slashes itself: the shortest
     * ref that exists and has the path wins, as on GitHub's raw URLs.
     */
    File rawFile(Repository repository, String refAndPath) {
        return read(repository, (git, walk) -> {
            requireNotEmpty(git);
            for (int slash = refAndPath.indexOf('/'); slash > 0; slash = refAndPath.indexOf('/', slash + 1)) {
                Optional<RevCommit> commit = Revisions.commit(git, walk, refAndPath.substring(0, slash));
                if (commit.isEmpty()) {
                    continue;
                }
                String path;
                try {
                    path = Revisions.path(refAndPath.substring(slash + 1));
                } catch (ApiException notFound) {
                    continue;
                }
                Optional<Content> found = path.isEmpty() ? Optional.empty()
                        : find(walk.getObjectReader(), commit.get().getTree(), path);
                if (found.isPresent() && found.get() instanceof File file && !file.type().equals("submodule")) {
                    return file;
                }
            }
            throw ApiException.notFound();
        });
    }

    private Optional<Content> find(ObjectReader reader, RevTree root, String path) throws IOException {
        if (path.isEmpty()) {
            return Optional.of(directory(reader, root, ""));
        }
        try (TreeWalk tw = TreeWalk.forPath(reader, path, root)) {
            if (tw == null) {
                return Optional.empty();
            }
            FileMode mode = tw.getFileMode(0);
            ObjectId id = tw.getObjectId(0);
            String name = tw.getNameString();
            if (mode == FileMode.TREE) {
                return Optional.of(directory(reader, id, path));
            }
            if (mode == FileMode.GITLINK) {
                return Optional.of(new File(name, path, "submodule", id.name(), 0, null, id.name()));
            }
            ObjectLoader loader = reader.open(id, Constants.OBJ_BLOB);
            long size = loader.getSize();
            if (mode == FileMode.SYMLINK) {
                String target = size > Revisions.MAX_PATH ? null
                        : new String(loader.getCachedBytes(Revisions.MAX_PATH), StandardCharsets.UTF_8);
                return Optional.of(new File(name, path, "symlink", id.name(), size, null, target));
            }
            byte[] content = size <= limits.inlineBytes() ? loader.getCachedBytes((int) size) : null;
            return Optional.of(new File(name, path, "file", id.name(), size, content, null));
        }
    }

    private Directory directory(ObjectReader reader, ObjectId tree, String path) throws IOException {
        List<File> entries = new ArrayList<>();
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(tree);
            tw.setRecursive(false);
            while (tw.next()) {
                FileMode mode = tw.getFileMode(0);
                ObjectId id = tw.getObjectId(0);
                String name = tw.getNameString();
                String child = path.isEmpty() ? name : path + "/" + name;
                if (mode == FileMode.TREE) {
                    entries.add(new File(name, child, "dir", id.name(), 0, null, null));
                } else if (mode == FileMode.GITLINK) {
                    // GitHub lists submodules as files in a directory, for compatibility with old clients.
                    entries.add(new File(name, child, "file", id.name(), 0, null, id.name()));
                } else {
                    entries.add(new File(name, child, mode == FileMode.SYMLINK ? "symlink" : "file", id.name(),
                            size(reader, id), null, null));
                }
                if (entries.size() >= limits.treeEntries()) {
                    break;
                }
            }
        }
        return new Directory(path, entries);
    }

    // ---- history

    /** A page of the history from {@code query.sha()}, newest first, filtered as GitHub filters it. */
    Page<Commit> commits(Repository repository, CommitQuery query, PageRequest page) {
        String path = query.path() == null ? "" : Revisions.path(query.path());
        return read(repository, (git, walk) -> {
            RevCommit start = commitOrFail(git, walk, query.sha() == null || query.sha().isBlank()
                    ? repository.defaultBranch() : query.sha());
            List<RevFilter> filters = new ArrayList<>();
            if (query.since() != null) {
                filters.add(CommitTimeRevFilter.after(query.since()));
            }
            if (query.until() != null) {
                filters.add(CommitTimeRevFilter.before(query.until()));
            }
            if (query.author() != null && !query.author().isBlank()) {
                filters.add(new AuthorFilter(query.author().strip(), query.authorEmails()));
            }
            if (!filters.isEmpty()) {
                walk.setRevFilter(filters.size() == 1 ? filters.get(0) : AndRevFilter.create(filters));
            }
            if (!path.isEmpty()) {
                walk.setTreeFilter(AndTreeFilter.create(PathFilterGroup.createFromStrings(path), TreeFilter.ANY_DIFF));
            }
            walk.markStart(start);
            long offset = page.offset();
            long countUntil = offset + page.perPage() + limits.countCommits();
            List<Commit> items = new ArrayList<>();
            long seen = 0;
            for (RevCommit c = walk.next(); c != null && seen < countUntil; c = walk.next()) {
                if (seen >= offset && items.size() < page.perPage()) {
                    items.add(commit(c));
                }
                seen++;
            }
            return new Page<>(items, page, seen);
        });
    }

    /** The commit {@code ref} names, with the files it changed from its first parent. */
    CommitDetail commit(Repository repository, String ref) {
        return read(repository, (git, walk) -> {
            RevCommit commit = commitOrFail(git, walk, ref);
            RevTree parent = commit.getParentCount() == 0 ? null : walk.parseCommit(commit.getParent(0)).getTree();
            return new CommitDetail(commit(commit), new Diffs(git, limits).between(parent, commit.getTree()));
        });
    }

    /** {@code base...head}: how head relates to base, its own commits, and its changes since their merge base. */
    Comparison compare(Repository repository, String base, String head) {
        return read(repository, (git, walk) -> {
            RevCommit from = commitOrFail(git, walk, base);
            RevCommit to = commitOrFail(git, walk, head);
            ObjectReader reader = walk.getObjectReader();
            RevCommit mergeBase;
            try (RevWalk mb = new RevWalk(reader)) {
                mb.setRevFilter(RevFilter.MERGE_BASE);
                mb.markStart(mb.parseCommit(from));
                mb.markStart(mb.parseCommit(to));
                mergeBase = mb.next();
            }
            if (mergeBase == null) {
                throw new ApiException(404, "No common ancestor between " + base + " and " + head + ".");
            }
            mergeBase = walk.parseCommit(mergeBase);
            List<RevCommit> ahead = only(reader, to, from);
            int behind = only(reader, from, to).size();
            String status = ahead.isEmpty() && behind == 0 ? "identical"
                    : behind == 0 ? "ahead" : ahead.isEmpty() ? "behind" : "diverged";
            Collections.reverse(ahead);
            List<Commit> commits = new ArrayList<>();
            for (RevCommit c : ahead.subList(0, Math.min(ahead.size(), limits.compareCommits()))) {
                commits.add(commit(walk.parseCommit(c)));
            }
            Diffs.Changes changes = new Diffs(git, limits).between(mergeBase.getTree(), to.getTree());
            return new Comparison(status, ahead.size(), behind, commit(from), commit(mergeBase), commits, changes);
        });
    }

    /** Commits reachable from {@code include} and not from {@code exclude}, newest first. */
    private static List<RevCommit> only(ObjectReader reader, RevCommit include, RevCommit exclude) throws IOException {
        try (RevWalk walk = new RevWalk(reader)) {
            walk.setRetainBody(false);
            walk.markStart(walk.parseCommit(include));
            walk.markUninteresting(walk.parseCommit(exclude));
            List<RevCommit> out = new ArrayList<>();
            for (RevCommit c = walk.next(); c != null; c = walk.next()) {
                out.add(c);
            }
            return out;
        }
    }

    // ---- shared

    private static Commit commit(RevCommit c) {
        List<String> parents = new ArrayList<>(c.getParentCount());
        for (RevCommit parent : c.getParents()) {
            parents.add(parent.name());
        }
        String message = c.getFullMessage();
        while (message.endsWith("\n")) {
            message = message.substring(0, message.length() - 1);
        }
        return new Commit(c.name(), c.getTree().name(), person(c.getAuthorIdent()), person(c.getCommitterIdent()),
                message, parents, CommitSignatures.split(c.getRawBuffer()).orElse(null));
    }

    private static Person person(PersonIdent ident) {
        return new Person(ident.getName(), ident.getEmailAddress(), ident.getWhenAsInstant());
    }

    private static RevCommit commitOrFail(org.eclipse.jgit.lib.Repository git, RevWalk walk, String ref) throws IOException {
        requireNotEmpty(git);
        return Revisions.commit(git, walk, ref)
                .orElseThrow(() -> new ApiException(404, "No commit found for the ref " + printable(ref)));
    }

    private static void requireNotEmpty(org.eclipse.jgit.lib.Repository git) throws IOException {
        if (!git.getRefDatabase().hasRefs()) {
            throw new ApiException(409, "Git Repository is empty.");
        }
    }

    /** A caller's ref as it may be echoed in a message: short, and without control characters. */
    private static String printable(String ref) {
        String s = ref == null ? "" : ref.replaceAll("\\p{Cntrl}", "?");
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }

    private static Long size(ObjectReader reader, ObjectId id) throws IOException {
        try {
            return reader.getObjectSize(id, Constants.OBJ_BLOB);
        } catch (MissingObjectException e) {
            return 0L;
        }
    }

    private static String mode(FileMode mode) {
        return String.format("%06o", mode.getBits());
    }

    private static <T> Page<T> page(List<T> all, PageRequest page) {
        int from = (int) Math.min(page.offset(), all.size());
        int to = Math.min(from + page.perPage(), all.size());
        return new Page<>(all.subList(from, to), page, all.size());
    }

    @FunctionalInterface
    private interface GitWork<T> {
        T run(org.eclipse.jgit.lib.Repository git, RevWalk walk) throws IOException;
    }

    private <T> T read(Repository repository, GitWork<T> work) {
        try (org.eclipse.jgit.lib.Repository git = directories.open(repository.id()); RevWalk walk = new RevWalk(git)) {
            return work.run(git, walk);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read repository " + repository.fullName() + ": " + e.getMessage(), e);
        }
    }

    /** Commits by an author given as a login or a part of an email address, as GitHub's {@code author} filter. */
    private static final class AuthorFilter extends RevFilter {

        private final String needle;
        private final Set<String> emails;

        AuthorFilter(String author, Set<String> emails) {
            this.needle = author.toLowerCase(Locale.ROOT);
            this.emails = emails.stream().map(e -> e.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
        }

        @Override
        public boolean include(RevWalk walker, RevCommit commit) {
            PersonIdent author = commit.getAuthorIdent();
            String email = author.getEmailAddress() == null ? "" : author.getEmailAddress().toLowerCase(Locale.ROOT);
            return author.getName().equalsIgnoreCase(needle) || email.contains(needle) || emails.contains(email);
        }

        @Override
        public RevFilter clone() {
            return this;
        }

        @Override
        public String toString() {
            return "AUTHOR(" + needle + ")";
        }
    }
}
