package io.codara.git.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.merge.ThreeWayMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;

import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * N branches against one base: for each, how many commits it is ahead and behind, whether it merges into the base
 * without conflicts (a real recursive merge, in memory, nothing written) and which paths conflict, and when its
 * head was committed. Many heads are paged; the counts stop at a limit so that one unrelated history cannot make
 * a page slow.
 */
@Component(service = BranchComparison.class)
public final class BranchComparison {

    static final int MAX_HEADS = 100;
    static final int MAX_COUNT = 10_000;
    static final int MAX_CONFLICTS = 100;
    private static final long MERGE_BYTES = 64L << 20;

    /**
     * One head against the base.
     *
     * @param mergeable {@code true} when it merges cleanly (or is already merged), {@code false} on conflicts,
     *        {@code null} when the merge could not be tried (no common history, or too large)
     * @param countsTruncated whether ahead or behind stopped at the limit
     */
    record Head(String name, String sha, int aheadBy, int behindBy, boolean countsTruncated, Boolean mergeable,
            List<String> conflicts, Instant committedAt) {
    }

    record Result(String base, String baseSha, Page<Head> heads, List<String> missing) {
    }

    private final GitDirectories directories;

    @Activate
    public BranchComparison(@Reference GitDirectories directories) {
        this.directories = directories;
    }

    /**
     * Compares {@code heads} (branch names; {@code null} or empty: every branch except the base) with the branch
     * or commit {@code base} ({@code null}: the default branch). Named heads that do not exist are listed in
     * {@code missing}.
     */
    Result compare(Repository repository, String base, List<String> heads, PageRequest page) {
        if (heads != null && heads.size() > MAX_HEADS) {
            throw new ApiException(422, "At most " + MAX_HEADS + " heads may be compared at once.");
        }
        return GitReads.read(directories, repository, (git, walk) -> {
            RevCommit baseCommit = GitReads.commitOrFail(git, walk, repository, base);
            String baseName = base == null || base.isBlank() ? repository.defaultBranch() : base;
            List<String> names = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            if (heads == null || heads.isEmpty()) {
                for (Ref ref : git.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
                    String name = ref.getName().substring(Constants.R_HEADS.length());
                    if (!name.equals(baseName)) {
                        names.add(name);
                    }
                }
                names.sort(null);
            } else {
                Set<String> unique = new LinkedHashSet<>(heads);
                names.addAll(unique);
            }
            int from = (int) Math.min(page.offset(), names.size());
            int to = Math.min(from + page.perPage(), names.size());
            List<Head> out = new ArrayList<>();
            for (String name : names.subList(from, to)) {
                Optional<RevCommit> head = branch(git, walk, name);
                if (head.isEmpty()) {
                    missing.add(name);
                    continue;
                }
                out.add(head(git, walk.getObjectReader(), name, baseCommit, head.get()));
            }
            return new Result(baseName, baseCommit.name(), new Page<>(out, page, names.size()), missing);
        });
    }

    private static Optional<RevCommit> branch(org.eclipse.jgit.lib.Repository git, RevWalk walk, String name)
            throws IOException {
        if (name == null || name.isEmpty() || name.length() > 255
                || !org.eclipse.jgit.lib.Repository.isValidRefName(Constants.R_HEADS + name)) {
            return Optional.empty();
        }
        Ref ref = git.exactRef(Constants.R_HEADS + name);
        if (ref == null || ref.getObjectId() == null) {
            return Optional.empty();
        }
        RevObject peeled = Revisions.peel(walk, walk.parseAny(ref.getObjectId()));
        return peeled instanceof RevCommit c ? Optional.of(walk.parseCommit(c)) : Optional.empty();
    }

    private static Head head(org.eclipse.jgit.lib.Repository git, ObjectReader reader, String name, RevCommit base,
            RevCommit head) throws IOException {
        int[] ahead = count(reader, head, base);
        int[] behind = count(reader, base, head);
        boolean truncated = ahead[1] == 1 || behind[1] == 1;
        Boolean mergeable;
        List<String> conflicts = List.of();
        if (ahead[0] == 0) {
            mergeable = true; // nothing to merge
        } else if (!hasMergeBase(reader, base, head)) {
            mergeable = null;
        } else {
            try (ScratchInserter scratch = new ScratchInserter(git, MERGE_BYTES)) {
                ThreeWayMerger merger = (ThreeWayMerger) MergeStrategy.RECURSIVE.newMerger(scratch, git.getConfig());
                boolean clean = merger.merge(base, head);
                mergeable = clean;
                if (!clean && merger instanceof ResolveMerger resolve) {
                    List<String> paths = new ArrayList<>(resolve.getUnmergedPaths());
                    if (paths.isEmpty() && resolve.getFailingPaths() != null) {
                        paths.addAll(resolve.getFailingPaths().keySet());
                    }
                    conflicts = List.copyOf(paths.subList(0, Math.min(paths.size(), MAX_CONFLICTS)));
                }
            } catch (IOException tooLarge) {
                mergeable = null;
            }
        }
        return new Head(name, head.name(), ahead[0], behind[0], truncated, mergeable, conflicts,
                head.getCommitterIdent().getWhenAsInstant());
    }

    /** Commits in {@code include} and not in {@code exclude}, up to the limit: {count, 1 if stopped}. */
    private static int[] count(ObjectReader reader, RevCommit include, RevCommit exclude) throws IOException {
        try (RevWalk walk = new RevWalk(reader)) {
            walk.setRetainBody(false);
            walk.markStart(walk.parseCommit(include));
            walk.markUninteresting(walk.parseCommit(exclude));
            int n = 0;
            for (RevCommit c = walk.next(); c != null; c = walk.next()) {
                if (++n >= MAX_COUNT) {
                    return new int[] {n, 1};
                }
            }
            return new int[] {n, 0};
        }
    }

    private static boolean hasMergeBase(ObjectReader reader, RevCommit a, RevCommit b) throws IOException {
        try (RevWalk walk = new RevWalk(reader)) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(a));
            walk.markStart(walk.parseCommit(b));
            return walk.next() != null;
        }
    }
}
