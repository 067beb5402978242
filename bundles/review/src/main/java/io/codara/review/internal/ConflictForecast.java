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
import java.util.TreeMap;
import java.util.TreeSet;

import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * Which open pull requests of one base branch would conflict with each other: if one merges first, the other no
 * longer merges cleanly. Each pull request's changes (from its merge base with the base branch to its head: the
 * changed paths and, for modified text files, the changed line ranges) are read once. Two pull requests can only
 * conflict where both change a path; when they branched from the same merge base and their edits to every shared
 * path are apart by at least one unchanged line, a three-way merge takes both sides, as git's does. Only the other
 * pairs are merged, in memory and without writing anything: a three-way merge of the two heads over their merge base.
 * (Merging one into the base first and then the other gives the same conflicts for what both change; a pull request
 * that already conflicts with the base is reported by its own mergeability.)
 */
final class ConflictForecast {

    /** One open pull request: its id, where its head lives, and the commits it compares. */
    record Candidate(long id, Path headDir, String headSha, String baseSha) {
    }

    /** Two pull requests that conflict, and the paths where they do. */
    record Conflict(long first, long second, List<String> paths) {
    }

    /** The answer and what computing it took. */
    record Result(List<Conflict> conflicts, int pairsMerged, int pairsSharingNoPath, int pairsWithEditsApart,
            int pairsUnknown) {
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
            Map<Candidate, Changes> changed = new LinkedHashMap<>();
            for (Candidate candidate : candidates) {
                Changes changes = changes(repository, candidate);
                if (changes != null && !changes.byPath().isEmpty()) {
                    changed.put(candidate, changes);
                }
            }
            List<Candidate> order = new ArrayList<>(changed.keySet());
            List<Conflict> conflicts = new ArrayList<>();
            int merged = 0;
            int noSharedPath = 0;
            int apartEdits = 0;
            int unknown = 0;
            for (int i = 0; i < order.size(); i++) {
                for (int j = i + 1; j < order.size(); j++) {
                    Candidate a = order.get(i);
                    Candidate b = order.get(j);
                    Overlap overlap = overlap(changed.get(a), changed.get(b));
                    if (overlap == Overlap.NO_SHARED_PATH) {
                        noSharedPath++;
                        continue;
                    }
                    if (overlap == Overlap.EDITS_APART) {
                        apartEdits++;
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
            return new Result(conflicts, merged, noSharedPath, apartEdits, unknown);
        } catch (IOException e) {
            throw new IllegalStateException("Could not forecast the conflicts of pull requests in " + baseDir, e);
        }
    }

    /** What a pair of pull requests shares. */
    enum Overlap {
        /** No path changed by both: they cannot conflict. */
        NO_SHARED_PATH,
        /**
         * Both change some paths, from the same merge base, but their edits are apart by at least one unchanged line
         * everywhere: a three-way merge over that base takes both sides (git conflicts only where edits overlap or
         * touch).
         */
        EDITS_APART,
        /** Edits that overlap or touch, whole-file changes, or different merge bases: only a merge tells. */
        MAY_CONFLICT
    }

    /** A pull request's changes from its merge base with the base branch: line ranges of the base, per path. */
    record Changes(ObjectId mergeBase, Map<String, List<int[]>> byPath) {
    }

    /** A path added, deleted, renamed, binary or of another mode: any change to it by another may conflict. */
    private static final List<int[]> WHOLE = List.of();

    static Overlap overlap(Changes a, Changes b) {
        boolean shared = false;
        boolean sameBase = a.mergeBase() != null && a.mergeBase().equals(b.mergeBase());
        Map<String, List<int[]>> small = a.byPath().size() <= b.byPath().size() ? a.byPath() : b.byPath();
        Map<String, List<int[]>> large = small == a.byPath() ? b.byPath() : a.byPath();
        for (Map.Entry<String, List<int[]>> entry : small.entrySet()) {
            List<int[]> other = large.get(entry.getKey());
            if (other == null) {
                continue;
            }
            shared = true;
            if (!sameBase || entry.getValue() == WHOLE || other == WHOLE || touch(entry.getValue(), other)) {
                return Overlap.MAY_CONFLICT;
            }
        }
        return shared ? Overlap.EDITS_APART : Overlap.NO_SHARED_PATH;
    }

    /** Whether any edit of one list overlaps or touches (no unchanged line between) an edit of the other. */
    private static boolean touch(List<int[]> a, List<int[]> b) {
        for (int[] x : a) {
            for (int[] y : b) {
                if (x[0] <= y[1] && y[0] <= x[1]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The candidate's changes from its merge base to its head; null when its commits cannot be read. */
    private static Changes changes(Repository repository, Candidate candidate) throws IOException {
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
            Map<String, List<int[]>> byPath = new TreeMap<>();
            try (DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
                diff.setRepository(repository);
                diff.setDiffComparator(RawTextComparator.DEFAULT);
                diff.setDetectRenames(false);
                var from = mergeBase == null ? null : walk.parseCommit(mergeBase).getTree();
                for (DiffEntry entry : diff.scan(from, head.getTree())) {
                    if (entry.getChangeType() != DiffEntry.ChangeType.MODIFY
                            || !entry.getOldMode().equals(entry.getNewMode())) {
                        byPath.put(entry.getOldPath(), WHOLE);
                        byPath.put(entry.getNewPath(), WHOLE);
                        continue;
                    }
                    FileHeader header = diff.toFileHeader(entry);
                    if (header.getPatchType() != FileHeader.PatchType.UNIFIED) {
                        byPath.put(entry.getNewPath(), WHOLE);
                        continue;
                    }
                    List<int[]> ranges = new ArrayList<>();
                    for (Edit edit : header.toEditList()) {
                        ranges.add(new int[] {edit.getBeginA(), edit.getEndA()});
                    }
                    byPath.put(entry.getNewPath(), ranges.isEmpty() ? WHOLE : ranges);
                }
            }
            byPath.remove(DiffEntry.DEV_NULL);
            return new Changes(mergeBase == null ? null : mergeBase.copy(), byPath);
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
