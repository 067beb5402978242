package io.codara.review.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.Sequence;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeChunk;
import org.eclipse.jgit.merge.MergeFormatter;
import org.eclipse.jgit.merge.MergeResult;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;

/**
 * A pull request's merge conflicts as git shows them: JGit's recursive merge of the head (ours) with the base
 * (theirs), in memory, and for each conflicted text file the merged text with diff3-style markers written by JGit's
 * {@link MergeFormatter}, with its conflict hunks. Nothing is written to either repository.
 */
final class MergeConflictsGit {

    /** A conflicted file above this size (any side, or the merged text) is too large for the web editor. */
    static final int MAX_EDITABLE_BYTES = 512 * 1024;
    /** The name of the merge base in the {@code |||||||} marker. */
    static final String BASE_NAME = "base";

    private static final java.util.regex.Pattern LONE_LF = java.util.regex.Pattern.compile("(?<!\r)\n");

    private MergeConflictsGit() {
    }

    /** One conflict of a merged text: where its {@code <<<<<<<} marker is (1-based), and each side's lines. */
    record Hunk(int startLine, List<String> ours, List<String> base, List<String> theirs) {
    }

    /**
     * A conflicted file.
     *
     * @param status {@code both_modified}, {@code both_added}, {@code deleted_by_head} (the base modified it),
     *        {@code deleted_by_base} (the head modified it), {@code binary} (both changed a binary file) or
     *        {@code other} (a file against a directory, say)
     * @param reason why it cannot be resolved in the web editor, or {@code null} when it can
     * @param content the merged text with conflict markers, or {@code null} when the file is not editable text
     */
    record ConflictedFile(String path, String status, String reason, String content, List<Hunk> hunks,
            boolean crlf) {

        boolean resolvable() {
            return reason == null;
        }
    }

    /** What merging {@code headSha} into {@code baseSha} conflicts on; no files when it merges cleanly. */
    record Conflicts(String headSha, String baseSha, String mergeBaseSha, List<ConflictedFile> files) {

        boolean conflicted() {
            return !files.isEmpty();
        }
    }

    /** The conflicts of merging {@code base} into {@code head}, with the branch names the markers show. */
    static Conflicts conflicts(Path baseDir, Path headDir, String base, String head, String headName,
            String baseName) {
        try (Repository repository = PullRequestGit.open(baseDir, headDir);
                PullRequestGit.HashingInserter inserter = new PullRequestGit.HashingInserter(repository);
                ObjectReader reader = repository.newObjectReader()) {
            ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(inserter, repository.getConfig());
            DirCache index = DirCache.newInCore();
            merger.setDirCache(index);
            String mergeBase = mergeBase(repository, base, head);
            if (merger.merge(ObjectId.fromString(head), ObjectId.fromString(base))) {
                return new Conflicts(head, base, mergeBase, List.of());
            }
            Map<String, DirCacheEntry[]> stages = stages(index);
            List<ConflictedFile> files = new ArrayList<>();
            for (String path : new java.util.TreeSet<>(merger.getUnmergedPaths())) {
                DirCacheEntry[] entry = stages.getOrDefault(path, new DirCacheEntry[4]);
                files.add(file(reader, path, entry, merger.getMergeResults().get(path), headName, baseName));
            }
            return new Conflicts(head, base, mergeBase, files);
        } catch (IOException e) {
            throw new IllegalStateException("Could not merge " + head + " with " + base, e);
        }
    }

    /** The stages 1 (base), 2 (ours: the head) and 3 (theirs: the base branch) of each unmerged path. */
    static Map<String, DirCacheEntry[]> stages(DirCache index) {
        Map<String, DirCacheEntry[]> stages = new TreeMap<>();
        for (int i = 0; i < index.getEntryCount(); i++) {
            DirCacheEntry entry = index.getEntry(i);
            if (entry.getStage() != DirCacheEntry.STAGE_0) {
                stages.computeIfAbsent(entry.getPathString(), p -> new DirCacheEntry[4])[entry.getStage()] = entry;
            }
        }
        return stages;
    }

    private static String mergeBase(Repository repository, String base, String head) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(ObjectId.fromString(head)));
            walk.markStart(walk.parseCommit(ObjectId.fromString(base)));
            RevCommit found = walk.next();
            return found == null ? null : found.name();
        }
    }

    private static ConflictedFile file(ObjectReader reader, String path, DirCacheEntry[] stage,
            MergeResult<? extends Sequence> result, String headName, String baseName) throws IOException {
        DirCacheEntry common = stage[1];
        DirCacheEntry ours = stage[2];
        DirCacheEntry theirs = stage[3];
        String status;
        if (ours != null && theirs != null) {
            status = common == null ? "both_added" : "both_modified";
        } else if (common != null && ours != null) {
            status = "deleted_by_base";
        } else if (common != null && theirs != null) {
            status = "deleted_by_head";
        } else {
            status = "other";
        }
        if (status.startsWith("deleted_by_")) {
            return new ConflictedFile(path, status, "The file was deleted on one branch and modified on the other:"
                    + " keep or delete it on the command line.", null, List.of(), false);
        }
        if (status.equals("other")) {
            return new ConflictedFile(path, status, "A file conflicts with a directory or a submodule: resolve it on"
                    + " the command line.", null, List.of(), false);
        }
        for (DirCacheEntry side : stage) {
            if (side != null && side.getFileMode() != FileMode.REGULAR_FILE
                    && side.getFileMode() != FileMode.EXECUTABLE_FILE) {
                return new ConflictedFile(path, status, "Symbolic links and submodules can't be resolved in the web"
                        + " editor.", null, List.of(), false);
            }
        }
        boolean binary = result == null || result.getSequences().size() != 3;
        for (DirCacheEntry side : stage) {
            if (side == null) {
                continue;
            }
            if (reader.getObjectSize(side.getObjectId(), org.eclipse.jgit.lib.Constants.OBJ_BLOB)
                    > MAX_EDITABLE_BYTES) {
                return new ConflictedFile(path, status, "The file is too large to resolve in the web editor.", null,
                        List.of(), false);
            }
            binary |= RawText.isBinary(reader.open(side.getObjectId()).getBytes());
        }
        if (binary) {
            return new ConflictedFile(path, "binary", "Binary files can't be resolved in the web editor.", null,
                    List.of(), false);
        }
        @SuppressWarnings("unchecked")
        MergeResult<RawText> text = (MergeResult<RawText>) result;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MergeFormatter().formatMergeDiff3(out, text, List.of(BASE_NAME, headName, baseName),
                StandardCharsets.UTF_8);
        if (out.size() > MAX_EDITABLE_BYTES) {
            return new ConflictedFile(path, status, "The file is too large to resolve in the web editor.", null,
                    List.of(), false);
        }
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return new ConflictedFile(path, status, "The file is not UTF-8 text: resolve it on the command line.",
                    null, List.of(), false);
        }
        boolean crlf = content.contains("\r\n");
        if (crlf) {
            // JGit ends its marker lines with LF alone: in a CRLF file they end as the file's lines do, as git's do.
            content = LONE_LF.matcher(content).replaceAll("\r\n");
        }
        return new ConflictedFile(path, status, null, content, hunks(text), crlf);
    }

    /**
     * The conflict hunks of {@code result} in the order {@link MergeFormatter#formatMergeDiff3} writes them, each at
     * the line of its {@code <<<<<<<} marker: a conflict is written as the marker, our lines, {@code |||||||}, the
     * base's lines, {@code =======}, their lines and {@code >>>>>>>}. Lines are given without their line ending.
     */
    static List<Hunk> hunks(MergeResult<RawText> result) {
        List<Hunk> hunks = new ArrayList<>();
        List<RawText> sequences = result.getSequences();
        int line = 0;
        int start = 0;
        List<String> ours = List.of();
        List<String> base = List.of();
        for (MergeChunk chunk : result) {
            RawText sequence = sequences.get(chunk.getSequenceIndex());
            List<String> lines = new ArrayList<>();
            for (int i = chunk.getBegin(); i < chunk.getEnd(); i++) {
                String text = sequence.getString(i);
                lines.add(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
            }
            switch (chunk.getConflictState()) {
                case NO_CONFLICT -> line += lines.size();
                case FIRST_CONFLICTING_RANGE -> {
                    start = line + 1;
                    ours = lines;
                    base = List.of();
                    line += 1 + lines.size();
                }
                case BASE_CONFLICTING_RANGE -> {
                    base = lines;
                    line += 1 + lines.size();
                }
                case NEXT_CONFLICTING_RANGE -> {
                    hunks.add(new Hunk(start, ours, base, lines));
                    line += 2 + lines.size();
                }
            }
        }
        return hunks;
    }
}
