package io.codara.api.search;

import java.util.List;

/**
 * A file of a repository where a stack frame's code may be, with the code around the frame's line.
 *
 * @param traceIndex the index of the frame's trace in {@link StackTraceSearchResult#traces()}
 * @param frameIndex the index of the frame in its trace
 * @param frame the frame
 * @param repositoryId the repository's id
 * @param repository the repository's current {@code owner/name}
 * @param branch the indexed branch the file was found on
 * @param commit the commit whose content the excerpt shows: the commit or version the trace names when the
 *        repository has it, else the branch's indexed commit
 * @param revision the trace's commit id or version that {@code commit} was resolved from (a version through a tag
 *        such as {@code v1.4.2}), or {@code null} when the excerpt is of the indexed branch
 * @param path the file's path in the repository
 * @param line the frame's line
 * @param function the function or method defined nearest above that line, when the file's symbols are known for
 *        that content, else {@code null}
 * @param matchedBy {@code path} when the file was found by the frame's path with directories, {@code file_name} when
 *        by its bare file name only
 * @param repositoryFrames how many distinct frames of the pasted traces this repository holds files for
 * @param excerpt up to three lines either side of the frame's line, that line marked; empty when the file is
 *        shorter than the line
 */
public record FrameLocation(int traceIndex, int frameIndex, TraceFrame frame, long repositoryId, String repository,
        String branch, String commit, String revision, String path, int line, String function, String matchedBy,
        int repositoryFrames, List<ExcerptLine> excerpt) {

    public FrameLocation {
        excerpt = List.copyOf(excerpt);
    }
}
