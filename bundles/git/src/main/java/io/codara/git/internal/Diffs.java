package io.codara.git.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * The files that differ between two trees, as GitHub lists them under a commit or a comparison: renames detected,
 * unified patches with three lines of context (only the hunks, as GitHub gives them), binary files and oversized
 * patches without a patch, and the line counts either way.
 */
final class Diffs {

    /**
     * One changed file. {@code patch} is {@code null} for binary files, changes without hunks (a pure rename, a
     * mode change) and patches over the limits.
     */
    record FileChange(String filename, String previousFilename, String status, String sha, int additions,
            int deletions, String patch) {

        int changes() {
            return additions + deletions;
        }
    }

    /** The changed files (at most the limit) and the totals over every changed file. */
    record Changes(List<FileChange> files, int additions, int deletions, int changedFiles) {
    }

    private final Repository git;
    private final RepositoryBrowser.Limits limits;

    Diffs(Repository git, RepositoryBrowser.Limits limits) {
        this.git = git;
        this.limits = limits;
    }

    /** From {@code oldTree} ({@code null}: the empty tree of a root commit) to {@code newTree}. */
    Changes between(AnyObjectId oldTree, AnyObjectId newTree) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter formatter = new DiffFormatter(out)) {
            formatter.setRepository(git);
            formatter.setDetectRenames(true);
            formatter.setContext(3);
            // Files larger than this are shown as binary, so one huge file cannot take the memory of a request.
            formatter.setBinaryFileThreshold(limits.diffFileBytes());
            List<DiffEntry> entries = formatter.scan(oldTree, newTree);
            List<FileChange> files = new ArrayList<>();
            int additions = 0;
            int deletions = 0;
            long patchBytes = 0;
            for (DiffEntry entry : entries) {
                out.reset();
                formatter.format(entry);
                byte[] formatted = out.toByteArray();
                int hunks = hunks(formatted);
                int added = 0;
                int deleted = 0;
                if (hunks >= 0) {
                    for (int i = hunks; i < formatted.length; i = next(formatted, i)) {
                        byte first = formatted[i];
                        added += first == '+' ? 1 : 0;
                        deleted += first == '-' ? 1 : 0;
                    }
                }
                additions += added;
                deletions += deleted;
                if (files.size() >= limits.diffFiles()) {
                    continue;
                }
                String patch = null;
                int length = hunks < 0 ? 0 : formatted.length - hunks;
                if (hunks >= 0 && length <= limits.patchBytes() && patchBytes + length <= limits.totalPatchBytes()) {
                    patch = new String(formatted, hunks, stripNewline(formatted, length), StandardCharsets.UTF_8);
                    patchBytes += length;
                }
                files.add(change(entry, added, deleted, patch));
            }
            return new Changes(files, additions, deletions, entries.size());
        }
    }

    private static FileChange change(DiffEntry entry, int additions, int deletions, String patch) {
        return switch (entry.getChangeType()) {
            case ADD -> new FileChange(entry.getNewPath(), null, "added", entry.getNewId().name(), additions, deletions, patch);
            case DELETE -> new FileChange(entry.getOldPath(), null, "removed", entry.getOldId().name(), additions, deletions,
                    patch);
            case RENAME -> new FileChange(entry.getNewPath(), entry.getOldPath(), "renamed", entry.getNewId().name(),
                    additions, deletions, patch);
            case COPY -> new FileChange(entry.getNewPath(), entry.getOldPath(), "copied", entry.getNewId().name(),
                    additions, deletions, patch);
            case MODIFY -> new FileChange(entry.getNewPath(), null,
                    additions + deletions == 0 && !entry.getOldMode().equals(entry.getNewMode()) ? "changed" : "modified",
                    entry.getNewId().name(), additions, deletions, patch);
        };
    }

    /** Where the first hunk ("@@ ") starts, or -1 when there is none (binary, or no content change). */
    private static int hunks(byte[] formatted) {
        for (int i = 0; i < formatted.length; i = next(formatted, i)) {
            if (i + 2 < formatted.length && formatted[i] == '@' && formatted[i + 1] == '@' && formatted[i + 2] == ' ') {
                return i;
            }
        }
        return -1;
    }

    /** The start of the line after the one starting at {@code i}. */
    private static int next(byte[] text, int i) {
        int j = i;
        while (j < text.length && text[j] != '\n') {
            j++;
        }
        return j + 1;
    }

    private static int stripNewline(byte[] formatted, int length) {
        return length > 0 && formatted[formatted.length - 1] == '\n' ? length - 1 : length;
    }
}
