package io.codara.git.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.jgit.api.BlameCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.blame.BlameResult;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Who last changed each line of a file, with JGit's blame (renames followed), as ranges of consecutive lines
 * from one commit, the way GitHub's GraphQL {@code blame} answers: each range with its commit and an age from 1
 * (the newest change in the file) to 10 (the oldest). Files above a size limit are refused with 413 and binary
 * files with 422, rather than blamed slowly or meaninglessly.
 */
@Component(service = RepositoryBlame.class)
public final class RepositoryBlame {

    static final long DEFAULT_MAX_BYTES = 1 << 20;

    /** The commit a range comes from. */
    record Source(String sha, String headline, String authorName, String authorEmail, Instant authorDate) {
    }

    /**
     * Lines {@code startingLine..endingLine} (1-based, inclusive) of the file were last changed by {@code commit},
     * where they were lines {@code originalStartingLine..} of {@code originalPath}.
     */
    record Range(int startingLine, int endingLine, int age, Source commit, String originalPath, int originalStartingLine) {
    }

    /** The blame of {@code path} at commit {@code sha} ({@code ref} as the caller named it). */
    record Blame(String ref, String sha, String path, int lines, List<Range> ranges) {
    }

    private final GitDirectories directories;
    private final long maxBytes;

    @Activate
    public RepositoryBlame(@Reference GitDirectories directories) {
        this(directories, DEFAULT_MAX_BYTES);
    }

    RepositoryBlame(GitDirectories directories, long maxBytes) {
        this.directories = directories;
        this.maxBytes = maxBytes;
    }

    /**
     * The blame of the file at {@code refAndPath}, {@code <ref>/<path>} where the ref may contain slashes: the
     * shortest ref that exists and has the path wins, as on raw URLs.
     */
    Blame blame(Repository repository, String refAndPath) {
        return GitReads.read(directories, repository, (git, walk) -> {
            GitReads.requireNotEmpty(git);
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
                if (path.isEmpty()) {
                    continue;
                }
                try (TreeWalk tw = TreeWalk.forPath(walk.getObjectReader(), path, commit.get().getTree())) {
                    if (tw == null) {
                        continue;
                    }
                    FileMode mode = tw.getFileMode(0);
                    if (mode.getObjectType() != Constants.OBJ_BLOB || mode == FileMode.GITLINK) {
                        throw new ApiException(422, "Only files can be blamed; " + GitReads.printable(path)
                                + " is a " + (mode == FileMode.TREE ? "directory" : "submodule") + ".");
                    }
                    ObjectLoader blob = walk.getObjectReader().open(tw.getObjectId(0), Constants.OBJ_BLOB);
                    if (blob.getSize() > maxBytes) {
                        throw new ApiException(413, "This file is too large to blame (" + blob.getSize()
                                + " bytes; the limit is " + maxBytes + ").");
                    }
                    if (RawText.isBinary(blob.getCachedBytes((int) maxBytes))) {
                        throw new ApiException(422, "Binary files cannot be blamed.");
                    }
                }
                return blame(git, commit.get(), refAndPath.substring(0, slash), path);
            }
            throw ApiException.notFound();
        });
    }

    private static Blame blame(org.eclipse.jgit.lib.Repository git, RevCommit commit, String ref, String path)
            throws IOException {
        BlameResult result;
        try {
            result = new BlameCommand(git).setStartCommit(commit).setFilePath(path).setFollowFileRenames(true).call();
        } catch (GitAPIException e) {
            throw new IOException("blame of " + path + " failed: " + e.getMessage(), e);
        }
        if (result == null) {
            throw ApiException.notFound();
        }
        int lines = result.getResultContents().size();
        long newest = Long.MIN_VALUE;
        long oldest = Long.MAX_VALUE;
        for (int i = 0; i < lines; i++) {
            long t = result.getSourceCommit(i).getAuthorIdent().getWhenAsInstant().getEpochSecond();
            newest = Math.max(newest, t);
            oldest = Math.min(oldest, t);
        }
        List<Range> ranges = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= lines; i++) {
            boolean split = i == lines || !result.getSourceCommit(i).equals(result.getSourceCommit(start))
                    || !result.getSourcePath(i).equals(result.getSourcePath(start))
                    || result.getSourceLine(i) != result.getSourceLine(i - 1) + 1;
            if (split) {
                RevCommit source = result.getSourceCommit(start);
                long t = source.getAuthorIdent().getWhenAsInstant().getEpochSecond();
                int age = newest == oldest ? 1 : 1 + (int) Math.round(9.0 * (newest - t) / (newest - oldest));
                ranges.add(new Range(start + 1, i, age, source(source), result.getSourcePath(start),
                        result.getSourceLine(start) + 1));
                start = i;
            }
        }
        return new Blame(ref, commit.name(), path, lines, ranges);
    }

    private static Source source(RevCommit c) {
        return new Source(c.name(), c.getShortMessage(), c.getAuthorIdent().getName(),
                c.getAuthorIdent().getEmailAddress(), c.getAuthorIdent().getWhenAsInstant());
    }
}
