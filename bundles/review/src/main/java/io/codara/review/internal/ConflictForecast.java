package io.codara.review.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Which open pull requests of one base branch would conflict with each other: if one merges first, the other no
 * longer merges cleanly. Two pull requests can only conflict where both change a path, so each one's changed paths
 * (from its merge base with the base branch to its head) are read once, and only pairs that share a path are merged,
 * in memory and without writing anything: a three-way merge of the two heads over their merge base. (Merging one
 * into the base first and then the other would give the same conflicts for what both change; a pull request that
 * already conflicts with the base is reported by its own mergeability.)
 */
final class ConflictForecast {

    /** One open pull request: its id, where its head lives, and the commits it compares. */
    record Candidate(long id, Path headDir, String headSha, String baseSha) {
    }

    /** Two pull requests that conflict, and the paths where they do. */
    record Conflict(long first, long second, List<String> paths) {
    }

    /** The answer and what computing it took. */
    record Result(List<Conflict> conflicts, int pairsMerged, int pairsSharingNoPath, int pairsUnknown) {
    }

    private ConflictForecast() {
    }

    /**
     * Forecasts the conflicts between {@code candidates}, whose base branch lives in {@code baseDir}. A candidate
     * whose commits cannot be read (a fork deleted meanwhile) is left out.
     */
    static Result compute(Path baseDir, List<Candidate> candidates) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setGitDir(baseDir.toFile()).setMustExist(true);
        Set<Path> alternates = new HashSet<>();
        Path base = baseDir.toAbsolutePath().normalize();
        for (Candidate candidate : candidates) {
            Path head = candidate.headDir().toAbsolutePath().normalize();
            if (!head.equals(base) && Files.isDirectory(head.resolve("objects")) && alternates.add(head)) {
                builder.addAlternateObjectDirectory(head.resolve("objects").toFile());
            }
        }
        try (Repository repository = builder.build()) {
            Map<Candidate, Set<String>> changed = new LinkedHashMap<>();
            for (Candidate candidate : candidates) {
                Set<String> paths = changedPaths(repository, candidate);
                if (paths != null && !paths.isEmpty()) {
                    changed.put(candidate, paths);
                }
            }
            List<Candidate> order = new ArrayList<>(changed.keySet());
            List<Conflict> conflicts = new ArrayList<>();
            int merged = 0;
            int disjoint = 0;
            int unknown = 0;
            for (int i = 0; i < order.size(); i++) {
                for (int j = i + 1; j < order.size(); j++) {
                    Candidate a = order.get(i);
                    Candidate b = order.get(j);
                    if (!shareAPath(changed.get(a), changed.get(b))) {
                        disjoint++;
                        continue;
                    }
                    merged++;
                    List<String> paths;
                    try {
                        paths = conflictingPaths(repository, a.headSha(), b.headSha());
                    } catch (IOException e) {
                        // Criss-cross histories make the recursive merger write a virtual base it cannot read back
                        // here: such a pair stays unknown rather than failing the whole forecast.
                        unknown++;
                        continue;
                    }
                    if (!paths.isEmpty()) {
                        conflicts.add(new Conflict(a.id(), b.id(), paths));
                    }
                }
            }
            return new Result(conflicts, merged, disjoint, unknown);
        } catch (IOException e) {
            throw new IllegalStateException("Could not forecast the conflicts of pull requests in " + baseDir, e);
        }
    }

    private static boolean shareAPath(Set<String> a, Set<String> b) {
        Set<String> small = a.size() <= b.size() ? a : b;
        Set<String> large = small == a ? b : a;
        for (String path : small) {
            if (large.contains(path)) {
                return true;
            }
        }
        return false;
    }

    /** The paths changed from the merge base of the candidate's base and head to its head; null when unreadable. */
    private static Set<String> changedPaths(Repository repository, Candidate candidate) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit head;
            RevCommit baseCommit;
            try {
                head = walk.parseCommit(ObjectId.fromString(candidate.headSha()));
                baseCommit = walk.parseCommit(ObjectId.fromString(candidate.baseSha()));
            } catch (org.eclipse.jgit.errors.MissingObjectException e) {
                return null;
            }
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(head);
            walk.markStart(baseCommit);
            RevCommit mergeBase = walk.next();
            Set<String> paths = new TreeSet<>();
            try (TreeWalk tree = new TreeWalk(repository)) {
                tree.setRecursive(true);
                tree.setFilter(TreeFilter.ANY_DIFF);
                if (mergeBase == null) {
                    tree.addTree(new org.eclipse.jgit.treewalk.EmptyTreeIterator());
                } else {
                    tree.addTree(walk.parseCommit(mergeBase).getTree());
                }
                tree.addTree(head.getTree());
                while (tree.next()) {
                    paths.add(tree.getPathString());
                }
            }
            return paths;
        }
    }

    /** The paths where merging the two heads conflicts (empty when it merges cleanly). */
    static List<String> conflictingPaths(Repository repository, String first, String second) throws IOException {
        try (ObjectInserter inserter = new PullRequestGit.HashingInserter(repository)) {
            ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(inserter, repository.getConfig());
            if (merger.merge(ObjectId.fromString(first), ObjectId.fromString(second))) {
                return List.of();
            }
            Set<String> paths = new TreeSet<>(merger.getUnmergedPaths());
            paths.addAll(merger.getFailingPaths() == null ? Set.of() : merger.getFailingPaths().keySet());
            return List.copyOf(paths);
        }
    }
}
