package io.codara.review.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * What commit comments are placed on: a commit named by its SHA (full or abbreviated) and the patch of each file it
 * changes against its first parent (the empty tree for a root commit), as the commit page shows it (renames
 * detected, three lines of context).
 */
final class CommitDiffs {

    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{4,40}");

    private CommitDiffs() {
    }

    /** The full SHA of the commit that {@code sha} names in the repository at {@code gitDir}, if there is one. */
    static Optional<String> resolve(Path gitDir, String sha) {
        if (sha == null || !SHA.matcher(sha).matches() || gitDir == null || !Files.isDirectory(gitDir)) {
            return Optional.empty();
        }
        try (Repository repository = open(gitDir); RevWalk walk = new RevWalk(repository)) {
            ObjectId id = repository.resolve(sha.toLowerCase(java.util.Locale.ROOT) + "^{commit}");
            return id == null ? Optional.empty() : Optional.of(walk.parseCommit(id).name());
        } catch (AmbiguousObjectException | MissingObjectException | IncorrectObjectTypeException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("Could not read commit " + sha + " of " + gitDir, e);
        }
    }

    /** The diff of each file that commit {@code sha} (a full SHA) changes, by its path after the commit. */
    static Map<String, ReviewDiff> files(Path gitDir, String sha) {
        try (Repository repository = open(gitDir); RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(sha));
            ObjectId parentTree = commit.getParentCount() == 0 ? null
                    : walk.parseCommit(commit.getParent(0)).getTree();
            Map<String, ReviewDiff> files = new LinkedHashMap<>();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (DiffFormatter formatter = new DiffFormatter(out)) {
                formatter.setRepository(repository);
                formatter.setDiffComparator(RawTextComparator.DEFAULT);
                formatter.setDetectRenames(true);
                formatter.setContext(3);
                for (DiffEntry entry : formatter.scan(parentTree, commit.getTree())) {
                    if (entry.getChangeType() == DiffEntry.ChangeType.DELETE) {
                        continue;  // a deleted file has no line of the new side to comment on
                    }
                    out.reset();
                    formatter.format(entry);
                    files.put(entry.getNewPath(), ReviewDiff.of(hunks(out.toString(StandardCharsets.UTF_8))));
                }
            }
            return files;
        } catch (IOException e) {
            throw new IllegalStateException("Could not diff commit " + sha + " of " + gitDir, e);
        }
    }

    /** GitHub's {@code patch}: the hunks from the first {@code @@}, without git's file header. */
    private static String hunks(String formatted) {
        int start = formatted.startsWith("@@") ? 0 : formatted.indexOf("\n@@");
        if (start < 0) {
            return null;
        }
        String hunks = formatted.substring(start == 0 ? 0 : start + 1);
        return hunks.endsWith("\n") ? hunks.substring(0, hunks.length() - 1) : hunks;
    }

    private static Repository open(Path gitDir) throws IOException {
        return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
    }
}
