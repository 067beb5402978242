package io.codara.review.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.codara.api.review.ChangedFile;
import io.codara.api.review.PullRequestCommit;

import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * Reads what a pull request compares, without writing to either repository: the base repository is opened with the
 * head repository's objects as an extra alternate, so a fork's own commits and the base's newer ones are both
 * visible in one object database.
 */
final class PullRequestGit {

    /** GitHub lists at most 250 commits of a pull request. */
    static final int MAX_COMMITS = 250;
    /** GitHub lists at most 3000 files of a pull request. */
    static final int MAX_FILES = 3000;
    /** A file's patch above this many characters is left out, as GitHub leaves out large diffs. */
    static final int MAX_PATCH_CHARS = 64 * 1024;

    /** GitHub shows a commit message without the newline that ends it in git. */
    private static final java.util.regex.Pattern TRAILING_NEWLINES = java.util.regex.Pattern.compile("\n+$");

    private PullRequestGit() {
    }

    /** The commit branch {@code name} points at in the repository at {@code gitDir}. */
    static Optional<String> branch(Path gitDir, String name) {
        if (name == null || name.isBlank() || !Files.isDirectory(gitDir)) {
            return Optional.empty();
        }
        try (Repository repository = open(gitDir, null)) {
            Ref ref = repository.exactRef(Constants.R_HEADS + name);
            return ref == null || ref.getObjectId() == null ? Optional.empty() : Optional.of(ref.getObjectId().name());
        } catch (IOException e) {
            throw new IllegalStateException("Could not read branch " + name + " of " + gitDir, e);
        }
    }

    /** The base repository, with the head repository's objects visible too when it is another directory. */
    static Repository open(Path baseDir, Path headDir) throws IOException {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setGitDir(baseDir.toFile()).setMustExist(true);
        if (headDir != null && Files.isDirectory(headDir.resolve("objects")) && !headDir.toAbsolutePath().normalize().equals(baseDir.toAbsolutePath().normalize())) {
            builder.addAlternateObjectDirectory(headDir.resolve("objects").toFile());
        }
        return builder.build();
    }

    /** The commits reachable from {@code head} and not from {@code base}, oldest first, at most {@code limit}. */
    static List<PullRequestCommit> commits(Path baseDir, Path headDir, String base, String head, int limit) {
        try (Repository repository = open(baseDir, headDir); RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(ObjectId.fromString(head)));
            walk.markUninteresting(walk.parseCommit(ObjectId.fromString(base)));
            List<PullRequestCommit> commits = new ArrayList<>();
            for (RevCommit commit : walk) {
                commits.add(commit(commit));
            }
            java.util.Collections.reverse(commits);
            return commits.size() > limit ? List.copyOf(commits.subList(0, limit)) : commits;
        } catch (IOException e) {
            throw new IllegalStateException("Could not list the commits between " + base + " and " + head, e);
        }
    }

    /** The files changed from the merge base of {@code base} and {@code head} to {@code head}, by path. */
    static List<ChangedFile> files(Path baseDir, Path headDir, String base, String head) {
        try (Repository repository = open(baseDir, headDir); RevWalk walk = new RevWalk(repository)) {
            RevCommit headCommit = walk.parseCommit(ObjectId.fromString(head));
            RevCommit baseCommit = walk.parseCommit(ObjectId.fromString(base));
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(headCommit);
            walk.markStart(baseCommit);
            RevCommit mergeBase = walk.next();
            AbstractTreeIterator from;
            var reader = repository.newObjectReader();
            try (reader) {
                if (mergeBase == null) {
                    from = new EmptyTreeIterator();
                } else {
                    from = new CanonicalTreeParser(null, reader, walk.parseCommit(mergeBase).getTree());
                }
                CanonicalTreeParser to = new CanonicalTreeParser(null, reader, headCommit.getTree());
                List<ChangedFile> files = new ArrayList<>();
                try (DiffFormatter scanner = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
                    scanner.setRepository(repository);
                    scanner.setDiffComparator(RawTextComparator.DEFAULT);
                    scanner.setDetectRenames(true);
                    for (DiffEntry entry : scanner.scan(from, to)) {
                        if (files.size() >= MAX_FILES) {
                            break;
                        }
                        files.add(file(repository, entry));
                    }
                }
                return files;
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not diff " + base + " and " + head, e);
        }
    }

    private static ChangedFile file(Repository repository, DiffEntry entry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int additions = 0;
        int deletions = 0;
        try (DiffFormatter formatter = new DiffFormatter(out)) {
            formatter.setRepository(repository);
            formatter.setDiffComparator(RawTextComparator.DEFAULT);
            formatter.format(entry);
            for (var edit : formatter.toFileHeader(entry).toEditList()) {
                additions += edit.getLengthB();
                deletions += edit.getLengthA();
            }
        }
        String text = out.toString(StandardCharsets.UTF_8);
        String patch = hunks(text);
        if (patch != null && patch.length() > MAX_PATCH_CHARS) {
            patch = null;
        }
        String status = switch (entry.getChangeType()) {
            case ADD -> "added";
            case DELETE -> "removed";
            case MODIFY -> "modified";
            case RENAME -> "renamed";
            case COPY -> "copied";
        };
        boolean removed = entry.getChangeType() == DiffEntry.ChangeType.DELETE;
        String path = removed ? entry.getOldPath() : entry.getNewPath();
        String previous = entry.getChangeType() == DiffEntry.ChangeType.RENAME
                || entry.getChangeType() == DiffEntry.ChangeType.COPY ? entry.getOldPath() : null;
        String sha = removed ? null : entry.getNewId().name();
        return new ChangedFile(path, previous, status, sha, additions, deletions, patch);
    }

    /** GitHub's {@code patch}: the hunks from the first {@code @@}, without git's file header; null when binary. */
    private static String hunks(String formatted) {
        int start = formatted.startsWith("@@") ? 0 : formatted.indexOf("\n@@");
        if (start < 0) {
            return formatted.contains("Binary files") ? null : "";
        }
        String hunks = formatted.substring(start == 0 ? 0 : start + 1);
        return hunks.endsWith("\n") ? hunks.substring(0, hunks.length() - 1) : hunks;
    }

    /** The UTF-8 text of {@code path} at {@code commit}, or empty when the commit has no such file. */
    static Optional<String> text(Path baseDir, Path headDir, String commit, String path) {
        try (Repository repository = open(baseDir, headDir); RevWalk walk = new RevWalk(repository)) {
            RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
            try (org.eclipse.jgit.treewalk.TreeWalk tree = org.eclipse.jgit.treewalk.TreeWalk.forPath(repository,
                    path, c.getTree())) {
                if (tree == null || (tree.getRawMode(0) & org.eclipse.jgit.lib.FileMode.TYPE_MASK)
                        != org.eclipse.jgit.lib.FileMode.TYPE_FILE) {
                    return Optional.empty();
                }
                return Optional.of(new String(repository.open(tree.getObjectId(0)).getBytes(),
                        StandardCharsets.UTF_8));
            }
        } catch (org.eclipse.jgit.errors.MissingObjectException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("Could not read " + path + " at " + commit, e);
        }
    }

    /** Whether {@code head} merges into {@code base} without conflicts, decided in memory (nothing is written). */
    static boolean mergeable(Path baseDir, Path headDir, String base, String head) {
        try (Repository repository = open(baseDir, headDir);
                ObjectInserter inserter = new HashingInserter(repository)) {
            ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(inserter, repository.getConfig());
            return merger.merge(ObjectId.fromString(base), ObjectId.fromString(head));
        } catch (IOException e) {
            throw new IllegalStateException("Could not merge " + head + " into " + base, e);
        }
    }

    /**
     * Computes the ids of what a merge would write without writing it; reads come from the repository. (JGit's
     * {@link ObjectInserter.Formatter} alone cannot open a reader, which a merger needs.)
     */
    static final class HashingInserter extends ObjectInserter.Formatter {

        private final Repository repository;

        HashingInserter(Repository repository) {
            this.repository = repository;
        }

        @Override
        public org.eclipse.jgit.lib.ObjectReader newReader() {
            return repository.newObjectReader();
        }

        @Override
        public ObjectId insert(int type, long length, java.io.InputStream in) throws IOException {
            return idFor(type, length, in);
        }

        @Override
        public org.eclipse.jgit.transport.PackParser newPackParser(java.io.InputStream in) {
            throw new UnsupportedOperationException("a merge check writes nothing");
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static PullRequestCommit commit(RevCommit commit) {
        PersonIdent author = commit.getAuthorIdent();
        PersonIdent committer = commit.getCommitterIdent();
        return new PullRequestCommit(commit.name(), commit.getTree().name(),
                Arrays.stream(commit.getParents()).map(RevCommit::name).toList(),
                TRAILING_NEWLINES.matcher(commit.getFullMessage()).replaceFirst(""),
                author.getName(), author.getEmailAddress(), author.getWhenAsInstant(), committer.getName(),
                committer.getEmailAddress(), committer.getWhenAsInstant());
    }
}
