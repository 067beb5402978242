package io.codara.api.search;

import java.util.List;

/**
 * The answer to a pasted stack trace: the traces found in the text and where their frames' code is.
 *
 * @param traces the stack traces found, root cause first within a chain
 * @param incompleteResults whether frames or files were left out (too many frames, or too many files per frame)
 * @param items the locations, best first: application frames before library frames, repositories that hold
 *        several frames of the traces first, then files found by path before those found by bare file name, then
 *        frames nearer the top of the innermost trace first
 */
public record StackTraceSearchResult(List<ParsedTrace> traces, boolean incompleteResults, List<FrameLocation> items) {

    public StackTraceSearchResult {
        traces = List.copyOf(traces);
        items = List.copyOf(items);
    }
}
