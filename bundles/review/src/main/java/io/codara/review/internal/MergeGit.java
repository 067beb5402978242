package io.codara.review.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Writes the commits of a pull request's merge into the base repository's object database, without moving any ref
 * (the git capability's {@link io.codara.api.git.BranchUpdates} does that). A fork's commits are first copied into
 * the base repository, so the new branch tip is complete there even when the fork is deleted later. A resolution of
 * merge conflicts goes the other way: into the head repository, with the base's commits it lacks copied in. Objects
 * are written with {@code core.fsyncObjectFiles}, so they are durable before a ref may point at them.
 */
final class MergeGit {

    private MergeGit() {
    }

    /** A merge that could not be made: conflicts, or commits that cannot be replayed. */
    static class Conflict extends Exception {

        Conflict(String message) {
            super(message);
        }
    }

    /** Commits that cannot be replayed because they are merges. */
    static final class MergeCommits extends Conflict {

        MergeCommits(String message) {
            super(message);
        }
    }

    /** A two-parent merge commit of {@code head} into {@code base}. */
    static String mergeCommit(Path baseDir, Path headDir, String base, String head, PersonIdent who, String message)
            throws Conflict {
        return write(baseDir, headDir, head, (repository, inserter, walk) -> {
            RevCommit baseCommit = walk.parseCommit(ObjectId.fromString(base));
            RevCommit headCommit = walk.parseCommit(ObjectId.fromString(head));
            ObjectId tree = mergedTree(repository, inserter, null, baseCommit, headCommit);
            return commit(inserter, tree, List.of(baseCommit, headCommit), who, who, message);
        });
    }

    /** One commit on {@code base} with the pull request's changes, authored by {@code author}. */
    static String squash(Path baseDir, Path headDir, String base, String head, PersonIdent author,
            PersonIdent committer, String message) throws Conflict {
        return write(baseDir, headDir, head, (repository, inserter, walk) -> {
            RevCommit baseCommit = walk.parseCommit(ObjectId.fromString(base));
            RevCommit headCommit = walk.parseCommit(ObjectId.fromString(head));
            ObjectId tree = mergedTree(repository, inserter, null, baseCommit, headCommit);
            return commit(inserter, tree, List.of(baseCommit), author, committer, message);
        });
    }

    /**
     * Each commit of the pull request replayed onto {@code base}, oldest first: a linear history whose commits keep
     * their authors and messages, committed by {@code committer}. A pull request with merge commits cannot be
     * rebased, as on GitHub.
     */
    static String rebase(Path baseDir, Path headDir, String base, String head, PersonIdent committer)
            throws Conflict {
        return write(baseDir, headDir, head, (repository, inserter, walk) ->
                replay(repository, inserter, walk, base, head, committer));
    }

    /**
     * The same replay written into the head repository ({@code headDir}) instead, for moving the head branch onto
     * the rebased commits (auto-rebase): the base's commits the head repository lacks are copied in first.
     */
    static String rebaseHead(Path headDir, Path baseDir, String base, String head, PersonIdent committer)
            throws Conflict {
        return write(headDir, baseDir, base, (repository, inserter, walk) ->
                replay(repository, inserter, walk, base, head, committer));
    }

    private static ObjectId replay(Repository repository, ObjectInserter inserter, RevWalk walk, String base,
            String head, PersonIdent committer) throws IOException, Conflict {
        List<RevCommit> commits = new ArrayList<>();
        walk.markStart(walk.parseCommit(ObjectId.fromString(head)));
        walk.markUninteresting(walk.parseCommit(ObjectId.fromString(base)));
        for (RevCommit c : walk) {
            commits.add(c);
        }
        Collections.reverse(commits);
        walk.reset();
        for (RevCommit original : commits) {
            if (original.getParentCount() != 1) {
                throw new MergeCommits("This branch can't be rebased: it contains merge commits.");
            }
        }
        RevCommit tip = walk.parseCommit(ObjectId.fromString(base));
        for (RevCommit original : commits) {
            RevCommit parent = walk.parseCommit(original.getParent(0));
            ObjectId tree;
            try {
                tree = mergedTree(repository, inserter, parent, tip, original);
            } catch (Conflict e) {
                throw new Conflict("This branch can't be rebased: commit " + original.abbreviate(7).name()
                        + " does not apply cleanly.");
            }
            ObjectId id = commit(inserter, tree, List.of(tip), original.getAuthorIdent(), committer,
                    original.getFullMessage());
            tip = walk.parseCommit(id);
        }
        return tip;
    }

    /**
     * A two-parent merge commit of {@code base} into {@code head} (parents: head, then base) written into the head
     * repository, whose tree is the clean part of the merge plus {@code resolved} (path to content) for exactly the
     * conflicted paths. The base's commits a sibling fork lacks are first copied into the head repository.
     */
    static String resolution(Path headDir, Path baseDir, String head, String base, Map<String, byte[]> resolved,
            PersonIdent who, String message) throws Conflict {
        return write(headDir, baseDir, base, (repository, inserter, walk) -> {
            RevCommit headCommit = walk.parseCommit(ObjectId.fromString(head));
            RevCommit baseCommit = walk.parseCommit(ObjectId.fromString(base));
            ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(inserter,
                    repository.getConfig());
            DirCache index = DirCache.newInCore();
            merger.setDirCache(index);
            if (merger.merge(headCommit, baseCommit)) {
                throw new Conflict("The pull request has no merge conflicts to resolve.");
            }
            Map<String, DirCacheEntry[]> stages = MergeConflictsGit.stages(index);
            if (!stages.keySet().equals(new TreeSet<>(resolved.keySet()))) {
                throw new Conflict("The conflicted files changed: reload the conflicts and resolve them again.");
            }
            DirCache tree = DirCache.newInCore();
            DirCacheBuilder builder = tree.builder();
            for (int i = 0; i < index.getEntryCount(); i++) {
                DirCacheEntry entry = index.getEntry(i);
                if (entry.getStage() == DirCacheEntry.STAGE_0) {
                    builder.add(entry);
                } else if (entry == firstStage(stages.get(entry.getPathString()))) {
                    DirCacheEntry[] sides = stages.get(entry.getPathString());
                    DirCacheEntry mode = sides[2] != null ? sides[2] : sides[3];
                    DirCacheEntry merged = new DirCacheEntry(entry.getPathString());
                    merged.setFileMode(mode.getFileMode());
                    merged.setObjectId(inserter.insert(Constants.OBJ_BLOB, resolved.get(entry.getPathString())));
                    builder.add(merged);
                }
            }
            builder.finish();
            return commit(inserter, tree.writeTree(inserter), List.of(headCommit, baseCommit), who, who, message);
        });
    }

    private static DirCacheEntry firstStage(DirCacheEntry[] stages) {
        for (DirCacheEntry entry : stages) {
            if (entry != null) {
                return entry;
            }
        }
        return null;
    }

    /** Whether {@code base} is contained in {@code head}: the head branch is up to date with its base. */
    static boolean upToDate(Path baseDir, Path headDir, String base, String head) {
        try (Repository repository = PullRequestGit.open(baseDir, headDir); RevWalk walk = new RevWalk(repository)) {
            return walk.isMergedInto(walk.parseCommit(ObjectId.fromString(base)),
                    walk.parseCommit(ObjectId.fromString(head)));
        } catch (IOException e) {
            throw new IllegalStateException("Could not compare " + base + " and " + head, e);
        }
    }

    /** Whether commit {@code sha} of the repository at {@code gitDir} has a file at any of {@code paths}. */
    static boolean hasAny(Path gitDir, String sha, List<String> paths) {
        try (Repository repository = PullRequestGit.open(gitDir, null); RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(sha));
            for (String path : paths) {
                if (org.eclipse.jgit.treewalk.TreeWalk.forPath(repository, path, commit.getTree()) != null) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new IllegalStateException("Could not read " + sha + " of " + gitDir, e);
        }
    }

    /** The messages of the commits on {@code head} and not on {@code base}, oldest first. */
    static List<String> messages(Path baseDir, Path headDir, String base, String head) {
        return PullRequestGit.commits(baseDir, headDir, base, head, PullRequestGit.MAX_COMMITS).stream()
                .map(c -> c.message()).toList();
    }

    @FunctionalInterface
    private interface Work {
        ObjectId run(Repository repository, ObjectInserter inserter, RevWalk walk) throws IOException, Conflict;
    }

    private static String write(Path baseDir, Path headDir, String head, Work work) throws Conflict {
        try (Repository repository = PullRequestGit.open(baseDir, headDir);
                Repository own = new FileRepositoryBuilder().setGitDir(baseDir.toFile()).setMustExist(true).build()) {
            // This instance is private to the merge: the setting is not saved, it only makes the inserter fsync.
            repository.getConfig().setBoolean("core", null, "fsyncObjectFiles", true);
            own.getConfig().setBoolean("core", null, "fsyncObjectFiles", true);
            // The copy goes through the base's own inserter: one that sees the head's alternate skips what it finds
            // there, which is exactly what must be copied.
            try (ObjectInserter copier = own.newObjectInserter()) {
                copyMissing(repository, own, copier, ObjectId.fromString(head));
                copier.flush();
            }
            try (ObjectInserter inserter = repository.newObjectInserter();
                    RevWalk walk = new RevWalk(repository)) {
                ObjectId result = work.run(repository, inserter, walk);
                inserter.flush();
                return result.name();
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not write a merge into " + baseDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies what {@code head} reaches and the base repository ({@code own}, opened without the head's alternate)
     * lacks: a fork's own commits, trees and blobs. The walk stops at what the base's branches and tags reach.
     */
    private static void copyMissing(Repository combined, Repository own, ObjectInserter inserter, ObjectId head)
            throws IOException {
        if (own.getObjectDatabase().has(head)) {
            return;
        }
        try (ObjectWalk walk = new ObjectWalk(combined); ObjectReader ownReader = own.newObjectReader()) {
            walk.markStart(walk.parseAny(head));
            for (org.eclipse.jgit.lib.Ref ref : own.getRefDatabase().getRefs()) {
                ObjectId id = ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId();
                if (id != null && ownReader.has(id) && walk.parseAny(id) instanceof RevCommit commit) {
                    walk.markUninteresting(commit);
                }
            }
            for (RevCommit commit; (commit = walk.next()) != null;) {
                if (!ownReader.has(commit)) {
                    copy(walk, inserter, commit);
                }
            }
            for (RevObject object; (object = walk.nextObject()) != null;) {
                if (!ownReader.has(object)) {
                    copy(walk, inserter, object);
                }
            }
        }
    }

    private static void copy(ObjectWalk walk, ObjectInserter inserter, RevObject object) throws IOException {
        ObjectLoader loader = walk.getObjectReader().open(object);
        inserter.insert(loader.getType(), loader.getBytes());
    }

    private static ObjectId mergedTree(Repository repository, ObjectInserter inserter, RevCommit base,
            RevCommit ours, RevCommit theirs) throws IOException, Conflict {
        ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(inserter, repository.getConfig());
        if (base != null) {
            merger.setBase(base.getTree());
        }
        if (!merger.merge(ours, theirs)) {
            throw new Conflict("Pull Request is not mergeable");
        }
        return merger.getResultTreeId();
    }

    private static ObjectId commit(ObjectInserter inserter, ObjectId tree, List<? extends ObjectId> parents,
            PersonIdent author, PersonIdent committer, String message) throws IOException {
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        commit.setParentIds(parents.toArray(ObjectId[]::new));
        commit.setAuthor(author);
        commit.setCommitter(committer);
        commit.setMessage(message.endsWith("\n") ? message : message + "\n");
        return inserter.insert(commit);
    }
}
